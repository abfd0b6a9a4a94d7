// Placeholder registered in the catalog; replaced by the type's real schema and view.
import { z } from 'zod';
import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';

const schema = z.object({}).strict().meta({ title: 'Báo cáo cải cách hành chính', description: 'Đang xây dựng.' });

export const baoCaoCchc: DocumentType<typeof schema, StandardView> = {
  id: 'bao-cao-cchc',
  title: 'Báo cáo cải cách hành chính',
  typeAbbreviation: 'BC',
  schema,
  view: () => {
    throw new Error('bao-cao-cchc: not implemented yet');
  },
  exampleFixture: 'example.json',
};
