/**
 * POST /v1/batch: many documents in one request. The envelope is the route's schema (422 'Lô văn bản không hợp
 * lệ'); every item's data is validated against its type next (one 422 lists each bad item's index and paths);
 * then the items render concurrently through the pool (as many at once as it has pages) and a zip streams back
 * in item order, ending with manifest.json (one line per item: file, size, sha256, warnings, or the error that
 * stopped it).
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import yazl from 'yazl';
import { z } from 'zod';
import { findType } from '../documents/catalog.js';
import { jsonPath, type Problem } from '../documents/validate.js';
import { unicodeFilename } from '../vietnamese/text.js';
import { FORMATS, VanbanError, type Prepared, type Rendered, type Vanban } from '../service.js';
import { FORMAT_NAMES } from '../render/formats.js';
import { contentDisposition } from './disposition.js';
import { documentData, errorAnswers, fileAnswer } from './schemas.js';
import { clientGone } from './templates.js';
import { refusedBody } from './validation.js';

/** The body of a batch (a job's items too: src/http/jobs.ts). */
export function batchSchema(maxItems: number) {
  return z
    .object({
      items: z
        .array(
          z
            .object({
              template: z.string().max(100).meta({ title: 'Mã mẫu văn bản', description: 'Ví dụ "quyet-dinh".' }),
              data: documentData('Dữ liệu', 'Dữ liệu của văn bản theo JSON Schema của mẫu.'),
              format: z
                .enum(FORMAT_NAMES, { error: `Định dạng là ${FORMAT_NAMES.join(' hoặc ')}` })
                .optional()
                .meta({ title: 'Định dạng', description: 'pdf (mặc định) hoặc docx.' }),
              filename: z
                .string()
                .min(1)
                .max(150, { error: 'Tên tệp tối đa 150 ký tự' })
                .optional()
                .meta({ title: 'Tên tệp', description: 'Tùy chọn: tên tệp trong tệp zip (không kèm phần mở rộng).' }),
            })
            .strict()
            .meta({ title: 'Văn bản', description: 'Một văn bản cần kết xuất.' }),
        )
        .min(1, { error: 'Cần ít nhất 1 văn bản' })
        .max(maxItems, { error: `Nhiều quá: tối đa ${maxItems} văn bản mỗi lô` })
        .meta({ title: 'Các văn bản', description: `Tối đa ${maxItems} văn bản.` }),
    })
    .strict()
    .meta({ title: 'Lô văn bản', description: 'Nhiều văn bản kết xuất trong một yêu cầu, trả về một tệp zip.' });
}

