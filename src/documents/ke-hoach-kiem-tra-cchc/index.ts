import type { DocumentType } from '../types.js';
import { schema, type KeHoachKiemTra } from './schema.js';
import { TYPE_ABBR, view, warnings, type KeHoachKiemTraView } from './view.js';
import { standardRegister } from '../common/register.js';

export const keHoachKiemTraCchc: DocumentType<typeof schema, KeHoachKiemTraView> = {
  id: 'ke-hoach-kiem-tra-cchc',
  title: 'Kế hoạch kiểm tra công tác cải cách hành chính',
  typeAbbreviation: TYPE_ABBR,
  schema,
  view: (d: KeHoachKiemTra) => view(d),
  warnings: (d: KeHoachKiemTra) => warnings(d),
  exampleFixture: 'so-noi-vu-thanh-hoa-2023-du-thao.json',
  register: standardRegister,
};
