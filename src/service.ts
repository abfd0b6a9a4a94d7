/**
 * One code path for the API and the CLI: catalog lookup -> validation -> view model -> renderer -> bytes. The
 * renderer is the format's (src/render/formats.ts); the pools' refusals and failures become HTTP answers here.
 */
import { CATALOG, findType } from './documents/catalog.js';
import type { BaseView, DocumentType, Warning } from './documents/types.js';
import { validate, type Problem } from './documents/validate.js';
import { createDocxRenderer, type DocxRenderer } from './render/docx/index.js';
import { DocxPool } from './render/docx/workers.js';
import { FORMATS, type Format, type FormatSpec, type Renderers } from './render/formats.js';
import { createHtmlRenderer, type HtmlRenderer } from './render/html.js';
import { PdfPool } from './render/pdf/pool.js';
import { PoolError } from './render/queue.js';
import { DEFAULTS, type Config } from './config.js';

/** The format registry, for the HTTP layer that reads it from here. */
export { FORMATS, type Format };

export type ServiceConfig = Pick<
  Config,
  | 'chromiumPath'
  | 'poolSize'
  | 'queueSize'
  | 'overloadSize'
  | 'restartAfter'
  | 'watchdogMs'
  | 'pingTimeoutMs'
  | 'deadlineMs'
  | 'docxWorkers'
  | 'docxQueueSize'
>;
/** Older option names, still accepted: pdfPages (poolSize), renderTimeoutMs (deadlineMs). */
type LegacyOptions = { pdfPages?: number; renderTimeoutMs?: number };

/** An error a client can act on; the HTTP layer maps it to its status and the JSON error body. */
export class VanbanError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string; code?: string }[] = [],
    /** Seconds, for 429 and 503 answers. */
    readonly retryAfterS?: number,
  ) {
    super(message);
  }
}

/**
 * The error for data a type refuses: 413 when the document is too large to print within the deadline (the
 * message says the limit), 422 otherwise. `prefix` rewrites the paths ("$" -> "$.data") for envelopes.
 */
export function invalid(problems: Problem[], prefix?: string): VanbanError {
  const ps = prefix ? problems.map((p) => ({ ...p, path: p.path.replace(/^\$/, prefix) })) : problems;
  const big = ps.find((p) => p.code === 'document_too_large');
  if (big) return new VanbanError(413, 'document_too_large', big.message, ps);
  return new VanbanError(422, 'validation_failed', 'Dữ liệu không hợp lệ', ps);
}

/**
 * Warnings from outside the type, over its validated data: the agency profile's (src/agencies/profile.ts),
 * given by the HTTP layer for the profile of the request's agency.
 */
export type Check = (data: unknown) => Warning[];

/** A request made ready once (Vanban.prepare): what every consumer renders from. */
export type Prepared = { type: DocumentType; data: unknown; warnings: Warning[]; view: BaseView };

export type RenderOptions = {
  /** Epoch ms: bounds the whole render, the wait for a page or worker included. */
  deadline?: number;
  /** Cancels the render when the client goes away. */
  signal?: AbortSignal;
  /** Waits for a page whatever the queue's length (the register, batch items): no 429. */
  unbounded?: boolean;
  /** A draft's render: "DỰ THẢO" across every page, in both formats (src/drafts/watermark.ts). */
  watermark?: boolean;
};

export type Rendered = {
  bytes: Buffer;
  contentType: string;
  filenameAscii: string;
  filenameUnicode: string;
  warnings: Warning[];
};

export class Vanban implements Renderers {
  readonly html: HtmlRenderer;
  readonly docx: DocxRenderer;
  readonly pool: PdfPool;
  /** DOCX renders on worker threads; absent when DOCX_WORKERS is 0 (rendered on the event loop). */
  readonly docxPool?: DocxPool;

  readonly config: ServiceConfig;

  /** Options default to the configuration defaults (src/config.ts), except an unbounded queue. */
  constructor(options: Partial<ServiceConfig> & LegacyOptions = {}) {
    const { pdfPages, renderTimeoutMs, ...rest } = options;
    const config: ServiceConfig = {
      chromiumPath: DEFAULTS.chromiumPath,
      poolSize: pdfPages ?? DEFAULTS.poolSize,
      // In-process callers (CLI, tests, batch) wait for a page; the HTTP server passes its bounded queue.
      queueSize: 10_000,
      restartAfter: DEFAULTS.restartAfter,
      watchdogMs: DEFAULTS.watchdogMs,
      pingTimeoutMs: DEFAULTS.pingTimeoutMs,
      deadlineMs: renderTimeoutMs ?? DEFAULTS.deadlineMs,
      docxWorkers: DEFAULTS.docxWorkers,
      docxQueueSize: 10_000,
      ...rest,
    };
    this.config = config;
    const ids = CATALOG.map((t) => t.id);
    this.html = createHtmlRenderer(ids);
    this.docx = createDocxRenderer(ids);
    this.docxPool =
      config.docxWorkers > 0 ? new DocxPool({ size: config.docxWorkers, queueSize: config.docxQueueSize, ids }) : undefined;
    this.pool = new PdfPool({
      executablePath: config.chromiumPath,
      size: config.poolSize,
      queueSize: config.queueSize,
      ...(config.overloadSize ? { overloadSize: config.overloadSize } : {}),
      restartAfter: config.restartAfter,
      watchdogMs: config.watchdogMs,
      pingTimeoutMs: config.pingTimeoutMs,
      // A CDP call past this counts the browser as hung. Past the request deadline, so that a long print is
      // ended by its deadline (page replaced, browser pinged) rather than taken for a hang.
      protocolTimeoutMs: Math.max(20_000, config.deadlineMs + 5_000),
      shell: this.html.shell(),
    });
  }

