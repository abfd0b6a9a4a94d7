/**
 * The form's wording of coded choices (web/src/schemaUi.ts, issue 17: "codes shown as their Vietnamese names"):
 * the drop-down lists show names, and so do the descriptions under them, for every enum of every document type.
 */
import { describe, expect, it } from 'vitest';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { CATALOG } from '../../src/documents/catalog.js';
import { jsonSchemaOf } from '../../src/http/schemas.js';
import { codesNamed, formSchema, uiSchemaFor } from '../../web/src/schemaUi.js';

type Node = RJSFSchema & Record<string, unknown>;

/** Every enum of a schema with the form's enum names and description for it. */
function enums(s: Node, ui: UiSchema | undefined, out: { codes: string[]; names: string[]; description: string }[] = []) {
  if (Array.isArray(s.enum) && typeof s.description === 'string')
    out.push({ codes: s.enum.map(String), names: (ui?.['ui:enumNames'] as string[]) ?? [], description: String(ui?.['ui:description'] ?? s.description) });
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Node>)) enums(v, ui?.[k] as UiSchema | undefined, out);
  if (s.items && typeof s.items === 'object') enums(s.items as Node, ui?.items as UiSchema | undefined, out);
  for (const k of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[k])) (s[k] as Node[]).forEach((o, i) => enums(o, (ui?.[k] as UiSchema[] | undefined)?.[i], out));
  return out;
}

describe('coded choices in names', () => {
  it('rewrites the codes of a description into their names', () => {
    expect(codesNamed('khan (KHẨN), thuong-khan (THƯỢNG KHẨN).', [['khan', 'Khẩn'], ['thuong-khan', 'Thượng khẩn']])).toBe('Khẩn, Thượng khẩn.');
    expect(codesNamed('left, center hoặc justify (mặc định: căn đều).', [['left', 'Trái'], ['center', 'Giữa'], ['justify', 'Đều hai bên']])).toBe(
      'Trái, Giữa hoặc Đều hai bên (mặc định: căn đều).',
    );
    expect(codesNamed('none: người đứng đầu ký; TM: thay mặt tập thể.', [['none', 'Người đứng đầu ký'], ['TM', 'TM. (thay mặt tập thể)']])).toBe(
      'Người đứng đầu ký; TM. (thay mặt tập thể).',
    );
    expect(codesNamed('self: cơ quan tự đánh giá; survey: điểm điều tra.', [['self', 'Tự đánh giá'], ['survey', 'Điều tra xã hội học']])).toBe(
      'Cơ quan tự đánh giá; Điều tra xã hội học: điểm điều tra.',
    );
    expect(codesNamed('ví dụ "the-che"; toi-mat và mat', [['the-che', 'Cải cách thể chế'], ['mat', 'Mật']])).toBe('ví dụ "Cải cách thể chế"; toi-mat và Mật');
  });

  it('shows no word-like code in the choices or the descriptions of any enum of any type', () => {
    for (const t of CATALOG) {
      const schema = formSchema(jsonSchemaOf(t.id, t.schema) as Record<string, unknown>);
      for (const e of enums(schema as Node, uiSchemaFor(schema))) {
        for (const [i, code] of e.codes.entries()) {
          if (!/^[\w-]+$/.test(code) || !/[a-z]/.test(code)) continue;
          expect(e.names[i], `${t.id}: the name of ${code}`).not.toBe(code);
          expect(e.description, `${t.id}: ${e.description}`).not.toMatch(new RegExp(`(^|[\\s,;("])${code.replace(/[-]/g, '\\-')}($|[\\s,;.):"])`));
        }
      }
    }
  });

  it('offers a heading\'s level as a list of its numberings, not a number box', () => {
    const t = CATALOG.find((c) => c.id === 'van-ban')!;
    const schema = formSchema(jsonSchemaOf(t.id, t.schema) as Record<string, unknown>) as Node;
    const heading = ((schema.properties as Record<string, Node>).body!.items as Node).oneOf as Node[];
    const level = (heading.find((o) => ((o.properties as Record<string, Node>).type as Node).const === 'heading')!.properties as Record<string, Node>).level!;
    expect(level.enum).toEqual([1, 2, 3, 4]);
    expect((uiSchemaFor(level, false) as UiSchema)['ui:enumNames']).toEqual(['1: I., II. (in hoa)', '2: 1., 2.', '3: 1.1., 1.2.', '4: a), b)']);
  });

  it('says which check boxes are on when left out (default: true), so the form shows them ticked', () => {
    const on = new Set<string>();
    const offByDefault = new Set<string>();
    for (const t of CATALOG) {
      (function walk(n: unknown): void {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== 'object') return;
        const s = n as Node;
        if (s.type === 'boolean' && typeof s.description === 'string' && /\bfalse để /.test(s.description)) (s.default === true ? on : offByDefault).add(String(s.title));
        Object.values(s).forEach(walk);
      })(jsonSchemaOf(t.id, t.schema));
    }
    expect([...on].sort()).toEqual(['Dòng "Như trên"', 'In hoa tên phụ lục', 'Đánh số tự động'].sort());
    // On only in some cases (a level-1 heading; a periodic report): shown as left out.
    expect([...offByDefault].sort()).toEqual(['In hoa', 'In thời gian lấy số liệu'].sort());
  });
});
