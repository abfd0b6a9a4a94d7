/**
 * Số and ký hiệu (ô 3) per Decree 30/2020/NĐ-CP and the Appendix III abbreviations of document types.
 */
import { nfc } from '../vietnamese/nfc.js';
import { foldKey, upper } from '../vietnamese/text.js';
import { BLANK } from './dates.js';

/** A document number: "05" below 10, otherwise plain ("15", "152", "4707"). */
export function formatDocNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`document number must be an integer from 1, got ${String(n)}`);
  }
  return n < 10 ? `0${n}` : String(n);
}

export type KyHieuParts = {
  /** The year in the number of a legal normative document ("30/2018/QĐ-UBND"); absent for an administrative one. */
  year?: number;
  /** Absent for a draft: the number is given at registration and left BLANK. */
  number?: number;
  /** Type abbreviation (QĐ, KH, QyĐ, TTr, ...), kept exactly as given; absent for a công văn. */
  typeAbbreviation?: string;
  /** Issuing agency (UBND, SNV, BNV, ...); upper-cased. */
  agencyAbbreviation: string;
  /** Drafting unit or field of a công văn (NC, CCHC, ...); upper-cased. Not part of a typed document's ký hiệu. */
  unitAbbreviation?: string;
};

function part(value: string | undefined, what: string, required: boolean): string | undefined {
  const v = value === undefined ? '' : nfc(value).trim();
  if (v === '') {
    if (required) throw new RangeError(`ký hiệu: ${what} is empty`);
    return undefined;
  }
  if (/[\s/]/.test(v)) throw new RangeError(`ký hiệu: ${what} "${v}" must not contain spaces or "/"`);
  return v;
}

/**
 * The số + ký hiệu: "152/QĐ-UBND" for a document with a tên loại, "123/UBND-NC" for a công văn
 * (no type abbreviation), BLANK + "/QĐ-UBND" for a draft with no number yet.
 * The agency and unit are upper-cased; the type abbreviation is kept as given (QyĐ, TTr, CTr, TrS are
 * mixed case by decree). When a type abbreviation is given, the unit is not part of the ký hiệu and is
 * ignored. A công văn without a unit gives "45/UBND".
 */
export function kyHieu(p: KyHieuParts): string {
  const num = p.number === undefined ? BLANK : formatDocNumber(p.number);
  const agency = upper(part(p.agencyAbbreviation, 'agency abbreviation', true) ?? '');
  const type = part(p.typeAbbreviation, 'type abbreviation', false);
  // A legal normative document (văn bản quy phạm pháp luật) carries its year: "30/2018/QĐ-UBND".
  if (type !== undefined) return p.year !== undefined ? `${num}/${p.year}/${type}-${agency}` : `${num}/${type}-${agency}`;
  const unit = part(p.unitAbbreviation, 'unit abbreviation', false);
  return unit === undefined ? `${num}/${agency}` : `${num}/${agency}-${upper(unit)}`;
}

/** "Số: 152/QĐ-UBND". */
export function soLine(p: KyHieuParts): string {
  return `Số: ${kyHieu(p)}`;
}

export type DocumentType = { readonly name: string; readonly abbreviation: string | null };

/** Appendix III of Decree 30/2020/NĐ-CP. Công văn and Thư công have no abbreviation. */
export const DOCUMENT_TYPES: readonly DocumentType[] = Object.freeze(
  (
    [
      ['Nghị quyết', 'NQ'],
      ['Quyết định', 'QĐ'],
      ['Chỉ thị', 'CT'],
      ['Quy chế', 'QC'],
      ['Quy định', 'QyĐ'],
      ['Thông cáo', 'TC'],
      ['Thông báo', 'TB'],
      ['Hướng dẫn', 'HD'],
      ['Chương trình', 'CTr'],
      ['Kế hoạch', 'KH'],
      ['Phương án', 'PA'],
      ['Đề án', 'ĐA'],
      ['Dự án', 'DA'],
      ['Báo cáo', 'BC'],
      ['Biên bản', 'BB'],
      ['Tờ trình', 'TTr'],
      ['Hợp đồng', 'HĐ'],
      ['Công điện', 'CĐ'],
      ['Bản ghi nhớ', 'BGN'],
      ['Bản thỏa thuận', 'BTT'],
      ['Giấy ủy quyền', 'GUQ'],
      ['Giấy mời', 'GM'],
      ['Giấy giới thiệu', 'GGT'],
      ['Giấy nghỉ phép', 'GNP'],
      ['Phiếu gửi', 'PG'],
      ['Phiếu chuyển', 'PC'],
      ['Phiếu báo', 'PB'],
      ['Bản sao y', 'SY'],
      ['Bản trích sao', 'TrS'],
      ['Bản sao lục', 'SL'],
      ['Công văn', null],
      ['Thư công', null],
    ] as const
  ).map(([name, abbreviation]) => Object.freeze({ name, abbreviation })),
);

const BY_KEY: ReadonlyMap<string, string | null> = new Map(
  DOCUMENT_TYPES.map((t) => [foldKey(t.name), t.abbreviation] as const),
);

/**
 * The Appendix III abbreviation of a document type name, case-insensitively after NFC
 * ("QUYẾT ĐỊNH" -> "QĐ"; "Giấy uỷ quyền" and "Giấy ủy quyền" both -> "GUQ"; a trailing
 * "(cá biệt)" is ignored). null for Công văn and Thư công; undefined for an unknown name.
 */
export function typeAbbreviation(name: string): string | null | undefined {
  const key = foldKey(name).replace(/\s*\(cá biệt\)$/, '');
  return BY_KEY.get(key);
}
