/**
 * Sổ văn bản đi: GET /v1/documents?year=&agency=&type=&q=&page=, the archived PDF/DOCX of each entry, "Tạo từ văn
 * bản này" (a new draft from its archived input, number and date cleared), and the printed register book (the
 * one type that is not a document to write: reached from here, not from the catalog).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, archivedFile, listDocuments, saveBlob, type Format, type RegisterPage, type RegisterQuery, type TemplateInfo } from './api.js';
import { announce } from './announce.js';
import { useHeadingFocus } from './focus.js';
import { VerifyDrop } from './VerifyDrop.js';
import { errorText } from './errors.js';
import { startDraft } from './MyDocuments.js';

const fmtDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

const STATUS: Record<string, string> = { issued: 'Đã ban hành', revoked: 'Đã thu hồi', issuing: 'Đang hoàn tất', replaced: 'Đã thay thế' };

export function Register(props: { templates: TemplateInfo[]; onAuthNeeded: () => void }) {
  const { templates, onAuthNeeded } = props;
  // All years at first (a document keeps the date written in it): the newest first.
  const [form, setForm] = useState<RegisterQuery>({ year: '', agency: '', type: '', q: '' });
  const [query, setQuery] = useState<RegisterQuery>({ page: 1 });
  const [page, setPage] = useState<RegisterPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fileBusy, setFileBusy] = useState<string | null>(null);
  const heading = useHeadingFocus<HTMLHeadingElement>();

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    listDocuments(query, ctrl.signal)
      .then((p) => {
        setPage(p);
        announce(`Tìm thấy ${p.total} văn bản.`);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) onAuthNeeded();
        setError(errorText(e));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [query, onAuthNeeded]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...form, page: 1 });
  };

  const get = async (id: string, format: Format) => {
    setFileBusy(`${id}.${format}`);
    try {
      const f = await archivedFile(id, format);
      saveBlob(f.blob, f.filename);
    } catch (e) {
      setError(`Không tải được bản ${format.toUpperCase()}. ${errorText(e)}`);
    } finally {
      setFileBusy(null);
    }
  };

  const pages = page ? Math.max(1, Math.ceil(page.total / Math.max(1, page.pageSize))) : 1;
  const current = page?.page ?? 1;

  return (
    <div className="register panel">
      <h2 ref={heading} tabIndex={-1}>
        Sổ văn bản đi
      </h2>
      <p className="lead">
        <a href="#/soan/so-dang-ky-van-ban-di">In sổ đăng ký văn bản đi</a> (mẫu sổ theo Nghị định 30/2020/NĐ-CP).
      </p>
      <form className="register-search" onSubmit={search} role="search" aria-label="Tìm trong sổ văn bản đi">
        <div className="field">
          <label htmlFor="reg-year" className="field-label">Năm</label>
          <input id="reg-year" className="input" inputMode="numeric" placeholder="Tất cả" value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="reg-type" className="field-label">Loại văn bản</label>
          <select id="reg-type" className="input select" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
            <option value="">Tất cả</option>
            {templates.filter((t) => t.issuable !== false).map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="reg-agency" className="field-label">Cơ quan</label>
          <input id="reg-agency" className="input" value={form.agency} onChange={(e) => setForm({ ...form, agency: e.target.value })} />
        </div>
        <div className="field field-wide">
          <label htmlFor="reg-q" className="field-label">Từ khóa (số, ký hiệu, trích yếu)</label>
          <input id="reg-q" className="input" type="search" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
        </div>
        <div className="field field-button">
          <button type="submit" className="btn btn-primary">Tìm</button>
        </div>
      </form>

      <p role="status" className="register-status">
        {loading ? 'Đang tải sổ...' : page ? `${page.total} văn bản${pages > 1 ? `, trang ${current}/${pages}` : ''}.` : ''}
      </p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {page && page.items.length > 0 && (
        <table className="register-table">
          <caption className="sr-only">Văn bản đi, trang {current}</caption>
          <thead>
            <tr>
              <th scope="col">Số, ký hiệu</th>
              <th scope="col">Ngày</th>
              <th scope="col">Loại</th>
              <th scope="col">Trích yếu</th>
              <th scope="col">Cơ quan</th>
              <th scope="col">Tình trạng</th>
              <th scope="col">Bản lưu</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label="Số, ký hiệu">{d.kyHieu}</th>
                <td data-label="Ngày">{fmtDate(d.issuedDate)}</td>
                <td data-label="Loại">{d.typeName}</td>
                <td data-label="Trích yếu">{d.summary}</td>
                <td data-label="Cơ quan">{d.agencyName}</td>
                <td data-label="Tình trạng">{STATUS[d.status] ?? d.status}</td>
                <td data-label="Bản lưu" className="files">
                  {(['pdf', 'docx'] as const).map((f) => (
                    <button key={f} type="button" className="btn btn-small" onClick={() => get(d.id, f)} disabled={fileBusy !== null}>
                      {fileBusy === `${d.id}.${f}` ? 'Đang tải...' : f.toUpperCase()}
                      <span className="sr-only"> của văn bản {d.kyHieu}</span>
                    </button>
                  ))}
                  <button type="button" className="btn btn-small" onClick={() => void startDraft({ fromDocument: d.id }, setError)}>
                    Tạo từ văn bản này<span className="sr-only">: {d.kyHieu}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.items.length === 0 && !loading && <p className="empty">Không có văn bản nào khớp điều kiện tìm.</p>}
      {pages > 1 && (
        <nav className="pager" aria-label="Phân trang">
          <button type="button" className="btn" disabled={current <= 1 || loading} onClick={() => setQuery({ ...query, page: current - 1 })}>
            ← Trang trước
          </button>
          <span>
            Trang {current}/{pages}
          </span>
          <button type="button" className="btn" disabled={current >= pages || loading} onClick={() => setQuery({ ...query, page: current + 1 })}>
            Trang sau →
          </button>
        </nav>
      )}
      <VerifyDrop />
    </div>
  );
}
