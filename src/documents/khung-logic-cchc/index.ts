// Placeholder registered in the catalog; replaced by the type's real schema and view.
import { z } from 'zod';
import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';

const schema = z.object({}).strict().meta({ title: 'Kế hoạch cải cách hành chính theo khung logic', description: 'Đang xây dựng.' });

export const khungLogicCchc: DocumentType<typeof schema, StandardView> = {
  id: 'khung-logic-cchc',
  title: 'Kế hoạch cải cách hành chính theo khung logic',
  typeAbbreviation: 'KH',
  schema,
  view: () => {
    throw new Error('khung-logic-cchc: not implemented yet');
  },
  exampleFixture: 'example.json',
};
