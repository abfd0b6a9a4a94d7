import type { DocumentType } from '../types.js';
import { schema, type QuyetDinh } from './schema.js';
import { TYPE_ABBR, TYPE_NAME, view, type QuyetDinhView } from './view.js';
import { standardRegister } from '../common/register.js';

export const quyetDinh: DocumentType<typeof schema, QuyetDinhView> = {
  id: 'quyet-dinh',
  title: TYPE_NAME,
  typeAbbreviation: TYPE_ABBR,
  schema,
  view: (d: QuyetDinh) => view(d),
  exampleFixture: 'qd-152-ubnd-son-la.json',
  register: standardRegister,
};
