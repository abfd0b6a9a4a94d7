/**
 * The catalog of document types. Adding a type: a folder src/documents/<id>/ (schema, view, index),
 * templates/<id>/ (document.hbs, document.xml), fixtures/<id>/, and one line below.
 */
import type { DocumentType } from './types.js';
import { quyetDinh } from './quyet-dinh/index.js';
import { vanBan } from './van-ban/index.js';
import { congVan } from './cong-van/index.js';

const types = [quyetDinh, congVan, vanBan];

export const CATALOG: readonly DocumentType[] = types as unknown as DocumentType[];

export function findType(id: string): DocumentType | undefined {
  return CATALOG.find((t) => t.id === id);
}
