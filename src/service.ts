/**
 * One code path for the API and the CLI: catalog lookup -> validation -> view model -> renderer -> bytes.
 */
import { CATALOG, findType } from './documents/catalog.js';
import type { DocumentType, Warning } from './documents/types.js';
import { validate, type Problem } from './documents/validate.js';
import { createDocxRenderer, type DocxRenderer } from './render/docx/index.js';
import { createHtmlRenderer, type HtmlRenderer } from './render/html.js';
import { Chromium } from './render/pdf/chromium.js';
import type { Config } from './config.js';

export const FORMATS = {
  pdf: { contentType: 'application/pdf', ext: 'pdf' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
} as const;
export type Format = keyof typeof FORMATS;

/** An error a client can act on; the HTTP layer maps it to its status and the JSON error body. */
export class VanbanError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string; code?: string }[] = [],
  ) {
    super(message);
  }
}

export type Rendered = {
  bytes: Buffer;
  contentType: string;
  filenameAscii: string;
  filenameUnicode: string;
  warnings: Warning[];
};

export class Vanban {
  readonly html: HtmlRenderer;
  readonly docx: DocxRenderer;
  readonly chromium: Chromium;

  constructor(readonly config: Pick<Config, 'chromiumPath' | 'pdfPages' | 'renderTimeoutMs'>) {
    const ids = CATALOG.map((t) => t.id);
    this.html = createHtmlRenderer(ids);
    this.docx = createDocxRenderer(ids);
    this.chromium = new Chromium({
      executablePath: config.chromiumPath,
      pages: config.pdfPages,
      timeoutMs: config.renderTimeoutMs,
    });
  }

  type(id: string): DocumentType {
    const t = findType(id);
    if (!t) throw new VanbanError(404, 'unknown_template', `Không có mẫu văn bản "${id}"`);
    return t;
  }

  validate(id: string, body: unknown): { data: unknown; warnings: Warning[]; problems: Problem[] } {
    const r = validate(this.type(id), body);
    return r.ok ? { data: r.data, warnings: r.warnings, problems: [] } : { data: undefined, warnings: [], problems: r.problems };
  }

  async render(id: string, body: unknown, format: Format, opts: { strict?: boolean } = {}): Promise<Rendered> {
    const type = this.type(id);
    const v = validate(type, body);
    if (!v.ok) throw new VanbanError(422, 'validation_failed', 'Dữ liệu không hợp lệ', v.problems);
    if (opts.strict && v.warnings.length)
      throw new VanbanError(422, 'warnings_in_strict_mode', 'Dữ liệu có cảnh báo (chế độ strict)', v.warnings.map((w) => ({ ...w, code: 'warning' })));
    const view = type.view(v.data as never);
    const bytes = format === 'docx' ? this.docx.render(type.id, view) : await this.chromium.print(this.html.render(type.id, view));
    return {
      bytes,
      contentType: FORMATS[format].contentType,
      filenameAscii: `${view.meta.filenameAscii || type.id}.${FORMATS[format].ext}`,
      filenameUnicode: `${view.meta.filenameUnicode || type.title}.${FORMATS[format].ext}`,
      warnings: v.warnings,
    };
  }

  async close(): Promise<void> {
    await this.chromium.close();
  }
}
