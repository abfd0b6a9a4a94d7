/**
 * The one XML escaper of the tree: text for element content or a double-quoted attribute value. Pure and
 * without imports, below every layer that writes XML (render/docx's WordprocessingML, the archive's XMP and
 * Appendix VI metadata).
 *
 * Characters XML 1.0 cannot carry are dropped rather than written into a document a reader would refuse; & < >
 * and " are escaped. A carriage return is written as &#xD; by default, because a parser reads a literal one as
 * a line feed: metadata values (XMP, Appendix VI) then read back exactly as stored. `cr: 'literal'` keeps it as
 * it is, for a part whose other text is written by a library that keeps it literal (docxtemplater in a DOCX).
 */

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string, o: { cr?: 'reference' | 'literal' } = {}): string {
  const t = s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return o.cr === 'literal' ? t : t.replace(/\r/g, '&#xD;');
}
