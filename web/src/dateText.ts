/**
 * Dates as staff write them (dd/mm/yyyy, mm/yyyy, yyyy) and as the API takes them (ISO text, partial in drafts):
 * the conversions of the date box (DateWidget.tsx) and the wording of the fields' descriptions and messages. Pure,
 * without React: the form's schema walk (schemaUi.ts) and the unit tests read it too.
 */

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The ISO text the API takes for what was typed: "20/12/2024" -> "2024-12-20", "12/2024" -> "2024-12"; else as typed. */
export function isoOfTyped(typed: string): string {
  const t = typed.trim();
  if (ISO.test(t)) return t;
  const pad = (n: string) => n.padStart(2, '0');
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${pad(dmy[2]!)}-${pad(dmy[1]!)}`;
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  if (my) return `${my[2]}-${pad(my[1]!)}`;
  return typed;
}

/** How an ISO value is shown: "2024-12-20" -> "20/12/2024", "2024-12" -> "12/2024", "2024"; anything else as it is. */
export function shownOfIso(value: string): string {
  const m = ISO.exec(value);
  if (!m) return value;
  return [m[3], m[2], m[1]].filter((p) => p !== undefined).join('/');
}

/** The same wording in a field's description: the API's "YYYY-MM-DD" is "dd/mm/yyyy" in this box. */
export const dateWording = (text: string) => text.replace(/YYYY-MM-DD/g, 'dd/mm/yyyy').replace(/YYYY-MM/g, 'mm/yyyy').replace(/\bYYYY\b/g, 'yyyy');
