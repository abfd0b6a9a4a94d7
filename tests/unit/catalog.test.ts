/**
 * The rules every document type of the catalog follows, checked once for all of them (pure: no Chromium).
 * The JSON Schema (the one GET /v1/templates/:id/schema serves; api.test checks it is this one) gives every
 * field a Vietnamese title and description and closes every object; the fixtures validate and build a view whose
 * strings are NFC and whose file names are safe; unknown keys and missing required fields are refused at their
 * JSON path in Vietnamese; an issuable type gives the register the facts the document prints, and the printed
 * register is not issuable. A new type added to the catalog is held to all of it without a line here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOG } from '../../src/documents/catalog.js';
import { isIssuable, type DocumentType } from '../../src/documents/types.js';
import { jsonPath, validate } from '../../src/documents/validate.js';
import { allFixtures, type Fixture } from '../support/fixtures.js';

type Node = Record<string, unknown> & { properties?: Record<string, Node>; required?: string[] };
type Key = string | number;

/** A letter only Vietnamese writes (a tone or vowel mark, đ): English text has none. */
const VIETNAMESE_LETTER = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/iu;
/** Vietnamese words that happen to carry no mark, read and kept as they are. */
const UNMARKED_VIETNAMESE = new Set(['In hoa', '1: I., II. (in hoa); 2: 1., 2.; 3: 1.1., 1.2.; 4: a), b).']);
const isVietnamese = (s: unknown) => typeof s === 'string' && (VIETNAMESE_LETTER.test(s) || UNMARKED_VIETNAMESE.has(s));

const jsonSchema = (t: DocumentType) => z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) as Node;

const SUBSCHEMAS = ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'not'] as const;

/** Every subschema of a JSON Schema, with the place of the data it describes ("$.articles[].clauses[]"). */
function nodesOf(node: Node, at = '$', out: { at: string; node: Node }[] = []): { at: string; node: Node }[] {
  out.push({ at, node });
  for (const [k, f] of Object.entries(node.properties ?? {})) nodesOf(f, `${at}.${k}`, out);
  for (const key of SUBSCHEMAS) {
    const place = key === 'items' || key === 'prefixItems' ? `${at}[]` : key === 'additionalProperties' ? `${at}.*` : at;
    const x = node[key];
    if (Array.isArray(x)) for (const y of x as Node[]) nodesOf(y, place, out);
    else if (x && typeof x === 'object') nodesOf(x as Node, place, out);
  }
  return out;
}

/** The branch of a oneOf/anyOf that a value takes (a content block by its type tag); the node itself otherwise. */
function branch(node: Node, value: unknown): Node {
  const alternatives = (node.oneOf ?? node.anyOf) as Node[] | undefined;
  if (!alternatives) return node;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const found = alternatives.find((a) => {
    if (kind === 'object') {
      const tag = a.properties?.type?.const;
      return a.type === 'object' && (tag === undefined || tag === (value as { type?: unknown }).type);
    }
    return a.type === kind || (kind === 'number' && a.type === 'integer') || (a.type === undefined && (a.anyOf ?? a.oneOf) !== undefined);
  });
  return found ? branch(found, value) : node;
}

/** Each object of the data whose schema names its fields, once per schema node (not per table row or score). */
function objectsOf(schema: Node, data: unknown): { at: Key[]; node: Node; value: Record<string, unknown> }[] {
  const out: { at: Key[]; node: Node; value: Record<string, unknown> }[] = [];
  const seen = new Set<Node>();
  const walk = (n: Node | undefined, value: unknown, at: Key[]) => {
    if (!n) return;
    const node = branch(n, value);
    if (Array.isArray(value)) value.forEach((v, i) => walk(node.items as Node | undefined, v, [...at, i]));
    else if (value && typeof value === 'object') {
      if (node.properties && !seen.has(node)) {
        seen.add(node);
        out.push({ at, node, value: value as Record<string, unknown> });
      }
      const rest = typeof node.additionalProperties === 'object' ? (node.additionalProperties as Node) : undefined;
      for (const [k, v] of Object.entries(value)) walk(node.properties?.[k] ?? rest, v, [...at, k]);
    }
  };
  walk(schema, data, []);
  return out;
}

