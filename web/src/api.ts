/** The service's HTTP API, as the page uses it; every failure becomes an ApiError with a Vietnamese message saying what to do. */

export type TemplateInfo = { id: string; title: string; typeAbbreviation: string | null; formats: string[]; issuable?: boolean };
export type Problem = { path: string; code?: string; message: string };
export type Validation = { valid: boolean; errors: Problem[]; warnings: Problem[] };
export type Format = 'pdf' | 'docx';
export type RenderedFile = { blob: Blob; filename: string; warnings: number };

export type IssuedDocument = {
  id: string;
  number: number;
  kyHieu: string;
  issuedDate: string;
  files: { pdf: { sha256: string; bytes: number }; docx: { sha256: string; bytes: number } };
};
export type RegisterItem = {
  id: string;
  number: number;
  kyHieu: string;
  issuedDate: string;
  typeName: string;
  summary: string;
  agencyName: string;
  status: string;
};
export type RegisterPage = { total: number; page: number; pageSize: number; items: RegisterItem[] };
export type RegisterQuery = { year?: string; agency?: string; type?: string; q?: string; page?: number };

export type DraftStatus = 'draft' | 'submitted' | 'issued';
export type DraftSummary = {
  id: string;
  template: string;
  typeName: string;
  summary: string;
  author: string;
  status: DraftStatus;
  statusName: string;
  version: number;
  documentId: string | null;
  updatedAt: string;
};
export type ServerDraft = DraftSummary & { data: unknown };
export type IssuePreview = { version: number; number: number; kyHieu: string; date: string; agencyName: string; identifier: string; summary: string; fromRegister: boolean };
export type AgencyProfile = { identifier: string; name: string; place: string; recipients: string[]; fields: Record<string, unknown> };
/** Where a new draft starts: blank (the agency profile only), the type's example, or another draft or document. */
export type Start = { template: string; start: 'blank' | 'example' } | { fromDraft: string } | { fromDocument: string };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: Problem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const KEY_STORE = 'vanban.apiKey';

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}
export function setApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch {
    /* private mode: the key lives only in this page */
  }
}

/** What the person should do, by HTTP status. */
function advice(status: number, retryAfter: string | null): string {
  switch (status) {
    case 400:
      return 'Yêu cầu không hợp lệ: tải lại trang rồi thử lại.';
    case 401:
    case 403:
      return 'Dịch vụ yêu cầu khóa API: nhập khóa do người quản trị cấp ở ô "Khóa API" rồi thử lại.';
    case 404:
      return 'Không tìm thấy: mục này không còn, hoặc khóa API đang dùng không được xem nó (khóa của cơ quan khác).';
    case 409:
      return 'Có xung đột với dữ liệu đã có: đọc thông báo, sửa rồi thử lại.';
    case 412:
      return 'Mở phiên bản mới nhất (nội dung bạn đang sửa được tải về thành tệp JSON trước), so sánh rồi lưu lại.';
    case 413:
      return 'Văn bản quá lớn để gửi: bớt nội dung (ví dụ tách phụ lục) rồi thử lại.';
    case 415:
      return 'Dữ liệu gửi đi không đúng dạng: tải lại trang rồi thử lại.';
    case 422:
      return 'Dữ liệu còn lỗi: sửa các ô được đánh dấu rồi thử lại.';
    case 429:
      return `Gửi quá nhiều yêu cầu: đợi ${retryAfter ?? 'vài'} giây rồi thử lại.`;
    case 503:
      return `Dịch vụ đang bận hoặc trình in PDF chưa sẵn sàng: đợi ${retryAfter ? `${retryAfter} giây` : 'một lát'} rồi thử lại.`;
    default:
      return status >= 500
        ? 'Dịch vụ gặp lỗi: thử lại; nếu vẫn lỗi, báo người quản trị kèm mã yêu cầu bên dưới.'
        : 'Thử lại; nếu vẫn lỗi, báo người quản trị.';
  }
}

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const key = apiKey();
  if (key) headers.set('X-Api-Key', key);
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(
      'Không kết nối được với dịch vụ vanban. Kiểm tra mạng (hoặc máy chủ đã tắt), đợi một lát rồi thử lại.',
      0,
      'network',
    );
  }
  if (res.ok) return res;
  let code = 'http_' + res.status;
  let message = '';
  let details: Problem[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: Problem[] } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? '';
    details = body.error?.details ?? [];
  } catch {
    /* not JSON: the status says enough */
  }
  const what = advice(res.status, res.headers.get('Retry-After'));
  throw new ApiError(message ? `${message.replace(/[.\s]+$/, '')}. ${what}` : what, res.status, code, details, res.headers.get('X-Request-Id') ?? undefined);
}

const json = (data: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(data),
});

