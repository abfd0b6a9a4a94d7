import { blocksView, appendixInputs, closeBody, type BlockView } from '../common/view.js';
import { standardView, type StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';
import { schema, type CongVan } from './schema.js';
import { standardRegister } from '../common/register.js';

export function view(d: CongVan): StandardView {
  const closing = d.closing ?? 'Trân trọng';
  const blocks: BlockView[] = blocksView(d.body, { close: closing === '' });
  if (closing !== '') blocks.push({ kind: 'paragraph', text: closeBody(closing), italic: false, align: 'justify' });
  return standardView({
    ...d,
    typeName: null,
    unitAbbreviation: d.unit,
    addressees: d.addressees,
    blocks,
    leadingRecipients: d.asAbove === false ? [] : ['Như trên'],
    appendices: appendixInputs(d.appendices),
    keywords: ['công văn'],
  });
}

export const congVan: DocumentType<typeof schema, StandardView> = {
  id: 'cong-van',
  title: 'Công văn',
  typeAbbreviation: null,
  schema,
  view,
  exampleFixture: 'huong-dan-ke-hoach-cchc.json',
  register: standardRegister,
};
