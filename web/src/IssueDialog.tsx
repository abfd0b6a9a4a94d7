/**
 * "Ban hành": POST /v1/documents { template, data, register?: { number } } gives the document its number and
 * keeps both files in the register; the dialog shows the number and offers the archived copies.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, archivedFile, issue, saveBlob, type Format, type IssuedDocument, type Problem } from './api.js';
import { announce } from './announce.js';

const fmtDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

export function IssueDialog(props: {
  template: string;
  title: string;
  data: unknown;
  onClose: () => void;
  onProblems: (details: Problem[]) => void;
  onAuthNeeded: () => void;
}) {
  const { template, title, data, onClose, onProblems, onAuthNeeded } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [number, setNumber] = useState('');
  const [state, setState] = useState<'ask' | 'issuing' | 'done' | 'error'>('ask');
  const [doc, setDoc] = useState<IssuedDocument | null>(null);
  const [message, setMessage] = useState('');
  const [fileBusy, setFileBusy] = useState<Format | null>(null);
  // One key per dialog: pressing "Ban hành" again after a lost answer gets the same document, not a second number.
  const [idempotencyKey] = useState(() => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`.replace('.', '')));

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = async () => {
    const n = number.trim() === '' ? undefined : Number(number);
    if (n !== undefined && (!Number.isInteger(n) || n < 1)) {
      setState('error');
      setMessage('Số văn bản là số nguyên dương; để trống để sổ tự cấp số tiếp theo.');
      return;
    }
    setState('issuing');
    announce('Đang ban hành: cấp số và lưu tệp vào sổ...');
    try {
      const r = await issue(template, data, n, idempotencyKey);
      setDoc(r);
      setState('done');
      announce(`Đã ban hành văn bản số ${r.kyHieu}.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onAuthNeeded();
      // The register names the document's fields "$.data.…": the form knows them as "$.…".
      const inData = e instanceof ApiError ? e.details.filter((d) => d.path.startsWith('$.data')) : [];
      if (e instanceof ApiError && e.status === 422 && inData.length)
        onProblems(inData.map((d) => ({ ...d, path: '$' + d.path.slice('$.data'.length) })));
      setState('error');
      setMessage(e instanceof ApiError ? e.message : 'Có lỗi không lường trước: thử lại.');
    }
  };

  const getFile = async (format: Format) => {
    if (!doc) return;
    setFileBusy(format);
    try {
      const f = await archivedFile(doc.id, format);
      saveBlob(f.blob, f.filename);
    } catch (e) {
      setMessage(`Không tải được bản lưu ${format.toUpperCase()}. ${e instanceof ApiError ? e.message : ''}`);
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
            Văn bản được cấp số, ghi vào sổ văn bản đi và lưu bản PDF, DOCX. Sau khi ban hành, mọi thay đổi phải làm bằng văn bản
            mới.
          </p>
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
              disabled={state === 'issuing'}
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
            <button type="submit" className="btn btn-issue" disabled={state === 'issuing'}>
              Ban hành
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
