/**
 * Which free-text fields get the rich-text editor (RichTextField.tsx), recognised by the shape of their JSON Schema
 * (or an explicit "x-rich" mark), so that no document type is named here:
 *
 * - "paragraph": an object with a string `text` and an array `runs` of { text, bold?, italic? } (the paragraph
 *   block of src/documents/common/schema.ts);
 * - "inline": a oneOf/anyOf of exactly two branches, a string and an object whose only property is such `runs`.
 *
 * The mark "x-rich" ("paragraph" / "inline") the server may add is a hint, not a substitute: a field is edited
 * as rich text only when its schema can hold what the editor writes.
 */

/** The name of the field in the form's registry (Composer.tsx gives `fields`, schemaUi.ts sets 'ui:field'). */
export const RICH_FIELD = 'RichText';

type S = Record<string, unknown>;
const isObj = (v: unknown): v is S => !!v && typeof v === 'object' && !Array.isArray(v);
const propsOf = (s: S): S => (isObj(s.properties) ? s.properties : {});

/** An array of runs: items that are objects with a string `text` and boolean `bold` / `italic`. */
function isRuns(s: unknown): boolean {
  if (!isObj(s) || s.type !== 'array' || !isObj(s.items)) return false;
  const p = propsOf(s.items);
  return isObj(p.text) && p.text.type === 'string' && isObj(p.bold) && isObj(p.italic);
}

export function richShape(schema: unknown): 'paragraph' | 'inline' | undefined {
  if (!isObj(schema)) return undefined;
  const p = propsOf(schema);
  if (schema.type === 'object' && isObj(p.text) && p.text.type === 'string' && isRuns(p.runs)) return 'paragraph';
  const options = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(options) && options.length === 2 && options.every(isObj)) {
    const text = options.find((o) => o.type === 'string');
    const rich = options.find((o) => o.type === 'object' && Object.keys(propsOf(o)).length === 1 && isRuns(propsOf(o).runs));
    if (text && rich) return 'inline';
  }
  return undefined;
}

/**
 * The row a list of content blocks starts a new block with: its paragraph branch's `{ type }` (recognised as
 * richShape does), or undefined when the list's items have no paragraph branch.
 */
export function paragraphRow(items: unknown): { type: unknown } | undefined {
  const options = isObj(items) ? (items.oneOf ?? items.anyOf) : undefined;
  if (!Array.isArray(options)) return undefined;
  const type = options.map((o) => (richShape(o) === 'paragraph' ? propsOf(o as S).type : undefined)).find(isObj);
  return type && type.const !== undefined ? { type: type.const } : undefined;
}

/**
 * The `list` block among the branches of a content block, if there is one: 'rich' when its items take rich text
 * (a string or { runs }), 'plain' when they are strings. Pasted lists become such blocks.
 */
export function listBlockItems(options: readonly unknown[]): 'rich' | 'plain' | undefined {
  const list = options.find((o) => isObj(o) && isObj(propsOf(o).type) && (propsOf(o).type as S).const === 'list') as S | undefined;
  if (!list) return undefined;
  const items = propsOf(list).items;
  const item = isObj(items) && isObj(items.items) ? items.items : {};
  const branches = Array.isArray(item.anyOf) ? item.anyOf : Array.isArray(item.oneOf) ? item.oneOf : [item];
  return branches.some((b) => richShape(b) === 'inline') ? 'rich' : 'plain';
}
