/**
 * Validation shared by the API and the CLI: NFC-normalise every string, run the type's zod schema, and turn
 * every problem into { path, code, message } with a JSON path and a Vietnamese message.
 */
import { z } from 'zod';
import { normalizeDeep } from '../vietnamese/nfc.js';
import type { DocumentType, Warning } from './types.js';

export type Problem = { path: string; code: string; message: string };

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'true hoặc false',
  object: 'đối tượng',
  array: 'danh sách',
  null: 'null',
  undefined: 'không có giá trị',
  bigint: 'số',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'danh sách';
  return TYPE_NAMES[typeof input] ?? typeof input;
}

/** Vietnamese defaults for every zod issue a schema did not word itself. */
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'invalid_type':
        if (iss.input === undefined) return 'Thiếu trường bắt buộc';
        return `Sai kiểu dữ liệu: cần ${TYPE_NAMES[iss.expected] ?? iss.expected}, nhận được ${received(iss.input)}`;
      case 'too_small':
        if (iss.origin === 'string') return `Ngắn quá: ít nhất ${String(iss.minimum)} ký tự`;
        if (iss.origin === 'array') return `Cần ít nhất ${String(iss.minimum)} mục`;
        return `Nhỏ quá: ít nhất ${String(iss.minimum)}`;
      case 'too_big':
        if (iss.origin === 'string') return `Dài quá: tối đa ${String(iss.maximum)} ký tự`;
        if (iss.origin === 'array') return `Nhiều quá: tối đa ${String(iss.maximum)} mục`;
        return `Lớn quá: tối đa ${String(iss.maximum)}`;
      case 'invalid_value':
        return `Giá trị không hợp lệ: cần một trong ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'invalid_format':
        return 'Định dạng không hợp lệ';
      case 'not_multiple_of':
        return `Phải là bội số của ${String(iss.divisor)}`;
      case 'unrecognized_keys':
        return 'Trường không được chấp nhận';
      case 'invalid_union':
        return 'Giá trị không khớp với dạng nào được chấp nhận';
      case 'invalid_key':
      case 'invalid_element':
        return 'Giá trị không hợp lệ';
      default:
        return undefined;
    }
  },
});

/** "$.articles[0].clauses[1].text" */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const k = String(p);
      out += /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
    }
  }
  return out;
}

export function problemsOf(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const iss of error.issues) {
    if (iss.code === 'unrecognized_keys') {
      for (const k of iss.keys)
        out.push({ path: jsonPath([...iss.path, k]), code: 'unrecognized_key', message: `Trường "${k}" không được chấp nhận` });
    } else {
      // A custom check names its own code (date_nonexistent, organ_id_groups...) in params.code.
      const own = iss.code === 'custom' ? (iss.params as { code?: unknown } | undefined)?.code : undefined;
      out.push({ path: jsonPath(iss.path), code: typeof own === 'string' ? own : iss.code, message: iss.message });
    }
  }
  return out;
}

export type Validation<T> =
  | { ok: true; data: T; warnings: Warning[] }
  | { ok: false; problems: Problem[] };

// C0 controls other than tab and line breaks, U+FFFE/U+FFFF and lone surrogates cannot be written into a DOCX
// (XML 1.0) and print nothing in a PDF: they are refused, naming the field and the code point.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

function unprintable(value: unknown, path: PropertyKey[] = [], out: Problem[] = []): Problem[] {
  if (out.length >= 100) return out;
  if (typeof value === 'string') {
    const m = UNPRINTABLE.exec(value);
    if (m) {
      const cp = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      out.push({ path: jsonPath(path), code: 'unprintable_character', message: `Chuỗi chứa ký tự không in được (U+${cp}) ở vị trí ${m.index + 1}` });
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => unprintable(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) unprintable(v, [...path, k], out);
  return out;
}

/**
 * What one document may hold so that it prints well within the render deadline: list items (table rows,
 * paragraphs, recipients...) and characters of text, all lists and strings of the data together. A plan of
 * 500 framework rows (about 180 KB, 92 pages) prints in 2 s on the reference machine; a body at the 1 MB
 * limit made of rows was 500 pages, 22 s and 4.5 GB of Chromium. A type may allow more (the register).
 */
export const SIZE_LIMITS = { items: 2_000, text: 200_000, depth: 64 };

/** Counts list items and characters iteratively (no recursion: the depth is checked, not trusted). */
export function sizeProblems(body: unknown, limits: { items: number; text: number; depth: number } = SIZE_LIMITS): Problem[] {
  let items = 0;
  let text = 0;
  let depth = 0;
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > depth) depth = d;
    if (depth > limits.depth) break;
    if (typeof v === 'string') text += v.length;
    else if (Array.isArray(v)) {
      items += v.length;
      for (const x of v) stack.push([x, d + 1]);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        text += k.length;
        stack.push([x, d + 1]);
      }
    }
    if (items > limits.items * 4 || text > limits.text * 4) break;
  }
  const out: Problem[] = [];
  const n = (x: number) => x.toLocaleString('vi-VN');
  if (depth > limits.depth)
    out.push({ path: '$', code: 'too_deep', message: `Dữ liệu lồng nhau quá sâu: tối đa ${limits.depth} cấp` });
  if (items > limits.items)
    out.push({
      path: '$',
      code: 'document_too_large',
      message: `Văn bản quá lớn để in trong thời hạn: ${items > limits.items * 4 ? `hơn ${n(limits.items * 4)}` : n(items)} mục danh sách và dòng bảng, tối đa ${n(limits.items)} (khoảng ${n(Math.round(limits.items / 5))} trang); hãy chia thành nhiều văn bản hoặc phụ lục`,
    });
  if (text > limits.text)
    out.push({
      path: '$',
      code: 'document_too_large',
      message: `Văn bản quá lớn để in trong thời hạn: ${text > limits.text * 4 ? `hơn ${n(limits.text * 4)}` : n(text)} ký tự, tối đa ${n(limits.text)} (khoảng ${n(Math.round(limits.text / 2_000))} trang)`,
    });
  return out;
}

export function validate(type: DocumentType, body: unknown): Validation<unknown> {
  const tooLarge = sizeProblems(body, { ...SIZE_LIMITS, ...type.sizeLimits });
  if (tooLarge.length) return { ok: false, problems: tooLarge };
  const input = normalizeDeep(body);
  const bad = unprintable(input);
  let r: ReturnType<typeof type.schema.safeParse>;
  try {
    r = type.schema.safeParse(input);
  } catch (e) {
    // A cross-field rule met a value that an earlier check had already refused (zod runs refinements on
    // data with issues): the request is still a client's mistake, answered 422, and logged by the caller.
    return {
      ok: false,
      problems: [
        ...bad,
        { path: '$', code: 'invalid_data', message: `Dữ liệu không hợp lệ: có giá trị nằm ngoài phạm vi cho phép (${(e as Error).message})` },
      ],
    };
  }
  if (!r.success || bad.length) return { ok: false, problems: [...bad, ...(r.success ? [] : problemsOf(r.error))] };
  return { ok: true, data: r.data, warnings: type.warnings?.(r.data as never) ?? [] };
}
