/** Content-Disposition with an ASCII filename and an RFC 5987 filename* carrying the Vietnamese name. */
export function contentDisposition(ascii: string, unicode: string): string {
  const safeAscii = ascii.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(unicode.normalize('NFC')).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}