  type(id: string): DocumentType {
    const t = findType(id);
    if (!t) throw new VanbanError(404, 'unknown_template', `Không có mẫu văn bản "${id}"`);
    return t;
  }

  validate(id: string, body: unknown, checks?: Check): { data: unknown; warnings: Warning[]; problems: Problem[] } {
    const r = validate(this.type(id), body);
    // The checks from outside the type read the data as given too: a draft still incomplete hears about them.
    return r.ok
      ? { data: r.data, warnings: [...r.warnings, ...(checks?.(r.data) ?? [])], problems: [] }
      : { data: undefined, warnings: checks?.(body) ?? [], problems: r.problems };
  }

  /**
   * A request made ready once: the type, the validated (NFC) data, its warnings and its view. Every consumer
   * renders from this (render, batch, issue, the register print): the body is validated once and the view built
   * once. Throws the service's 404, 413 or 422 (`prefix` rewrites the JSON paths, "$" -> "$.data").
   */
  prepare(id: string, body: unknown, opts: { strict?: boolean; prefix?: string; checks?: Check } = {}): Prepared {
    const type = this.type(id);
    const v = validate(type, body);
    if (!v.ok) throw invalid(v.problems, opts.prefix);
    const warnings = [...v.warnings, ...(opts.checks?.(v.data) ?? [])];
    if (opts.strict && warnings.length)
      throw new VanbanError(422, 'warnings_in_strict_mode', 'Dữ liệu có cảnh báo (chế độ strict)', warnings.map((w) => ({ ...w, code: 'warning' })));
    return this.prepareValid(type, v.data, warnings);
  }

  /**
   * The view of data the type has already accepted (a stored document, the register's own rows, a number
   * stamped by the register): no second validation.
   */
  prepareValid(type: DocumentType, data: unknown, warnings: Warning[] = []): Prepared {
    try {
      return { type, data, warnings, view: type.view(data as never) };
    } catch (e) {
      // Valid data that the view model cannot lay out is a bug to fix; the client still gets a 422 it can act on.
      throw new VanbanError(422, 'unrenderable_data', `Không dựng được văn bản từ dữ liệu này: ${(e as Error).message}`, [
        { path: '$', message: (e as Error).message },
      ]);
    }
  }

  /**
   * Validates, computes the view and renders. `deadline` (epoch ms) bounds the whole render including the
   * wait for a Chromium page; `signal` cancels it when the client goes away.
   */
  async render(id: string, body: unknown, format: Format, opts: RenderOptions & { strict?: boolean; checks?: Check } = {}): Promise<Rendered> {
    const type = this.type(id);
    this.admit(format, opts);
    return this.renderPrepared(this.prepare(type.id, body, { strict: opts.strict, checks: opts.checks }), format, opts);
  }

  /**
   * Under overload a refusal must cost next to nothing: the format's pool is asked before any validation, and a
   * route asks here before its own lookups (the agency profile whose warnings the render carries).
   */
  admit(format: Format, opts: { unbounded?: boolean } = {}): void {
    const spec: FormatSpec = FORMATS[format];
    const refused = opts.unbounded ? undefined : spec.refuse?.(this);
    if (refused) throw this.poolError(refused, spec.label);
  }

  /** Renders a prepared request in one format. */
  async renderPrepared(p: Prepared, format: Format, opts: RenderOptions = {}): Promise<Rendered> {
    const spec: FormatSpec = FORMATS[format];
    const deadline = opts.deadline ?? Date.now() + this.config.deadlineMs;
    let bytes: Buffer;
    try {
      bytes = await spec.render(this, p.type.id, p.view, { deadline, signal: opts.signal, unbounded: opts.unbounded, watermark: opts.watermark });
    } catch (e) {
      throw this.poolError(e, spec.label);
    }
    return {
      bytes,
      contentType: spec.contentType,
      filenameAscii: `${p.view.meta.filenameAscii || p.type.id}.${spec.ext}`,
      filenameUnicode: `${p.view.meta.filenameUnicode || p.type.title}.${spec.ext}`,
      warnings: p.warnings,
    };
  }

  /** A pool's refusal or failure, as the HTTP answer it stands for; any other error passes through. */
  private poolError(e: unknown, format: string): unknown {
    if (!(e instanceof PoolError)) return e;
    switch (e.kind) {
      case 'queue_full':
        return new VanbanError(429, 'too_many_requests', `Dịch vụ đang bận: hàng đợi kết xuất ${format} đã đầy, hãy thử lại sau`, [], e.retryAfterS);
      case 'deadline':
        return new VanbanError(503, 'deadline_exceeded', 'Không kết xuất kịp trong thời hạn của yêu cầu, hãy thử lại sau', [], 1);
      case 'crashed':
        return new VanbanError(503, 'renderer_crashed', `Trình kết xuất ${format} gặp sự cố và đang khởi động lại, hãy thử lại`, [], 1);
      case 'hung':
        return new VanbanError(503, 'renderer_hung', `Trình kết xuất ${format} ngừng phản hồi và đã được thay mới, hãy thử lại`, [], 1);
      case 'failed':
        return new VanbanError(503, 'renderer_failed', `Trình kết xuất ${format} không in được văn bản này lúc này, hãy thử lại`, [], 1);
      case 'cancelled':
        return new VanbanError(499, 'client_closed_request', 'Yêu cầu đã bị hủy phía máy khách');
      case 'closed':
        return new VanbanError(503, 'shutting_down', 'Dịch vụ đang dừng, hãy thử lại sau', [], 5);
      case 'unavailable':
        return new VanbanError(503, 'renderer_unavailable', `Trình kết xuất ${format} chưa sẵn sàng, hãy thử lại sau`, [], 2);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.docxPool?.close()]);
  }
}
