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
    } else out.push({ path: jsonPath(iss.path), code: iss.code, message: iss.message });
  }
  return out;
}

export type Validation<T> =
  | { ok: true; data: T; warnings: Warning[] }
  | { ok: false; problems: Problem[] };

export function validate(type: DocumentType, body: unknown): Validation<unknown> {
  const input = normalizeDeep(body);
  const r = type.schema.safeParse(input);
  if (!r.success) return { ok: false, problems: problemsOf(r.error) };
  return { ok: true, data: r.data, warnings: type.warnings?.(r.data as never) ?? [] };
}
