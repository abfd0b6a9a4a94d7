// Placeholder registered in the catalog; replaced by the type's real schema and view.
import { z } from 'zod';
import type { StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';

const schema = z.object({}).strict().meta({ title: 'Bộ chỉ số cải cách hành chính (phiếu chấm điểm)', description: 'Đang xây dựng.' });

export const chiSoCchc: DocumentType<typeof schema, StandardView> = {
  id: 'chi-so-cchc',
  title: 'Bộ chỉ số cải cách hành chính (phiếu chấm điểm)',
  typeAbbreviation: null,
  schema,
  view: () => {
    throw new Error('chi-so-cchc: not implemented yet');
  },
  exampleFixture: 'example.json',
};
