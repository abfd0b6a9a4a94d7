/**
 * The "DỰ THẢO" watermark of a draft's renders (issue 17): a preview or a download before issuing must not be
 * taken for the issued document. The issued files never carry it: the register renders without a mark.
 *
 * PDF: a fixed-position element of the printed HTML, which Chromium repeats on every page, drawn light grey
 * and diagonal behind the text. DOCX: a WordArt-style VML text shape in every header part (headers repeat on
 * every page, the first page's "first" header included), the way Word's own Watermark command writes it.
 */
import PizZip from 'pizzip';
import type { HtmlDoc } from '../render/html.js';
import { xmlEscape } from '../xml.js';

export const DRAFT_MARK = 'DỰ THẢO';

const css = `.vb-watermark{position:fixed;top:50%;left:50%;transform:translate(-50%,-50%) rotate(-35deg);font-size:96pt;font-weight:bold;` +
  `color:rgba(150,150,150,.28);white-space:nowrap;pointer-events:none;z-index:1000;font-family:"Times New Roman",serif;letter-spacing:4pt}`;

/** The document to print with the mark on every page. */
export function watermarkHtml(doc: HtmlDoc, text: string = DRAFT_MARK): HtmlDoc {
  const mark = `<div class="vb-watermark" aria-hidden="true">${text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</div>`;
  return { ...doc, pageCss: `${doc.pageCss}\n${css}`, body: `${doc.body}${mark}` };
}

const V = 'urn:schemas-microsoft-com:vml';
const O = 'urn:schemas-microsoft-com:office:office';

/** The run holding the mark: Word's PowerPlusWaterMarkObject shape, centred on the page margins. */
const markRun = (text: string) =>
  `<w:r><w:pict>` +
  `<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
  `<v:path textpathok="t" o:connecttype="custom"/><v:textpath on="t" fitshape="t"/></v:shapetype>` +
  `<v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" ` +
  `style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251657216;` +
  `mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ` +
  `o:allowincell="f" fillcolor="#c0c0c0" stroked="f"><v:fill opacity=".35"/>` +
  `<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt;font-weight:bold" string="${xmlEscape(text)}"/></v:shape>` +
  `</w:pict></w:r>`;

/** The DOCX with the mark in every header part (every document type of the catalog has a default and a first header). */
export function watermarkDocx(bytes: Buffer, text: string = DRAFT_MARK): Buffer {
  const zip = new PizZip(bytes);
  for (const name of Object.keys(zip.files).filter((n) => /^word\/header\d+\.xml$/.test(n))) {
    let xml = zip.file(name)!.asText();
    xml = xml.replace(/<w:hdr\b([^>]*)>/, (_m, attrs: string) => {
      let a = attrs;
      if (!a.includes('xmlns:v=')) a += ` xmlns:v="${V}"`;
      if (!a.includes('xmlns:o=')) a += ` xmlns:o="${O}"`;
      return `<w:hdr${a}>`;
    });
    // In the header's first paragraph, after its properties: the shape floats, the header's lines do not move.
    const withMark = xml.replace(/(<w:p(?:\s[^>]*[^/>])?>(?:<w:pPr>.*?<\/w:pPr>)?)/, `$1${markRun(text)}`);
    xml = withMark !== xml ? withMark : xml.replace('</w:hdr>', `<w:p>${markRun(text)}</w:p></w:hdr>`);
    zip.file(name, xml);
  }
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
