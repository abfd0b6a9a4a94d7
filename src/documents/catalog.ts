/**
 * The catalog of document types. Adding a type: a folder src/documents/<id>/ (schema, view, index),
 * templates/<id>/ (document.hbs, document.xml), fixtures/<id>/, and one line below.
 */
import type { DocumentType } from './types.js';
import { quyetDinh } from './quyet-dinh/index.js';
import { vanBan } from './van-ban/index.js';
import { congVan } from './cong-van/index.js';
import { keHoachCchc } from './ke-hoach-cchc/index.js';
import { khungLogicCchc } from './khung-logic-cchc/index.js';
import { baoCaoCchc } from './bao-cao-cchc/index.js';
import { keHoachKiemTraCchc } from './ke-hoach-kiem-tra-cchc/index.js';
import { chiSoCchc } from './chi-so-cchc/index.js';
import { soDangKyVanBanDi } from './so-dang-ky-van-ban-di/index.js';

const types = [
  quyetDinh,
  keHoachCchc,
  khungLogicCchc,
  baoCaoCchc,
  keHoachKiemTraCchc,
  congVan,
  chiSoCchc,
  vanBan,
  soDangKyVanBanDi,
];

export const CATALOG: readonly DocumentType[] = types as unknown as DocumentType[];

export function findType(id: string): DocumentType | undefined {
  return CATALOG.find((t) => t.id === id);
}
