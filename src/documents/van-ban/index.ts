import { typeAbbreviation } from '../../nd30/numbering.js';
import { capitalizeFirst, lower } from '../../vietnamese/text.js';
import { appendixInputs, blocksView } from '../common/view.js';
import { standardView, type StandardView } from '../common/standard.js';
import type { DocumentType } from '../types.js';
import { schema, type VanBan } from './schema.js';
import { standardRegister } from '../common/register.js';

export function view(d: VanBan): StandardView {
  const typeName = capitalizeFirst(lower(d.typeName));
  return standardView({
    ...d,
    typeName,
    typeAbbreviation: typeAbbreviation(d.typeName) ?? undefined,
    addressees: d.addressees,
    blocks: blocksView(d.body, { close: true }),
    appendices: appendixInputs(d.appendices),
    keywords: [lower(d.typeName)],
  });
}

export const vanBan: DocumentType<typeof schema, StandardView> = {
  id: 'van-ban',
  title: 'Văn bản có tên loại (Mẫu 1.4)',
  typeAbbreviation: null,
  schema,
  view,
  exampleFixture: 'thong-bao-ket-luan.json',
  register: standardRegister,
};
