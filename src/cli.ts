/**
 * vanban render <templateId> <data.json> -o <out.pdf|out.docx> [--format pdf|docx] [--strict]
 * The same code path as the API (Vanban.render); invalid data exits 2 printing the API's error body.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { errorBody } from './http/errors.js';
import { CATALOG } from './documents/catalog.js';
import { FORMAT_NAMES, isFormat } from './render/formats.js';
import { Vanban, VanbanError } from './service.js';

const USAGE = `Cách dùng:
  vanban render <mã mẫu> <dữ liệu.json> -o <${FORMAT_NAMES.map((f) => `tệp.${f}`).join('|')}> [--format ${FORMAT_NAMES.join('|')}] [--strict]
  vanban templates
Mã mẫu: ${CATALOG.map((t) => t.id).join(', ')}`;

function fail(code: number, body: unknown): never {
  process.stderr.write(`${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [cmd, id, dataFile] = positionals;
  if (values.help || !cmd) fail(cmd ? 0 : 64, USAGE);
  if (cmd === 'templates') {
    process.stdout.write(`${CATALOG.map((t) => `${t.id}\t${t.title}`).join('\n')}\n`);
    return;
  }
  if (cmd !== 'render' || !id || !dataFile || !values.output) fail(64, USAGE);
  const out = values.output;
  const format = values.format ?? path.extname(out).slice(1).toLowerCase();
  if (!isFormat(format))
    fail(2, errorBody('unknown_format', `Định dạng "${format}" không được hỗ trợ: chọn ${FORMAT_NAMES.join(' hoặc ')}`));

  let body: unknown;
  try {
    body = JSON.parse(readFileSync(dataFile, 'utf8'));
  } catch (e) {
    fail(2, errorBody('malformed_json', `Không đọc được JSON từ ${dataFile}: ${(e as Error).message}`));
  }
  const config = loadConfig();
  const svc = new Vanban({ ...config, poolSize: 1, docxWorkers: 0 });
  try {
    const r = await svc.render(id, body, format, { strict: values.strict });
    // Never leave a half-written file: write beside the target, then rename.
    const tmp = `${out}.${process.pid}.tmp`;
    writeFileSync(tmp, r.bytes);
    renameSync(tmp, out);
    for (const w of r.warnings) process.stderr.write(`cảnh báo ${w.path}: ${w.message}\n`);
    process.stdout.write(`${out} (${r.bytes.length} byte)\n`);
  } catch (e) {
    if (e instanceof VanbanError) fail(2, errorBody(e.code, e.message, e.details));
    throw e;
  } finally {
    await svc.close();
  }
}

await main(process.argv.slice(2)).catch((e: unknown) => fail(1, `vanban: ${(e as Error).stack ?? String(e)}`));
