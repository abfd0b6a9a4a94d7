/**
 * "Ban hành", made safe (issue 17): the document is saved as a server draft first, then the dialog shows what
 * issuing will take, from the register itself (GET /v1/drafts/:id/issue): the number and ký hiệu (the register's
 * next unless one is typed), the date of issue and the agency. Only "Xác nhận ban hành" issues, that version of
 * the draft (POST /v1/drafts/:id/issue with If-Match): a newer save by someone else is refused, not issued
 * unseen. Every failure shows its request id, for the administrator.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, archivedFile, issueDraft, issuePreview, saveBlob, type Format, type IssuedDocument, type IssuePreview, type Problem } from './api.js';
import { announce } from './announce.js';
import { errorText } from './errors.js';

export const fmtDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

export function IssueDialog(props: {
  title: string;
  /** Saves the form as a server draft (a new version when it changed) and says which draft and version. */
  save: () => Promise<{ id: string; version: number }>;
  onIssued: (doc: IssuedDocument) => void;
  onClose: () => void;
  onProblems: (details: Problem[]) => void;
  onAuthNeeded: () => void;
}) {
  const { title, save, onIssued, onClose, onProblems, onAuthNeeded } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [number, setNumber] = useState('');
  const [state, setState] = useState<'preparing' | 'ask' | 'issuing' | 'done' | 'error'>('preparing');
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const [preview, setPreview] = useState<IssuePreview | null>(null);
  const [doc, setDoc] = useState<IssuedDocument | null>(null);
  const [message, setMessage] = useState('');
  const [fileBusy, setFileBusy] = useState<Format | null>(null);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) onAuthNeeded();
    // The register names the document's fields "$.data.…": the form knows them as "$.…".
    const inData = e instanceof ApiError ? e.details.filter((d) => d.path.startsWith('$.data')) : [];
    if (e instanceof ApiError && e.status === 422 && inData.length) onProblems(inData.map((d) => ({ ...d, path: '$' + d.path.slice('$.data'.length) })));
    setState('error');
    setMessage(errorText(e));
  };

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    let cancelled = false;
    save()
      .then(async (saved) => {
        const p = await issuePreview(saved.id);
        if (cancelled) return;
        setDraft(saved);
        setPreview(p);
        setState('ask');
      })
      .catch((e: unknown) => !cancelled && fail(e));
    return () => {
      cancelled = true;
    };
    // Once, when the dialog opens (save and fail are the first render's).
  }, []);

  // A typed number: the preview says what it gives (or why the register refuses it).
  useEffect(() => {
    if (!draft) return;
    const n = number.trim() === '' ? undefined : Number(number);
    if (n !== undefined && (!Number.isInteger(n) || n < 1)) return;
    let cancelled = false;
    const t = setTimeout(() => {
      issuePreview(draft.id, n).then(
        (p) => !cancelled && (setPreview(p), setState('ask')),
        (e: unknown) => !cancelled && fail(e),
      );
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [number, draft]);

  const submit = async () => {
    const n = number.trim() === '' ? undefined : Number(number);
    if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
      setState('error');
      setMessage('Số văn bản là số nguyên dương; để trống để sổ tự cấp số tiếp theo.');
      return;
    }
    if (!draft) return;
    setState('issuing');
    announce('Đang ban hành: cấp số và lưu tệp vào sổ...');
    try {
      const r = await issueDraft(draft.id, draft.version, n);
      setDoc(r);
      setState('done');
      onIssued(r);
      announce(`Đã ban hành văn bản số ${r.kyHieu}.`);
    } catch (e) {
      fail(e);
    }
  };

  const getFile = async (format: Format) => {
    if (!doc) return;
    setFileBusy(format);
    try {
      const f = await archivedFile(doc.id, format);
      saveBlob(f.blob, f.filename);
    } catch (e) {
      setMessage(`Không tải được bản lưu ${format.toUpperCase()}. ${errorText(e)}`);
    } finally {
      setFileBusy(null);
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="issue-title" onClose={onClose} onCancel={onClose}>
      <h2 id="issue-title">Ban hành {title.toLowerCase()}</h2>
      {state !== 'done' && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p>
            Văn bản được cấp số, ghi vào sổ văn bản đi và lưu bản PDF, DOCX (không có dấu "DỰ THẢO"). Không hoàn tác được: sau khi ban
            hành, mọi thay đổi phải làm bằng văn bản mới.
          </p>
          {state === 'preparing' && (
            <p role="status">
              <progress aria-label="Đang chuẩn bị" /> Đang lưu bản thảo và hỏi sổ số tiếp theo...
            </p>
          )}
          {preview && (
            <dl className="issue-facts" id="issue-facts" aria-live="polite">
              <dt>Số, ký hiệu</dt>
              <dd>
                <strong className="kyhieu">{preview.kyHieu}</strong> {preview.fromRegister ? '(số tiếp theo của sổ)' : '(số nhập tay)'}
              </dd>
              <dt>Ngày ban hành</dt>
              <dd>{fmtDate(preview.date)}</dd>
              <dt>Cơ quan ban hành</dt>
              <dd>
                {preview.agencyName}
                {preview.identifier ? ` (mã định danh ${preview.identifier})` : ''}
              </dd>
              <dt>Trích yếu</dt>
              <dd>{preview.summary}</dd>
            </dl>
          )}
          <div className="field">
            <label htmlFor="issue-number" className="field-label">
              Số văn bản (tùy chọn)
            </label>
            <p className="field-description" id="issue-number-help">
              Để trống để sổ tự cấp số tiếp theo trong năm.
            </p>
            <input
              id="issue-number"
              className="input"
              type="text"
              inputMode="numeric"
              value={number}
              aria-describedby="issue-number-help"
              onChange={(e) => setNumber(e.target.value)}
              disabled={state === 'issuing' || state === 'preparing'}
            />
          </div>
          {state === 'issuing' && (
            <p role="status">
              <progress aria-label="Đang ban hành" /> Đang ban hành: cấp số, kết xuất và lưu tệp...
            </p>
          )}
          {state === 'error' && (
            <p className="alert alert-error" role="alert">
              {message}
            </p>
          )}
          <div className="dialog-actions">
            <button type="submit" className="btn btn-issue" disabled={state !== 'ask' || !preview} aria-describedby="issue-facts">
              {preview ? `Xác nhận ban hành số ${preview.kyHieu}` : 'Xác nhận ban hành'}
            </button>
            <button type="button" className="btn" onClick={() => ref.current?.close()} disabled={state === 'issuing'}>
              Hủy
            </button>
          </div>
        </form>
      )}
      {state === 'done' && doc && (
        <div>
          <p className="issued" role="status">
            Đã ban hành: <strong className="kyhieu">Số {doc.kyHieu}</strong> ngày {fmtDate(doc.issuedDate)}.
          </p>
          <p>Bản lưu trong sổ văn bản đi:</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-primary" onClick={() => getFile('pdf')} disabled={fileBusy !== null}>
              {fileBusy === 'pdf' ? 'Đang tải...' : `Tải bản PDF (${kb(doc.files.pdf.bytes)})`}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => getFile('docx')} disabled={fileBusy !== null}>
              {fileBusy === 'docx' ? 'Đang tải...' : `Tải bản DOCX (${kb(doc.files.docx.bytes)})`}
            </button>
            <a className="btn" href="#/so-van-ban">
              Xem sổ văn bản đi
            </a>
            <button type="button" className="btn" onClick={() => ref.current?.close()}>
              Đóng
            </button>
          </div>
          {message && (
            <p className="alert alert-error" role="alert">
              {message}
            </p>
          )}
        </div>
      )}
    </dialog>
  );
}
