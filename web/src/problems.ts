/**
 * The server's problems ({ path: "$.articles[0].text", message }) mapped onto the form: react-jsonschema-form's
 * ErrorSchema (shown under each field), the field ids ("root_articles_0_text"), and a readable place for the
 * summary ("Các điều › Điều 1 › Nội dung").
 */
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import type { Problem } from './api.js';

export type PathStep = string | number;

/** "$.articles[0].text" -> ["articles", 0, "text"]; '$["odd key"]' -> ["odd key"]. */
export function parsePath(path: string): PathStep[] {
  const out: PathStep[] = [];
  let rest = path.trim().replace(/^\$/, '');
  while (rest.length) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z_$][\w$]*)/.exec(rest))) out.push(m[1]!);
    else if ((m = /^\[(\d+)\]/.exec(rest))) out.push(Number(m[1]));
    else if ((m = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest))) out.push(JSON.parse(m[1]!) as string);
    else if ((m = /^\.([^.[]+)/.exec(rest))) out.push(m[1]!);
    else break;
    rest = rest.slice(m[0].length);
  }
  return out;
}

export const fieldId = (steps: PathStep[]): string => ['root', ...steps.map(String)].join('_');

export function errorSchemaOf(problems: Problem[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const p of problems) {
    let node = root;
    for (const step of parsePath(p.path)) node = (node[String(step)] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(p.message);
  }
  return root as ErrorSchema;
}

export function byFieldId(problems: Problem[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const p of problems) {
    const id = fieldId(parsePath(p.path));
    m.set(id, [...(m.get(id) ?? []), p.message]);
  }
  return m;
}

type S = RJSFSchema & Record<string, unknown>;

/** The branch of a oneOf/anyOf that holds `value` (by a const "type", else by the keys it has). */
function branch(schema: S, value: unknown): S {
  const options = (schema.oneOf ?? schema.anyOf) as S[] | undefined;
  if (!options) return schema;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const byConst = options.find((o) => {
      const props = o.properties as Record<string, S> | undefined;
      return props && Object.entries(props).some(([k, p]) => p.const !== undefined && v[k] === p.const);
    });
    if (byConst) return byConst;
    return options.find((o) => o.type === 'object') ?? schema;
  }
  if (Array.isArray(value)) return options.find((o) => o.type === 'array') ?? schema;
  return options.find((o) => o.type === typeof value) ?? options[0] ?? schema;
}

/** Where a problem is, in the form's own words. */
export function describePath(rootSchema: RJSFSchema, data: unknown, steps: PathStep[]): string {
  const names: string[] = [];
  let schema = rootSchema as S;
  let value = data;
  for (const step of steps) {
    schema = branch(schema, value);
    if (typeof step === 'number') {
      const items = (schema.items ?? {}) as S;
      const title = (typeof items.title === 'string' && items.title) || (typeof schema.title === 'string' && schema.title) || 'Mục';
      names.push(`${title} ${step + 1}`);
      schema = items;
    } else {
      const prop = (schema.properties as Record<string, S> | undefined)?.[step];
      names.push(typeof prop?.title === 'string' ? prop.title : step);
      schema = prop ?? ({} as S);
    }
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return names.length ? names.join(' › ') : 'Toàn văn bản';
}

/** The element to bring into view for a path: the field itself, else its closest shown parent. */
export function elementFor(steps: PathStep[]): HTMLElement | null {
  for (let n = steps.length; n >= 0; n--) {
    const el = document.getElementById(fieldId(steps.slice(0, n)));
    if (el && !el.closest('[hidden]')) return el;
  }
  return null;
}

/** The ids of the fields with a problem and of all the fields that hold them. */
export function flaggedIds(problems: Problem[]): Set<string> {
  const out = new Set<string>();
  for (const p of problems) {
    const steps = parsePath(p.path);
    for (let n = 0; n <= steps.length; n++) out.add(fieldId(steps.slice(0, n)));
  }
  return out;
}
