/**
 * The page: the catalog of document types (the ones written and issued; the register book is printed from the
 * register), the composer of one type or of a server draft, "Văn bản của tôi", and the register.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, apiKey, getTemplates, registerAvailable, setApiKey, type TemplateInfo } from './api.js';
import { announce } from './announce.js';
import { Composer } from './Composer.js';
import { MyDocuments, startDraft } from './MyDocuments.js';
import { getDraft } from './api.js';
import { Register } from './Register.js';
import { useHeadingFocus } from './focus.js';

type Route = { view: 'catalog' } | { view: 'compose'; id: string } | { view: 'draft'; draftId: string } | { view: 'mine' } | { view: 'register' };

function parseRoute(hash: string): Route {
  const m = /^#\/soan\/([\w-]+)$/.exec(hash);
  if (m?.[1]) return { view: 'compose', id: m[1] };
  const d = /^#\/ban-thao\/([0-9a-f-]{36})$/.exec(hash);
  if (d?.[1]) return { view: 'draft', draftId: d[1] };
  if (hash === '#/van-ban-cua-toi') return { view: 'mine' };
  if (hash === '#/so-van-ban') return { view: 'register' };
  return { view: 'catalog' };
}

/** A server draft, opened in the composer of its type. */
function DraftComposer(props: { draftId: string; templates: TemplateInfo[]; registerOn: boolean; onAuthNeeded: () => void }) {
  const [template, setTemplate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    getDraft(props.draftId).then(
      (d) => !cancelled && setTemplate(d.template),
      (e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : 'Không mở được bản thảo.'),
    );
    return () => {
      cancelled = true;
    };
  }, [props.draftId]);
  if (error)
    return (
      <div className="panel">
        <div className="alert alert-error" role="alert">
          {error} <a href="#/van-ban-cua-toi">Về Văn bản của tôi</a>
        </div>
      </div>
    );
  if (!template)
    return (
      <div className="panel" role="status">
        <progress aria-label="Đang mở bản thảo" /> Đang mở bản thảo...
      </div>
    );
  return <Composer key={props.draftId} templates={props.templates} id={template} draftId={props.draftId} registerOn={props.registerOn} onAuthNeeded={props.onAuthNeeded} />;
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
          : route.view === 'mine'
            ? 'Văn bản của tôi'
            : route.view === 'draft'
              ? 'Bản thảo'
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
  const view = (route.view === 'register' || route.view === 'mine' || route.view === 'draft') && !showRegister ? 'catalog' : route.view;

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
            <a href="#/van-ban-cua-toi" aria-current={view === 'mine' || view === 'draft' ? 'page' : undefined}>
              Văn bản của tôi
            </a>
          )}
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
        {templates && view === 'catalog' && <Catalog templates={templates} registerOn={registerOn} />}
        {templates && view === 'mine' && <MyDocuments onAuthNeeded={onAuthNeeded} />}
        {templates && view === 'draft' && route.view === 'draft' && (
          <DraftComposer draftId={route.draftId} templates={templates} registerOn={registerOn} onAuthNeeded={onAuthNeeded} />
        )}
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

function Catalog({ templates, registerOn }: { templates: TemplateInfo[]; registerOn: boolean }) {
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const [error, setError] = useState<string | null>(null);
  // The register book is not a document one writes: it is printed from the register ("Sổ văn bản đi").
  const writable = templates.filter((t) => t.issuable !== false);
  return (
    <div className="catalog panel">
      <h2 ref={heading} tabIndex={-1}>
        Chọn loại văn bản
      </h2>
      <p className="lead">
        Chọn loại văn bản cần soạn. Biểu mẫu mở sẵn dữ liệu mẫu (số và ngày để trống) để sửa; bản xem trước PDF cập nhật khi gõ và
        mang dấu "DỰ THẢO" cho đến khi ban hành.
        {registerOn && ' Hoặc bắt đầu từ văn bản trống, chỉ điền sẵn những gì hồ sơ cơ quan có.'}
      </p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <ul className="cards">
        {writable.map((t) => (
          <li key={t.id} className="card-item">
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
            {registerOn && (
              <button type="button" className="btn btn-small card-blank" onClick={() => void startDraft({ template: t.id, start: 'blank' }, setError)}>
                Văn bản trống<span className="sr-only">: {t.title}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
