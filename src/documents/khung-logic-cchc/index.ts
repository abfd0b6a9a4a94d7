import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';
import { schema, type KhungLogic } from './schema.js';
import { TYPE_ABBR, view, warnings } from './view.js';
import { standardRegister } from '../common/register.js';

export const khungLogicCchc: DocumentType<typeof schema, StandardView> = {
  id: 'khung-logic-cchc',
  title: 'Kế hoạch cải cách hành chính theo khung logic',
  typeAbbreviation: TYPE_ABBR,
  schema,
  view: (d: KhungLogic) => view(d),
  warnings: (d: KhungLogic) => warnings(d),
  exampleFixture: 'ubnd-xa-tan-hai-2025.json',
  register: standardRegister,
};
