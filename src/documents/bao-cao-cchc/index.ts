import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';
import { schema } from './schema.js';
import { TYPE_ABBR, view } from './view.js';
import { warnings } from './warnings.js';
import { standardRegister } from '../common/register.js';

export const baoCaoCchc: DocumentType<typeof schema, StandardView> = {
  id: 'bao-cao-cchc',
  title: 'Báo cáo cải cách hành chính',
  typeAbbreviation: TYPE_ABBR,
  schema,
  view,
  warnings,
  exampleFixture: 'bc-nam-2024-ubnd-huyen-dong-son.json',
  register: standardRegister,
};
