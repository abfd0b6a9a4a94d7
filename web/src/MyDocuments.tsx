/**
 * "Văn bản của tôi" (issue 17): the drafts on the server (GET /v1/drafts), the key's own or the whole agency's,
 * last changed first, with their type, trích yếu, author, last change and status (Dự thảo, Trình ký, Đã ban
 * hành). A draft opens in the composer; "Tạo từ văn bản này" starts a new draft from any of them (its data, with
 * number and date cleared), as the register's rows do for issued documents.
 */
import { useEffect, useState } from 'react';
import { ApiError, createDraft, listDrafts, type DraftSummary, type Start } from './api.js';
import { announce } from './announce.js';
import { errorText } from './errors.js';
import { useHeadingFocus } from './focus.js';

const fmtTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

/** Creates a draft from a starting point and opens it. */
export async function startDraft(start: Start, onError: (text: string) => void): Promise<void> {
  try {
    const d = await createDraft(start);
    announce(`Đã tạo bản thảo mới: ${d.typeName}.`);
    location.hash = `#/ban-thao/${d.id}`;
  } catch (e) {
    onError(`Không tạo được bản thảo. ${errorText(e)}`);
  }
}

export function MyDocuments({ onAuthNeeded }: { onAuthNeeded: () => void }) {
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const [mine, setMine] = useState(true);
  const [items, setItems] = useState<DraftSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    listDrafts(mine).then(
      (r) => !cancelled && setItems(r.items),
      (e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 401) onAuthNeeded();
        setError(errorText(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [mine, onAuthNeeded]);

  return (
    <div className="panel register">
      <h2 ref={heading} tabIndex={-1}>
        Văn bản của tôi
      </h2>
      <p className="lead">Các bản thảo lưu trên máy chủ, sửa gần nhất trước. Nhiều người cùng mở được một bản thảo: bản lưu sau không ghi đè bản mới hơn.</p>
      <div className="filters" role="group" aria-label="Lọc">
        <label className="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Chỉ bản thảo tôi lưu gần nhất
        </label>
        <a className="btn btn-primary" href="#/">
          Soạn văn bản mới
        </a>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {items && items.length === 0 && <p className="empty">Chưa có bản thảo nào. Chọn "Soạn văn bản mới" để bắt đầu.</p>}
      {items && items.length > 0 && (
        <table className="register-table drafts-table">
          <caption className="sr-only">Bản thảo</caption>
          <thead>
            <tr>
              <th scope="col">Trích yếu</th>
              <th scope="col">Loại</th>
              <th scope="col">Người lưu</th>
              <th scope="col">Sửa lúc</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label="Trích yếu">
                  <a href={`#/ban-thao/${d.id}`}>{d.summary || '(chưa có trích yếu)'}</a>
                </th>
                <td data-label="Loại">{d.typeName}</td>
                <td data-label="Người lưu">{d.author || '—'}</td>
                <td data-label="Sửa lúc">{fmtTime(d.updatedAt)}</td>
                <td data-label="Trạng thái">
                  <span className={`status status-${d.status}`}>{d.statusName}</span>
                </td>
                <td data-label="Thao tác" className="files">
                  <button type="button" className="btn btn-small" onClick={() => void startDraft({ fromDraft: d.id }, setError)}>
                    Tạo từ văn bản này<span className="sr-only">: {d.summary}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