export async function getTemplates(): Promise<TemplateInfo[]> {
  return (await call('/v1/templates')).json() as Promise<TemplateInfo[]>;
}
export async function getSchema(id: string): Promise<Record<string, unknown>> {
  return (await call(`/v1/templates/${encodeURIComponent(id)}/schema`)).json() as Promise<Record<string, unknown>>;
}
export async function getExample(id: string): Promise<unknown> {
  return (await call(`/v1/templates/${encodeURIComponent(id)}/example`)).json();
}
export async function validate(id: string, data: unknown, signal?: AbortSignal): Promise<Validation> {
  return (await call(`/v1/templates/${encodeURIComponent(id)}/validate`, { ...json(data), signal })).json() as Promise<Validation>;
}

/** The Vietnamese file name of Content-Disposition's filename*, else its ASCII filename, else the fallback. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

async function file(res: Response, fallback: string): Promise<RenderedFile> {
  return {
    blob: await res.blob(),
    filename: filenameOf(res.headers.get('Content-Disposition'), fallback),
    warnings: Number(res.headers.get('Vanban-Warnings') ?? 0) || 0,
  };
}

/** A render before issuing: always with the "DỰ THẢO" mark (the issued files come from the register, without it). */
export async function render(id: string, data: unknown, format: Format, signal?: AbortSignal): Promise<RenderedFile> {
  const res = await call(`/v1/templates/${encodeURIComponent(id)}/render?format=${format}&watermark=true`, { ...json(data), signal });
  return file(res, `${id}.${format}`);
}

// ---- drafts on the server (/v1/drafts) and agency profiles (/v1/agencies) ----

const withHeaders = (init: RequestInit, headers: Record<string, string>): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });

export async function listDrafts(mine: boolean): Promise<{ total: number; items: DraftSummary[] }> {
  return (await call(`/v1/drafts?pageSize=100${mine ? '&mine=true' : ''}`)).json() as Promise<{ total: number; items: DraftSummary[] }>;
}
export async function getDraft(id: string): Promise<ServerDraft> {
  return (await call(`/v1/drafts/${encodeURIComponent(id)}`)).json() as Promise<ServerDraft>;
}
export async function createDraft(body: Start | { template: string; data: unknown }): Promise<ServerDraft> {
  return (await call('/v1/drafts', json(body))).json() as Promise<ServerDraft>;
}
/** Saves a new version made from `version`: a newer version on the server answers 412 (ApiError), never overwritten. */
export async function saveDraft(id: string, version: number, data: unknown, status?: 'draft' | 'submitted'): Promise<ServerDraft> {
  const init = withHeaders({ ...json({ data, ...(status ? { status } : {}) }), method: 'PUT' }, { 'If-Match': `"${version}"` });
  return (await call(`/v1/drafts/${encodeURIComponent(id)}`, init)).json() as Promise<ServerDraft>;
}
export async function issuePreview(id: string, number?: number): Promise<IssuePreview> {
  return (await call(`/v1/drafts/${encodeURIComponent(id)}/issue${number ? `?number=${number}` : ''}`)).json() as Promise<IssuePreview>;
}
/** Issues the draft's version `version` after the person confirmed what the preview showed. */
export async function issueDraft(id: string, version: number, number: number | undefined): Promise<IssuedDocument> {
  const init = withHeaders(json({ confirm: true, ...(number ? { number } : {}) }), { 'If-Match': `"${version}"` });
  return (await call(`/v1/drafts/${encodeURIComponent(id)}/issue`, init)).json() as Promise<IssuedDocument>;
}
export async function listAgencies(): Promise<AgencyProfile[]> {
  return (await call('/v1/agencies')).json() as Promise<AgencyProfile[]>;
}

/** What the key's agency wrote before in a field (GET /v1/suggestions): agency names, or Nơi nhận lines. */
export async function getSuggestions(field: 'agencies' | 'recipients'): Promise<string[]> {
  return ((await (await call(`/v1/suggestions?field=${field}`)).json()) as { values: string[] }).values;
}

/** The register (POST/GET /v1/documents): present unless GET /v1/documents answers 404. */
export async function registerAvailable(): Promise<boolean> {
  try {
    await call('/v1/documents?page=1');
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return false;
    // 5xx: the register exists but cannot answer now; show it, it will say what to do. 401 (a key is needed
    // first) and no connection: unknown until asked again.
    return e instanceof ApiError && e.status >= 500;
  }
}

export async function listDocuments(q: RegisterQuery, signal?: AbortSignal): Promise<RegisterPage> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return (await call(`/v1/documents?${params.toString()}`, { signal })).json() as Promise<RegisterPage>;
}

export async function archivedFile(id: string, format: Format): Promise<RenderedFile> {
  return file(await call(`/v1/documents/${encodeURIComponent(id)}/${format}`), `${id}.${format}`);
}

/** Offers a Blob as a download under its Vietnamese name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
