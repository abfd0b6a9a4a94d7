import type { DocumentType } from '../types.js';
import { schema } from './schema.js';
import { TYPE_ABBR, view, warnings, type KeHoachView } from './view.js';
import { standardRegister } from '../common/register.js';

export const keHoachCchc: DocumentType<typeof schema, KeHoachView> = {
  id: 'ke-hoach-cchc',
  title: 'Kế hoạch cải cách hành chính',
  typeAbbreviation: TYPE_ABBR,
  schema,
  view,
  warnings,
  exampleFixture: 'ke-hoach-cchc-2025-so-noi-vu.json',
  register: standardRegister,
};
