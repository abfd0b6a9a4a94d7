// Placeholder registered in the catalog; replaced by the type's real schema and view.
import { z } from 'zod';
import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';

const schema = z.object({}).strict().meta({ title: 'Kế hoạch cải cách hành chính', description: 'Đang xây dựng.' });

export const keHoachCchc: DocumentType<typeof schema, StandardView> = {
  id: 'ke-hoach-cchc',
  title: 'Kế hoạch cải cách hành chính',
  typeAbbreviation: 'KH',
  schema,
  view: () => {
    throw new Error('ke-hoach-cchc: not implemented yet');
  },
  exampleFixture: 'example.json',
};
