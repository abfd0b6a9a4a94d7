/** The page: the catalog of document types, the composer of one type, and the register when the service has one. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, apiKey, getTemplates, registerAvailable, setApiKey, type TemplateInfo } from './api.js';
import { announce } from './announce.js';
import { Composer } from './Composer.js';
import { Register } from './Register.js';
import { useHeadingFocus } from './focus.js';

type Route = { view: 'catalog' } | { view: 'compose'; id: string } | { view: 'register' };

function parseRoute(hash: string): Route {
  const m = /^#\/soan\/([\w-]+)$/.exec(hash);
  if (m?.[1]) return { view: 'compose', id: m[1] };
  if (hash === '#/so-van-ban') return { view: 'register' };
  return { view: 'catalog' };
}

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registerOn, setRegisterOn] = useState(false);
  const [needKey, setNeedKey] = useState(false);
  const [keyDraft, setKeyDraft] = useState('');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    setError(null);
    getTemplates()
      .then(setTemplates)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setNeedKey(true);
        setError(e instanceof ApiError ? e.message : 'Không tải được danh mục: tải lại trang.');
      });
    void registerAvailable().then(setRegisterOn);
  }, [attempt]);

  useEffect(() => {
    const title =
      route.view === 'compose'
        ? `${templates?.find((t) => t.id === route.id)?.title ?? 'Soạn văn bản'} · Soạn văn bản`
        : route.view === 'register'
          ? 'Sổ văn bản đi'
          : 'Soạn thảo văn bản hành chính';
    document.title = `${title} · vanban`;
  }, [route, templates]);

  const onAuthNeeded = useCallback(() => setNeedKey(true), []);

  const saveKey = (e: FormEvent) => {
    e.preventDefault();
    setApiKey(keyDraft.trim() || null);
    setNeedKey(false);
    announce('Đã lưu khóa API cho phiên làm việc này.');
    setAttempt((a) => a + 1);
  };

  const showRegister = registerOn;
  const view = route.view === 'register' && !showRegister ? 'catalog' : route.view;

  return (
    <>
      <a className="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="site-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            VB
          </span>
          <span className="brand-text">
            <strong>Soạn thảo văn bản hành chính</strong>
            <small>Thể thức theo Nghị định 30/2020/NĐ-CP</small>
          </span>
        </div>
        <nav aria-label="Chức năng chính" className="site-nav">
          <a href="#/" aria-current={view === 'catalog' || view === 'compose' ? 'page' : undefined}>
            Soạn văn bản
          </a>
          {showRegister && (
            <a href="#/so-van-ban" aria-current={view === 'register' ? 'page' : undefined}>
              Sổ văn bản đi
            </a>
          )}
          <a href="/docs" className="nav-quiet">
            Tài liệu API
          </a>
        </nav>
      </header>

      {needKey && (
        <form className="keybar" onSubmit={saveKey} aria-labelledby="key-title">
          <p id="key-title">
            Dịch vụ yêu cầu khóa API. Nhập khóa do người quản trị cấp (chỉ giữ trong thẻ trình duyệt này).
          </p>
          <label htmlFor="api-key" className="sr-only">
            Khóa API
          </label>
          <input id="api-key" className="input" type="password" autoComplete="off" value={keyDraft} onChange={(e) => setKeyDraft(e.target.value)} placeholder="Khóa API" />
          <button type="submit" className="btn btn-primary">
            Dùng khóa này
          </button>
          {apiKey() && (
            <button type="button" className="btn" onClick={() => { setApiKey(null); setKeyDraft(''); }}>
              Xóa khóa đã lưu
            </button>
          )}
        </form>
      )}

      <main id="main">
        {error && !templates && (
          <div className="panel">
            <div className="alert alert-error" role="alert">
              <p>{error}</p>
              <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>
                Thử lại
              </button>
            </div>
          </div>
        )}
        {!templates && !error && (
          <div className="panel" role="status">
            <progress aria-label="Đang tải danh mục" /> Đang tải danh mục văn bản...
          </div>
        )}
        {templates && view === 'catalog' && <Catalog templates={templates} />}
        {templates && view === 'compose' && route.view === 'compose' && (
          templates.some((t) => t.id === route.id) ? (
            <Composer key={route.id} templates={templates} id={route.id} registerOn={registerOn} onAuthNeeded={onAuthNeeded} />
          ) : (
            <div className="panel">
              <h2 tabIndex={-1}>Không có loại văn bản "{route.id}"</h2>
              <p>
                <a href="#/">Quay về danh mục</a> và chọn một loại văn bản.
              </p>
            </div>
          )
        )}
        {templates && view === 'register' && <Register templates={templates} onAuthNeeded={onAuthNeeded} />}
      </main>
      <div id="announcer" className="sr-only" role="status" aria-live="polite" aria-atomic="true" />
    </>
  );
}

function Catalog({ templates }: { templates: TemplateInfo[] }) {
  const heading = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="catalog panel">
      <h2 ref={heading} tabIndex={-1}>
        Chọn loại văn bản
      </h2>
      <p className="lead">
        Chọn loại văn bản cần soạn. Biểu mẫu mở sẵn dữ liệu mẫu để sửa; bản xem trước PDF cập nhật khi gõ; tải về DOCX để sửa tiếp
        hoặc PDF để ký.
      </p>
      <ul className="cards">
        {templates.map((t) => (
          <li key={t.id}>
            <a className="card" href={`#/soan/${t.id}`} aria-labelledby={`card-${t.id}`} aria-describedby={`card-${t.id}-meta`}>
              <span className="card-abbr" aria-hidden="true">
                {t.typeAbbreviation ?? 'VB'}
              </span>
              <span className="card-title" id={`card-${t.id}`}>
                {t.title}
              </span>
              <span className="card-meta" id={`card-${t.id}-meta`}>
                {t.typeAbbreviation ? `Ký hiệu ${t.typeAbbreviation}` : 'Ký hiệu theo tên loại'} · DOCX, PDF
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
