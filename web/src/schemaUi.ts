/**
 * From the service's JSON Schema to what react-jsonschema-form needs: the schema itself (without the
 * draft 2020-12 markers the form does not use, with a title on every branch of a oneOf/anyOf) and a uiSchema
 * derived from it (long text in a textarea, the fixed "type" of a content block hidden, Vietnamese names for
 * the coded choices, dates marked "x-date" in a dd/mm/yyyy box, the fields marked "x-suggest" with the values
 * the service suggests). Nothing here is written per document type: a new type gets its form from its schema.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { listBlockItems, richShape, RICH_FIELD } from './richtext/shape.js';
import { dateWording } from './dateText.js';

type S = Record<string, unknown> & RJSFSchema;

/** Vietnamese names of the coded values the schemas use (shown in the drop-down lists; the value sent stays the code). */
const CHOICES: Record<string, string> = {
  khan: 'Khẩn',
  'thuong-khan': 'Thượng khẩn',
  'hoa-toc': 'Hỏa tốc',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
  none: 'Người đứng đầu ký',
  TM: 'TM. (thay mặt tập thể)',
  KT: 'KT. (ký thay người đứng đầu)',
  TL: 'TL. (thừa lệnh)',
  TUQ: 'TUQ. (thừa ủy quyền)',
  Q: 'Q. (quyền)',
  TM_KT: 'TM. + KT. (cấp phó của tập thể ký thay)',
  'quy-1': 'Quý I',
  'quy-2': 'Quý II',
  '6-thang': '6 tháng đầu năm',
  'quy-3': 'Quý III',
  '9-thang': '9 tháng',
  'quy-4': 'Quý IV',
  nam: 'Năm',
  'dot-xuat': 'Đột xuất',
  khac: 'Khác (tự đặt tên và thời gian)',
  phan: 'Phần',
  chuong: 'Chương',
  muc: 'Mục',
  left: 'Trái',
  center: 'Giữa',
  right: 'Phải',
  justify: 'Đều hai bên',
  '-': 'Gạch đầu dòng (-)',
  '+': 'Dấu cộng (+)',
  'hoan-thanh': 'Hoàn thành',
  'dang-thuc-hien': 'Đang thực hiện',
  'chua-thuc-hien': 'Chưa thực hiện',
  portrait: 'Trang dọc',
  landscape: 'Trang ngang',
  self: 'Tự đánh giá (có tài liệu kiểm chứng)',
  survey: 'Điều tra xã hội học',
  'per-group': 'Mỗi nhóm đánh số lại từ 1',
  continuous: 'Đánh số liên tục qua các nhóm',
  opening: 'Phần mở đầu',
  purposeRequirement: 'Mục đích, yêu cầu',
  tasks: 'Chỉ tiêu, nhiệm vụ',
  reporting: 'Chế độ báo cáo',
  funding: 'Kinh phí',
  implementation: 'Tổ chức thực hiện',
  auto: 'Tự thêm dấu chấm khi thiếu',
  'as-written': 'In đúng như ghi',
};

/** A name for a coded value: the table above, else "code (Name)" in the field's description, else the code. */
function choiceName(value: unknown, description: string | undefined): string {
  const v = String(value);
  if (CHOICES[v]) return CHOICES[v];
  if (description) {
    const esc = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`(?:^|[\\s,;])${esc} \\(([^)]+)\\)`).exec(description);
    if (m?.[1]) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  }
  return v;
}

/** The name of a coded value of a field (its "x-choices", else its enum's name), or undefined when it has none. */
export function codeName(schema: RJSFSchema | undefined, value: unknown): string | undefined {
  const s = schema as S | undefined;
  if (!s || typeof value !== 'string') return undefined;
  if (Array.isArray(s['x-choices'])) return (s['x-choices'] as { const: string; title: string }[]).find((c) => c.const === value)?.title;
  if (Array.isArray(s.enum) && s.enum.includes(value)) return choiceName(value, s.description);
  return undefined;
}

/** The comparison key of a wording: lower case, letters and digits only. */
const key = (t: string) => t.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A description in names, not codes, for a field whose choices are shown by name. Each code of the field with a
 * known name: "khan (KHẨN)" -> "Khẩn" (the bracket was its name), "nam (thời gian ...)" -> "Năm (thời gian ...)";
 * "none: người đứng đầu ký" -> "Người đứng đầu ký", "TM: thay mặt tập thể" -> "TM. (thay mặt tập thể)",
 * "self: cơ quan tự đánh giá" -> "Tự đánh giá (...): cơ quan tự đánh giá"; "the-che" in quotes -> its name; a bare
 * word-like code in a list ("left, center, right", "quy-1, 6-thang") -> its name.
 */
