/**
 * An agency's profile (issue 17): what every document of the agency repeats (its name and header lines, its
 * parent agency, abbreviation, identifier code, place), the people who usually sign with their titles, and the
 * usual Nơi nhận. The staff page fills a document's agency fields from it, and the service warns when a
 * document disagrees with the profile of its agency (profileWarnings, run where a render's warnings are made:
 * Vanban.prepare's `checks`). The seal image is stored beside the profile (store.ts), not in it.
 */
import { z } from 'zod';
import { abbreviation, agency, list, placeField, signer, text } from '../documents/common/schema.js';
import type { Warning } from '../documents/types.js';
import { organIdProblem } from '../edxml/organ-id.js';
import { foldKey } from '../vietnamese/text.js';

/**
 * Mã định danh (QĐ 20/2020/QĐ-TTg): groups of digits and capital letters separated by dots, at most 35
 * characters, e.g. "000.00.31.H43" (edXML's organ id). An agency API key is bound to one (src/config.ts).
 */
export const identifierCode = z.string().superRefine((id, ctx) => {
  // The one check of the code's structure, shared with the edXML reader (src/edxml/organ-id.ts).
  const problem = organIdProblem(id);
  if (problem) ctx.addIssue({ code: 'custom', message: `${problem.message} (QĐ 20/2020/QĐ-TTg; ví dụ 000.00.31.H43)`, params: { code: problem.code } });
})
  .meta({ title: 'Mã định danh cơ quan', description: 'Theo Quyết định 20/2020/QĐ-TTg, ví dụ "000.00.31.H43".' });

const agencyShape = agency.shape;

/** The profile as stored and sent, without its identifier (the URL names it) and without the seal. */
export const profileBody = z
  .object({
    name: agencyShape.name,
    headerLines: agencyShape.headerLines,
    abbreviation: abbreviation('Chữ viết tắt của cơ quan', 'Dùng trong ký hiệu văn bản, ví dụ "UBND", "SNV".'),
    parent: agencyShape.parent,
    place: placeField,
    signers: list(signer, 'Người ký thường dùng', 'Những người thường ký văn bản của cơ quan, với quyền hạn và chức vụ; người đầu tiên được điền sẵn.', 20).default([]),
    recipients: list(text('Nơi nhận', undefined, 300), 'Nơi nhận thường dùng', 'Các nơi nhận hay gửi, gợi ý khi soạn văn bản.', 100).default([]),
    archiveUnit: text('Đơn vị soạn thảo lưu', 'Chữ viết tắt đơn vị soạn thảo trong dòng "Lưu: VT, ...", ví dụ "NC".', 40).optional(),
  })
  .strict()
  .meta({ title: 'Hồ sơ cơ quan', description: 'Tên, phần đầu, chữ viết tắt, địa danh, người ký và nơi nhận thường dùng của cơ quan.' });

export type ProfileBody = z.infer<typeof profileBody>;
export type Profile = ProfileBody & { identifier: string; hasSeal: boolean; updatedAt: string };

/** The fields of a document the profile fills: agency, place, the first usual signer, the usual Nơi nhận. */
export function documentFieldsOf(p: Profile) {
  return {
    agency: {
      name: p.name,
      ...(p.headerLines ? { headerLines: p.headerLines } : {}),
      abbreviation: p.abbreviation,
      ...(p.parent ? { parent: p.parent } : {}),
      // A document's agency.identifier is the 13-character code the register and the keys use.
      ...(/^[A-Z0-9.]{13}$/.test(p.identifier) ? { identifier: p.identifier } : {}),
    },
    place: p.place,
    ...(p.signers[0] ? { signer: p.signers[0] } : {}),
    recipients: { items: p.recipients, ...(p.archiveUnit ? { archiveUnit: p.archiveUnit } : {}) },
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && foldKey(a) === foldKey(b);
const lines = (v: unknown): string | undefined => (Array.isArray(v) ? v.join(' / ') : undefined);
const quote = (s: unknown) => `"${String(s)}"`;

/**
 * Where a document's data (validated) disagrees with its agency's profile: the header (agency name and lines,
 * parent), the place, the issuer (identifier) and the abbreviation the ký hiệu is made of. Compared without
 * case, diacritic variants or spacing; a field the data or the profile leaves out is not compared.
 */
export function profileWarnings(p: Profile, data: unknown): Warning[] {
  if (!isObj(data)) return [];
  const out: Warning[] = [];
  const w = (path: string, message: string) => out.push({ path, message: `${message} (hồ sơ cơ quan ${p.identifier})` });
  const a = isObj(data.agency) ? data.agency : undefined;
  if (a) {
    if (typeof a.identifier === 'string' && a.identifier !== p.identifier)
      w('$.agency.identifier', `Mã định danh ${quote(a.identifier)} khác mã của cơ quan ${quote(p.identifier)}`);
    if (typeof a.name === 'string' && !same(a.name, p.name)) w('$.agency.name', `Tên cơ quan ${quote(a.name)} khác hồ sơ: ${quote(p.name)}`);
    if (Array.isArray(a.headerLines) && p.headerLines && !same(lines(a.headerLines), lines(p.headerLines)))
      w('$.agency.headerLines', `Phần đầu ${quote(lines(a.headerLines))} khác hồ sơ: ${quote(lines(p.headerLines))}`);
    if (typeof a.abbreviation === 'string' && a.abbreviation !== p.abbreviation)
      w('$.agency.abbreviation', `Ký hiệu văn bản dùng chữ viết tắt ${quote(a.abbreviation)}, hồ sơ cơ quan là ${quote(p.abbreviation)}`);
    const parent = isObj(a.parent) ? a.parent : undefined;
    if (parent && p.parent && !same(parent.name, p.parent.name))
      w('$.agency.parent.name', `Cơ quan chủ quản ${quote(parent.name)} khác hồ sơ: ${quote(p.parent.name)}`);
    if (parent && !p.parent) w('$.agency.parent', `Hồ sơ cơ quan không có cơ quan chủ quản, văn bản ghi ${quote(parent.name)}`);
    if (!parent && p.parent && a.name !== undefined) w('$.agency.parent', `Văn bản thiếu cơ quan chủ quản ${quote(p.parent.name)} của hồ sơ`);
  }
  if (typeof data.place === 'string' && !same(data.place, p.place)) w('$.place', `Địa danh ${quote(data.place)} khác hồ sơ: ${quote(p.place)}`);
  return out;
}
