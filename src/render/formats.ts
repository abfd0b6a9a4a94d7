/**
 * The output formats, one entry each: what the HTTP answer says of the bytes (content type, extension), how a
 * document's view becomes those bytes (the renderer), and whether a request is refused before any work when
 * the format's pool is full (admission). Everything that knows a format reads it here: adding one is an entry
 * below and the format's templates.
 *
 * A renderer draws on the service's renderers (`Renderers`, which Vanban is) and fails with the pools'
 * PoolError (queue.ts); src/service.ts turns that into the HTTP answer, naming the format by `label`.
 */
import type { BaseView } from '../documents/types.js';
import type { DocxRenderer } from './docx/index.js';
import type { DocxPool } from './docx/workers.js';
import type { HtmlRenderer } from './html.js';
import type { PdfPool } from './pdf/pool.js';
import { PoolError } from './queue.js';
import { watermarkDocx, watermarkHtml } from '../drafts/watermark.js';

/** What a format's renderer may use: the service's renderers and pools. */
export type Renderers = {
  readonly html: HtmlRenderer;
  readonly docx: DocxRenderer;
  readonly pool: PdfPool;
  /** Absent when DOCX renders on the event loop (DOCX_WORKERS 0). */
  readonly docxPool?: DocxPool;
};

/** Bounds of one render: see RenderOptions in src/service.ts. `watermark`: a draft's "DỰ THẢO" (src/drafts/watermark.ts). */
export type RenderLimits = { deadline: number; signal?: AbortSignal; unbounded?: boolean; watermark?: boolean };

export type FormatSpec = {
  contentType: string;
  /** The file name's extension, without the dot. */
  ext: string;
  /** The format's name in messages to the client ("hàng đợi kết xuất PDF đã đầy"). */
  label: string;
  /** The bytes of one document of type `id` from its view. */
  render(r: Renderers, id: string, view: BaseView, limits: RenderLimits): Promise<Buffer>;
  /**
   * The refusal of a request when the format's pool is full, checked before the body is validated (under
   * overload a refusal must cost next to nothing); none when the request is taken. Formats without it are
   * refused, if ever, by their renderer.
   */
  refuse?(r: Renderers): PoolError | undefined;
};

async function docxBytes(r: Renderers, id: string, view: BaseView, limits: RenderLimits): Promise<Buffer> {
  if (!r.docxPool?.usable) return r.docx.render(id, view);
  try {
    return await r.docxPool.render(id, view, limits);
  } catch (e) {
    if (e instanceof PoolError && e.kind === 'unavailable') return r.docx.render(id, view);
    throw e;
  }
}

export const FORMATS = {
  pdf: {
    contentType: 'application/pdf',
    ext: 'pdf',
    label: 'PDF',
    render: (r, id, view, limits) => {
      const doc = r.html.render(id, view);
      return r.pool.print(limits.watermark ? watermarkHtml(doc) : doc, limits);
    },
    refuse: (r) => (r.pool.canAdmit() ? undefined : r.pool.queueFull()),
  },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    label: 'DOCX',
    /** On a worker; on the event loop when there are no workers or they cannot start. */
    async render(r, id, view, limits) {
      const bytes = await docxBytes(r, id, view, limits);
      return limits.watermark ? watermarkDocx(bytes) : bytes;
    },
  },
} as const satisfies Record<string, FormatSpec>;

export type Format = keyof typeof FORMATS;

/** Every format's name, in the registry's order. */
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

export function isFormat(s: string): s is Format {
  return Object.hasOwn(FORMATS, s);
}