const at = (root: unknown, path: Key[]) => path.reduce<any>((o, k) => o[k], root); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every string of a value with its place, for the NFC check. */
function stringsOf(value: unknown, place = '$', out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([place, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${place}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stringsOf(v, `${place}.${k}`, out);
  return out;
}

const FIXTURES = allFixtures();
const fixturesOf = (t: DocumentType) => FIXTURES.filter((f) => f.type === t.id);
const exampleOf = (t: DocumentType) => fixturesOf(t).find((f) => `${f.name}.json` === t.exampleFixture)!;

/** The validated data and the view of a fixture, which must validate. */
function prepared(t: DocumentType, f: Fixture) {
  const r = validate(t, f.data);
  if (!r.ok) throw new Error(`${t.id}/${f.name} does not validate: ${JSON.stringify(r.problems)}`);
  return { data: r.data as Record<string, any>, view: t.view(r.data as never) }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

it('every fixture folder is a type of the catalog, and every type has fixtures including its example', () => {
  const ids = CATALOG.map((t) => t.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...new Set(FIXTURES.map((f) => f.type))].sort()).toEqual([...ids].sort());
  for (const t of CATALOG) expect(fixturesOf(t).map((f) => `${f.name}.json`), t.id).toContain(t.exampleFixture);
});

describe.each(CATALOG.map((t) => [t.id, t] as const))('%s', (_id, type) => {
  const schema = jsonSchema(type);

  it('the JSON Schema gives the type and every field a Vietnamese title and description', () => {
    const bad = new Set<string>();
    if (!isVietnamese(schema.title) || !isVietnamese(schema.description)) bad.add('$');
    if (!isVietnamese(type.title)) bad.add('catalog title');
    for (const { at: place, node } of nodesOf(schema))
      for (const [k, f] of Object.entries(node.properties ?? {})) {
        // A content block's type tag ("paragraph", "table") names its branch: the branch carries the title.
        if (f.const !== undefined) {
          if (!isVietnamese(node.title)) bad.add(`${place} (the "${String(f.const)}" branch)`);
        } else if (!isVietnamese(f.title) || !isVietnamese(f.description)) bad.add(`${place}.${k}: ${JSON.stringify([f.title, f.description])}`);
      }
    expect([...bad]).toEqual([]);
  });

  it('every object of the JSON Schema is closed, and an unknown key in any object is refused in Vietnamese at its path', () => {
    const open = nodesOf(schema).filter(({ node }) => node.properties && node.additionalProperties !== false);
    expect(open.map((o) => o.at)).toEqual([]);
    const example = exampleOf(type).data;
    const objects = objectsOf(schema, example);
    expect(objects.length).toBeGreaterThan(1);
    for (const o of objects) {
      const body = structuredClone(example);
      at(body, o.at).khongCo = 1;
      const r = validate(type, body);
      const where = jsonPath([...o.at, 'khongCo']);
      expect(r.ok ? [] : r.problems, where).toEqual([{ path: where, code: 'unrecognized_key', message: 'Trường "khongCo" không được chấp nhận' }]);
    }
  });

  it('a missing required field is refused at its path, every message in Vietnamese', () => {
    const example = exampleOf(type).data;
    let tried = 0;
    for (const o of objectsOf(schema, example))
      for (const k of o.node.required ?? []) {
        if (!(k in o.value)) continue;
        const body = structuredClone(example);
        delete at(body, o.at)[k];
        const r = validate(type, body);
        const where = jsonPath([...o.at, k]);
        expect(r.ok, where).toBe(false);
        if (r.ok) continue;
        // At the field, or at the item of a union (text or object) that no longer matches any of its forms.
        const near = r.problems.filter((p) => p.path === where || (where.startsWith(p.path) && /^[.[]/.test(where.slice(p.path.length)) && p.code === 'invalid_union'));
        expect(near, `${where}: ${JSON.stringify(r.problems)}`).not.toEqual([]);
        for (const p of r.problems) expect(isVietnamese(p.message), `${where}: ${p.message}`).toBe(true);
        tried++;
      }
    expect(tried).toBeGreaterThan(3);
  });

  it('every fixture validates and builds a view: every string NFC, file names safe', () => {
    expect(fixturesOf(type).length).toBeGreaterThan(0);
    for (const f of fixturesOf(type)) {
      const { view } = prepared(type, f);
      expect(stringsOf(view).filter(([, s]) => s !== s.normalize('NFC')), f.name).toEqual([]);
      expect(view.meta.filenameAscii, f.name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      const unicode = view.meta.filenameUnicode;
      expect(unicode, f.name).toBe(unicode.normalize('NFC'));
      expect(unicode, f.name).toMatch(/^[^/\\:*?"<>|\p{Cc}]+$/u);
      expect(view.pages.length, f.name).toBeGreaterThan(0);
    }
  });

  if (isIssuable(type))
    it('gives the register the facts the document prints: notation after the number, agency, signer, trích yếu', () => {
      for (const f of fixturesOf(type)) {
        const { data, view } = prepared(type, f);
        const facts = type.register!(data as never, view.meta);
        const kh = /^(\d+)\/(.+)$/u.exec(view.meta.kyHieu);
        if (data.number === undefined) expect(view.meta.kyHieu, f.name).toBe(`Dự thảo ${facts.notation}`);
        else expect([Number(kh?.[1]), kh?.[2]], f.name).toEqual([data.number, facts.notation]);
        expect(facts.notation, f.name).toBe(view.meta.notation);
        expect(facts, f.name).toMatchObject({
          agency: { name: data.agency.name, abbreviation: data.agency.abbreviation },
          date: data.date,
          typeName: view.meta.typeName,
          // the trích yếu as given, or as the document computes and prints it: never the bare type name
          summary: data.summary ?? view.meta.subject,
          signer: { name: data.signer.name },
          recipients: data.recipients.items,
        });
        expect(facts.number, f.name).toBe(data.number);
        expect(facts.summary, f.name).not.toBe(facts.typeName);
        expect(facts.signer.position, f.name).not.toBe('');
      }
    });
  else
    it('is not issuable: it declares no register facts', () => {
      expect(type.register).toBeUndefined();
      expect(type.id).toBe('so-dang-ky-van-ban-di');
    });
});