export function codesNamed(description: string, named: readonly (readonly [string, string])[]): string {
  let out = description;
  for (const [code, name] of named) {
    if (name === code) continue;
    const esc = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const n = key(name);
    out = out
      .replace(new RegExp(`(^|[\\s,;(])${esc} \\(([^)]*)\\)`, 'g'), (_m, pre: string, note: string) => `${pre}${n.includes(key(note)) ? name : `${name} (${note})`}`)
      .replace(new RegExp(`(^|[\\s,;(])${esc}:\\s*([^;.)]*)`, 'g'), (_m, pre: string, said: string) => {
        const k = key(said);
        return `${pre}${k.includes(n) ? said.charAt(0).toUpperCase() + said.slice(1) : n.includes(k) ? name : `${name}: ${said}`}`;
      })
      .replace(new RegExp(`"${esc}"`, 'g'), `"${name}"`);
    // A word-like code (a letter in it, not in capitals: not TM, KT, Q) may stand bare in a list.
    if (/^[\w-]+$/.test(code) && /[a-z]/.test(code)) out = out.replace(new RegExp(`(^|[\\s,;(])${esc}(?=$|[\\s,;.)])`, 'g'), `$1${name}`);
  }
  return out;
}

const typeOf = (s: S): string | undefined => (typeof s.type === 'string' ? s.type : undefined);

/** A title for an untitled branch of a oneOf/anyOf, from what it holds. */
function branchTitle(option: S, siblings: S[]): string {
  const t = typeOf(option);
  if (t === 'string') return 'Chữ';
  if (t === 'number' || t === 'integer') return 'Số';
  if (t === 'boolean') return 'Có / không';
  if (t === 'object') {
    const simpleSibling = siblings.find((o) => o !== option && (typeOf(o) === 'string' || typeOf(o) === 'number'));
    const titled = siblings.find((o) => o !== option && typeof o.title === 'string');
    if (simpleSibling && typeof titled?.title === 'string') return `${titled.title} (chi tiết, định dạng)`;
    return simpleSibling ? 'Chi tiết (có định dạng, mục con)' : 'Dạng chi tiết';
  }
  if (t === 'array') return 'Danh sách';
  return 'Dạng khác';
}

/** The schema react-jsonschema-form gets: a deep copy, $schema/$id removed, every oneOf/anyOf branch titled. */
export function formSchema(serverSchema: Record<string, unknown>): RJSFSchema {
  const copy = structuredClone(serverSchema) as S;
  delete copy.$schema;
  delete copy.$id;
  (function walk(node: unknown): void {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const s = node as S;
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = s[key];
      if (Array.isArray(options)) {
        const opts = options as S[];
        for (const o of opts) if (typeof o.title !== 'string') o.title = branchTitle(o, opts);
      }
    }
    // A small integer range whose description names each value ("1: I., II. (in hoa); 2: 1., 2.; ..."): a list
    // to choose from, not a number to type (a heading's level showed as an empty box).
    const levels = typeOf(s) === 'integer' && !Array.isArray(s.enum) ? levelNames(s) : null;
    if (levels) s.enum = Object.keys(levels).map(Number);
    for (const v of Object.values(s)) walk(v);
  })(copy);
  return copy;
}

/** The name of each value of a small integer range, read from its description ("1: I., II.; 2: 1., 2."), or null. */
export function levelNames(s: S): Record<number, string> | null {
  const min = s.minimum, max = s.maximum;
  if (typeof min !== 'number' || typeof max !== 'number' || max < min || max - min > 6 || typeof s.description !== 'string') return null;
  const names: Record<number, string> = {};
  for (let v = min; v <= max; v++) {
    const m = new RegExp(`(?:^|[;\\s])${v}: ([^;]+?)(?=;\\s*\\d+:|\\.?$)`).exec(s.description);
    if (!m?.[1]) return null;
    names[v] = `${v}: ${m[1].trim()}`;
  }
  return names;
}

const LONG_TEXT = 300;

