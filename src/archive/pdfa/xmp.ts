/**
 * The XMP packet of the archival file: PDF/A identification, Dublin Core, xmp and pdf properties, and the
 * Appendix VI metadata in the nd30 namespace with the PDF/A extension schema that describes it (PDF/A-2 lets
 * no property in without one). Also the dates the conversion writes, as XMP and as PDF dates of one instant.
 */
import { xmlEscape } from '../../xml.js';
import { PdfAError } from './errors.js';
import {
  ND30_NS,
  ND30_PREFIX,
  ND30_PROPERTIES,
  ND30_RECIPIENT_NS,
  ND30_RECIPIENT_PREFIX,
  RECIPIENT_FIELDS,
  keywordsOf,
  normalizeArchiveMetadata,
  type ArchiveMetadata,
  type Nd30Property,
  type Nd30Value,
} from './metadata.js';

/** xmp:CreatorTool and Info /Creator. */
export const CREATOR_TOOL = 'vanban';

/** An XMP date-time with its offset ("2026-01-24T09:30:00+07:00"). */
const XMP_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function nd30Value(p: Nd30Property, v: Nd30Value, indent: string): string | null {
  if (v === null) return null;
  const tag = `${ND30_PREFIX}:${p.name}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return `${indent}<${tag}><rdf:Seq/></${tag}>`;
    const items = v.map((r) => {
      const id = r.id === undefined ? '' : `<${ND30_RECIPIENT_PREFIX}:Id>${xmlEscape(r.id)}</${ND30_RECIPIENT_PREFIX}:Id>`;
      return `${indent}  <rdf:li rdf:parseType="Resource">${id}<${ND30_RECIPIENT_PREFIX}:Name>${xmlEscape(r.name)}</${ND30_RECIPIENT_PREFIX}:Name></rdf:li>`;
    });
    return `${indent}<${tag}><rdf:Seq>\n${items.join('\n')}\n${indent}</rdf:Seq></${tag}>`;
  }
  return `${indent}<${tag}>${xmlEscape(String(v))}</${tag}>`;
}

function extensionSchema(indent: string): string {
  const i = indent;
  const props = ND30_PROPERTIES.map(
    (p) =>
      `${i}      <rdf:li rdf:parseType="Resource">\n` +
      `${i}       <pdfaProperty:name>${p.name}</pdfaProperty:name>\n` +
      `${i}       <pdfaProperty:valueType>${p.valueType}</pdfaProperty:valueType>\n` +
      `${i}       <pdfaProperty:category>external</pdfaProperty:category>\n` +
      `${i}       <pdfaProperty:description>${xmlEscape(p.description)}</pdfaProperty:description>\n` +
      `${i}      </rdf:li>`,
  ).join('\n');
  const fields = RECIPIENT_FIELDS.map(
    (f) =>
      `${i}          <rdf:li rdf:parseType="Resource">\n` +
      `${i}           <pdfaField:name>${f.name}</pdfaField:name>\n` +
      `${i}           <pdfaField:valueType>${f.valueType}</pdfaField:valueType>\n` +
      `${i}           <pdfaField:description>${xmlEscape(f.description)}</pdfaField:description>\n` +
      `${i}          </rdf:li>`,
  ).join('\n');
  return [
    `${i}<pdfaExtension:schemas>`,
    `${i} <rdf:Bag>`,
    `${i}  <rdf:li rdf:parseType="Resource">`,
    `${i}   <pdfaSchema:schema>Siêu dữ liệu văn bản đi, Phụ lục VI Nghị định 30/2020/NĐ-CP / outgoing document metadata, Decree 30/2020 Appendix VI</pdfaSchema:schema>`,
    `${i}   <pdfaSchema:namespaceURI>${ND30_NS}</pdfaSchema:namespaceURI>`,
    `${i}   <pdfaSchema:prefix>${ND30_PREFIX}</pdfaSchema:prefix>`,
    `${i}   <pdfaSchema:property>`,
    `${i}    <rdf:Seq>`,
    props,
    `${i}    </rdf:Seq>`,
    `${i}   </pdfaSchema:property>`,
    `${i}   <pdfaSchema:valueType>`,
    `${i}    <rdf:Seq>`,
    `${i}     <rdf:li rdf:parseType="Resource">`,
    `${i}      <pdfaType:type>Recipient</pdfaType:type>`,
    `${i}      <pdfaType:namespaceURI>${ND30_RECIPIENT_NS}</pdfaType:namespaceURI>`,
    `${i}      <pdfaType:prefix>${ND30_RECIPIENT_PREFIX}</pdfaType:prefix>`,
    `${i}      <pdfaType:description>Nơi nhận văn bản / a recipient of the document</pdfaType:description>`,
    `${i}      <pdfaType:field>`,
    `${i}       <rdf:Seq>`,
    fields,
    `${i}       </rdf:Seq>`,
    `${i}      </pdfaType:field>`,
    `${i}     </rdf:li>`,
    `${i}    </rdf:Seq>`,
    `${i}   </pdfaSchema:valueType>`,
    `${i}  </rdf:li>`,
    `${i} </rdf:Bag>`,
    `${i}</pdfaExtension:schemas>`,
  ].join('\n');
}

/**
 * The XMP packet of the archival file (UTF-8). `createDate` is an XMP date with its offset
 * ("2026-01-24T09:30:00+07:00"); it is also the modify and metadata date.
 */
export function xmpPacket(
  meta: ArchiveMetadata,
  opts: { createDate: string; producer: string; creatorTool?: string; documentId?: string; instanceId?: string },
): string {
  const m = normalizeArchiveMetadata(meta);
  if (!XMP_DATE.test(opts.createDate)) throw new PdfAError('invalid_metadata', `createDate must be an ISO date-time with an offset, got "${opts.createDate}"`);
  const t = (s: string) => xmlEscape(s.normalize('NFC'));
  const date = opts.createDate;
  const mm =
    opts.documentId || opts.instanceId
      ? [
          '  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
          opts.documentId ? `   <xmpMM:DocumentID>${t(opts.documentId)}</xmpMM:DocumentID>` : '',
          opts.instanceId ? `   <xmpMM:InstanceID>${t(opts.instanceId)}</xmpMM:InstanceID>` : '',
          '  </rdf:Description>',
        ].filter(Boolean)
      : [];
  const nd30 = ND30_PROPERTIES.map((p) => nd30Value(p, p.value(m), '   ')).filter((l): l is string => l !== null);
  const body = [
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '   <pdfaid:part>2</pdfaid:part>',
    '   <pdfaid:conformance>B</pdfaid:conformance>',
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${t(m.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${t(m.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${t(m.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${t(m.language)}</rdf:li></rdf:Bag></dc:language>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `   <xmp:CreatorTool>${t(opts.creatorTool ?? CREATOR_TOOL)}</xmp:CreatorTool>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `   <pdf:Producer>${t(opts.producer)}</pdf:Producer>`,
    `   <pdf:Keywords>${t(keywordsOf(m))}</pdf:Keywords>`,
    '  </rdf:Description>',
    ...mm,
    '  <rdf:Description rdf:about=""',
    '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
    '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
    '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"',
    '    xmlns:pdfaType="http://www.aiim.org/pdfa/ns/type#"',
    '    xmlns:pdfaField="http://www.aiim.org/pdfa/ns/field#">',
    extensionSchema('   '),
    '  </rdf:Description>',
    `  <rdf:Description rdf:about="" xmlns:${ND30_PREFIX}="${ND30_NS}" xmlns:${ND30_RECIPIENT_PREFIX}="${ND30_RECIPIENT_NS}">`,
    ...nd30,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
  ].join('\n');
  // A writable packet: room for in-place edits by archive tools, as XMP recommends.
  const padding = (' '.repeat(99) + '\n').repeat(20);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${body}\n${padding}<?xpacket end="w"?>`;
}

/** `d` in the offset `offsetMin`, as an XMP date and as a PDF date, the same instant. */
export function dates(d: Date, offsetMin = -d.getTimezoneOffset()): { xmp: string; pdf: string } {
  const local = new Date(d.getTime() + offsetMin * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const [Y, M, D, h, mi, s] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = p(Math.floor(Math.abs(offsetMin) / 60));
  const om = p(Math.abs(offsetMin) % 60);
  return {
    xmp: `${p(Y, 4)}-${p(M)}-${p(D)}T${p(h)}:${p(mi)}:${p(s)}${sign}${oh}:${om}`,
    pdf: `D:${p(Y, 4)}${p(M)}${p(D)}${p(h)}${p(mi)}${p(s)}${sign}${oh}'${om}'`,
  };
}