/** A file name not used yet in a zip (case-insensitive): "x.pdf", then "x (2).pdf"... */
export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) {
    const dot = name.lastIndexOf('.');
    candidate = `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}

export type BatchItem = z.infer<ReturnType<typeof batchSchema>>['items'][number];

/**
 * Every item prepared (validated, its view built) before anything renders: one 422 lists each bad item's index
 * and paths. The items then render from these preparations.
 */
export function prepareItems(svc: Vanban, items: BatchItem[]): Prepared[] {
  const problems: Problem[] = [];
  const prepared = items.map((item, i): Prepared | undefined => {
    const type = findType(item.template);
    if (!type) {
      problems.push({ path: jsonPath(['items', i, 'template']), code: 'unknown_template', message: `Không có mẫu văn bản "${item.template}"` });
      return undefined;
    }
    try {
      return svc.prepare(type.id, item.data, { prefix: jsonPath(['items', i, 'data']) });
    } catch (e) {
      if (!(e instanceof VanbanError)) throw e;
      problems.push(...e.details.map((d) => ({ code: e.code, ...d })));
      return undefined;
    }
  });
  if (problems.length) throw new VanbanError(422, 'validation_failed', 'Có văn bản trong lô không hợp lệ', problems);
  return prepared as Prepared[];
}

/** An item's file name in the zip, before uniqueness: its filename, else the document's own, else its position. */
export const itemBaseName = (item: BatchItem, rendered: Rendered, i: number) =>
  (item.filename ? unicodeFilename(item.filename) : rendered.filenameUnicode.replace(/\.(pdf|docx)$/, '')) || `van-ban-${i + 1}`;

export type BatchOptions = { /** Items in one batch (BATCH_MAX_ITEMS). */ maxItems: number };

export const batchRoutes: FastifyPluginAsyncZod<BatchOptions> = async (app, { maxItems }) => {
  const svc = app.vanban;
  const schema = {
    tags: ['templates'],
    summary: 'Kết xuất nhiều văn bản, trả về tệp zip',
    body: batchSchema(maxItems),
    response: {
      200: fileAnswer('Tệp zip: các văn bản theo thứ tự, rồi manifest.json (mỗi văn bản: tệp, kích thước, sha256, cảnh báo hoặc lỗi)', ['application/zip']),
      ...errorAnswers({ 400: 'JSON hỏng hoặc thiếu nội dung', 413: 'Nội dung quá lớn', 415: 'Không phải application/json', 422: 'Lô hoặc văn bản trong lô không hợp lệ: mọi lỗi kèm đường dẫn JSON' }),
    },
  };
  app.post('/v1/batch', { schema, config: { refused: { body: refusedBody('Lô văn bản không hợp lệ') } } }, async (req, reply) => {
    const items = req.body.items;
    const prepared = prepareItems(svc, items);

    const signal = clientGone(reply);
    const zip = new yazl.ZipFile();
    const results: Promise<Rendered | Error>[] = [];
    // As many renders at once as the pool has pages; the items wait for a page whatever the HTTP queue's length.
    let next = 0;
    const resolvers = items.map(() => {
      let resolve!: (r: Rendered | Error) => void;
      results.push(new Promise((r) => (resolve = r)));
      return resolve;
    });
    const worker = async () => {
      while (next < items.length && !signal.aborted) {
        const i = next++;
        const item = items[i]!;
        try {
          resolvers[i]!(
            await svc.renderPrepared(prepared[i]!, item.format ?? 'pdf', {
              deadline: Date.now() + svc.config.deadlineMs,
              signal,
              unbounded: true,
            }),
          );
        } catch (e) {
          resolvers[i]!(e as Error);
        }
      }
    };
    const workers = Array.from({ length: Math.min(svc.config.poolSize, items.length) }, worker);

    void (async () => {
      const used = new Set<string>();
      const manifest: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const r = await results[i]!;
        const item = items[i]!;
        const format = item.format ?? 'pdf';
        if (r instanceof Error) {
          manifest.push({
            index: i,
            template: item.template,
            format,
            error: r instanceof VanbanError ? { code: r.code, message: r.message } : { code: 'internal_error', message: 'Lỗi nội bộ' },
          });
          if (!(r instanceof VanbanError)) req.log.error({ err: r, index: i }, 'batch item failed');
          continue;
        }
        const file = uniqueName(`${itemBaseName(item, r, i)}.${FORMATS[format].ext}`, used);
        zip.addBuffer(r.bytes, file, { compress: format === 'docx' ? false : true });
        manifest.push({
          index: i,
          template: item.template,
          format,
          file,
          bytes: r.bytes.length,
          sha256: createHash('sha256').update(r.bytes).digest('hex'),
          warnings: r.warnings,
        });
      }
      zip.addBuffer(Buffer.from(JSON.stringify({ items: manifest }, null, 2)), 'manifest.json');
      zip.end();
      await Promise.all(workers);
    })().catch((err: unknown) => {
      req.log.error({ err }, 'batch failed');
      (zip.outputStream as unknown as NodeJS.ReadableStream & { destroy(e?: Error): void }).destroy(err as Error);
    });

    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', contentDisposition(`vanban-${items.length}.zip`, `vanban-${items.length}.zip`))
      .send(zip.outputStream);
  });
};