/** The uiSchema of a schema, built by walking it (arrays: one uiSchema for all rows; oneOf/anyOf: one per branch). */
export function uiSchemaFor(schema: RJSFSchema, top = true): UiSchema {
  const s = schema as S;
  const ui: UiSchema = {};
  if (top) {
    ui['ui:globalOptions'] = { enableOptionalDataFieldForType: ['object', 'array'], copyable: false, orderable: true, removable: true };
    ui['ui:submitButtonOptions'] = { norender: true };
  }
  if (s.const !== undefined && s.type !== 'object') {
    ui['ui:widget'] = 'hidden';
    return ui;
  }
  // Free text that may be bold or italic: the rich-text editor (web/src/richtext/) instead of a textarea.
  const rich = richShape(s);
  if (rich === 'inline') {
    ui['ui:field'] = RICH_FIELD;
    ui['ui:options'] = { rich, fieldReplacesAnyOrOneOf: true };
    return ui;
  }
  if (rich === 'paragraph') {
    ui['ui:field'] = RICH_FIELD;
    ui['ui:options'] = { rich };
  }
  const type = typeOf(s);
  const levels = type === 'integer' ? levelNames(s) : null;
  if (type === 'string' && (s['x-date'] === 'full' || s['x-date'] === 'partial')) {
    // A date (the schema's "x-date" marker): typed dd/mm/yyyy with a calendar (DateWidget.tsx), sent as ISO.
    ui['ui:widget'] = 'DateWidget';
    ui['ui:options'] = { dateParts: s['x-date'] };
    if (typeof s.description === 'string') ui['ui:description'] = dateWording(s.description);
  } else if (type === 'string' && typeof s['x-suggest'] === 'string') {
    // A field the service suggests past values for (agency names, Nơi nhận lines): a box with a list under it.
    ui['ui:widget'] = 'ComboWidget';
    ui['ui:options'] = { suggest: s['x-suggest'] };
  } else if (type === 'string' && Array.isArray(s['x-choices'])) {
    // Known codes with their names (e.g. the reform areas): a box that shows the name and sends the code.
    ui['ui:widget'] = 'ComboWidget';
    const named = (s['x-choices'] as { const: string; title: string }[]).map((c) => [c.const, c.title] as const);
    if (typeof s.description === 'string') ui['ui:description'] = codesNamed(s.description, named);
    // "Mã lĩnh vực" shows a name: the field is "Lĩnh vực".
    if (typeof s.title === 'string' && /^Mã\s+\p{L}/u.test(s.title)) ui['ui:title'] = s.title.replace(/^Mã\s+(\p{L})/u, (_m, c: string) => c.toUpperCase());
  } else if (type === 'string' && Array.isArray(s.enum)) {
    ui['ui:enumNames'] = s.enum.map((v) => choiceName(v, s.description));
    ui['ui:placeholder'] = '(chưa chọn)';
    if (typeof s.description === 'string') ui['ui:description'] = codesNamed(s.description, s.enum.map((v) => [String(v), choiceName(v, s.description)] as const));
  } else if (levels && Array.isArray(s.enum)) {
    ui['ui:enumNames'] = s.enum.map((v) => levels[Number(v)] ?? String(v));
    ui['ui:placeholder'] = '(chưa chọn)';
  } else if (type === 'boolean' && typeof s.description === 'string' && /\btrue:/.test(s.description)) {
    ui['ui:description'] = s.description.replace(/\btrue:\s*/, 'Khi chọn: ').replace(/\bfalse:\s*/, 'Khi không chọn: ');
  } else if (type === 'boolean' && typeof s.description === 'string' && /\b(true|false) để /.test(s.description)) {
    // The API's true/false in the page's words (a box left out that is on by default shows ticked: its schema
    // says default: true, CheckboxWidget).
    ui['ui:description'] = s.description.replace(/\btrue để /, 'Chọn để ').replace(/\bfalse để /, 'bỏ chọn để ');
  } else if (type === 'string' && typeof s.maxLength === 'number' && s.maxLength > LONG_TEXT) {
    ui['ui:widget'] = 'textarea';
    ui['ui:options'] = { rows: s.maxLength > 2000 ? 4 : 2 };
  }
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as Record<string, S>)) {
      const child = uiSchemaFor(v, false);
      if (Object.keys(child).length) ui[k] = child;
    }
  }
  if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) {
    const child = uiSchemaFor(s.items as S, false);
    if (Object.keys(child).length) ui.items = child;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = s[key];
    if (Array.isArray(options))
      // A branch is named by the choice above it ("Dạng: Đoạn văn"): no label or legend of its own.
      ui[key] = (options as S[]).map((o) => {
        const child = uiSchemaFor(o, false);
        // A paragraph among content blocks that have a list block: pasted lists become list blocks.
        const listBlocks = child['ui:field'] === RICH_FIELD ? listBlockItems(options) : undefined;
        const lists = listBlocks ? { listBlocks } : {};
        child['ui:options'] = { ...((child['ui:options'] as object | undefined) ?? {}), branch: true, label: false, ...lists };
        return child;
      });
  }
  return ui;
}
