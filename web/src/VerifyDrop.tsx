/**
 * Kiểm tra chữ ký số (issue 16): a PDF dropped here, or chosen, goes to POST /v1/verify; the page lists its
 * signatures, each valid or not with the service's Vietnamese reason, and the register's document it matches.
 * Self-contained (its own request, the API key from api.ts), so that the staff page hooks it in with one line.
 */
import { useRef, useState, type DragEvent } from 'react';
import { apiKey } from './api.js';

type Signature = { field: string; role: string; valid: boolean; reason?: string; subject?: string; signingTime?: string };
type Report = { code?: string; reason?: string; signatures: Signature[]; document?: { id: string; kyHieu: string; agencyName: string; match: string; signingStatus: string } };

const ROLE: Record<string, string> = { 'nguoi-co-tham-quyen': 'Người có thẩm quyền', 'co-quan': 'Cơ quan (con dấu)', khac: 'Chữ ký khác' };
const MATCH: Record<string, string> = {
  'archived-pdf': 'là bản PDF/A lưu trữ',
  'signed-file': 'là tệp đã ký đang lưu',
  'signed-from-archived-pdf': 'được ký từ bản PDF/A lưu trữ',
};
const STATUS: Record<string, string> = { 'cho-ky': 'chờ ký', 'da-ky': 'đã ký', 'da-dong-dau': 'đã đóng dấu' };

export function VerifyDrop() {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const headers: Record<string, string> = { 'Content-Type': 'application/pdf' };
      const key = apiKey();
      if (key) headers['X-Api-Key'] = key;
      const res = await fetch('/v1/verify', { method: 'POST', headers, body: file });
      const body = (await res.json()) as Report & { error?: { message?: string } };
      if (!res.ok) setError(body.error?.message ?? `Lỗi ${res.status}`);
      else setReport(body);
    } catch {
      setError('Không kết nối được với dịch vụ vanban.');
    } finally {
      setBusy(false);
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setName(e.dataTransfer.files[0]?.name ?? null);
    void check(e.dataTransfer.files[0]);
  };

  return (
    <section className="verify-drop" aria-labelledby="verify-title" onDragOver={(e) => e.preventDefault()} onDrop={drop} style={{ marginTop: '1.5rem', padding: '1rem', border: '2px dashed #999', borderRadius: 8 }}>
      <h3 id="verify-title">Kiểm tra chữ ký số</h3>
      <p>
        Thả tệp PDF vào đây, hoặc{' '}
        {/* The browser's own file button speaks the browser's language ("Choose File"); this one speaks the page's. */}
        <button type="button" className="btn btn-small" onClick={() => input.current?.click()} disabled={busy}>
          Chọn tệp PDF…
        </button>
        <input ref={input} type="file" accept="application/pdf,.pdf" hidden aria-label="Chọn tệp PDF cần kiểm tra chữ ký"
          onChange={(e) => {
            setName(e.target.files?.[0]?.name ?? null);
            void check(e.target.files?.[0]);
          }} />
        {name && <span className="verify-file"> Tệp: {name}</span>}
      </p>
      <div role="status" aria-live="polite">
        {busy && <p>Đang kiểm tra…</p>}
        {error && <p className="error">{error}</p>}
        {report && (
          <>
            <p>
              {report.code === 'no_signature' ? `Chưa ký: ${report.reason}.` : report.code ? `Không hợp lệ: ${report.reason}.` : report.signatures.length ? 'Mọi chữ ký đều hợp lệ.' : ''}
              {report.document
                ? ` Tệp ${MATCH[report.document.match] ?? report.document.match} của văn bản ${report.document.kyHieu} (${report.document.agencyName}), ${STATUS[report.document.signingStatus] ?? ''}.`
                : ' Tệp không khớp văn bản nào trong sổ.'}
            </p>
            {report.signatures.length > 0 && (
              <ul>
                {report.signatures.map((s, i) => (
                  <li key={i}>
                    {s.valid ? '✓' : '✗'} {ROLE[s.role] ?? s.field}: {s.subject ?? '(không rõ)'}
                    {s.signingTime ? `, ký lúc ${s.signingTime}` : ''}
                    {s.valid ? '' : ` — ${s.reason ?? ''}`}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
