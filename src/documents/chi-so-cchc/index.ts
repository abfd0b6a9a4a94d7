import { formatPercent } from '../../vietnamese/numbers.js';
import type { StandardView } from '../common/standard.js';
import type { DocumentType, Warning } from '../types.js';
import { jsonPath } from '../validate.js';
import { earned, indexText, scoredMax, type Stage, type Totals } from './compute.js';
import { formatScore } from './framework.js';
import { schema, type ChiSoCchc } from './schema.js';
import { compute, TYPE_ABBR, view } from './view.js';
import { standardRegister } from '../common/register.js';

type StatedFigures = { self?: number; appraised?: number; survey?: number; total?: number; index?: number };

const shown = (x: number) => String(x).replace('.', ',');

/** Stated totals (copied from another system, typed by hand) that disagree with the computed ones. */
function statedWarnings(stated: StatedFigures, t: Totals, stage: Stage, where: string, path: (string | number)[]): Warning[] {
  const out: Warning[] = [];
  const check = (key: keyof StatedFigures, label: string, computed: number, present: boolean) => {
    const v = stated[key];
    if (v === undefined) return;
    const p = jsonPath([...path, key]);
    if (!present) out.push({ path: p, message: `${label}${where} ghi trong văn bản là ${shown(v)} nhưng dữ liệu không có điểm nào để đối chiếu` });
    else if (Math.round(v * 100) !== computed)
      out.push({ path: p, message: `${label}${where} ghi trong văn bản là ${shown(v)}, tính từ điểm các tiêu chí thành phần là ${formatScore(computed)}` });
  };
  check('self', 'Tổng điểm tự đánh giá', t.self, true);
  check('appraised', 'Tổng điểm thẩm định', t.appraised, stage.appraisal);
  check('survey', 'Điểm điều tra xã hội học', t.survey, stage.survey);
  check('total', 'Tổng điểm đạt được', earned(t, stage), true);
  if (stated.index !== undefined) {
    const computed = indexText(earned(t, stage), scoredMax(t, stage));
    const given = formatPercent(stated.index);
    if (given !== computed)
      out.push({ path: jsonPath([...path, 'index']), message: `Chỉ số${where} ghi trong văn bản là ${given}, tính được là ${computed}` });
  }
  return out;
}

export function warnings(d: ChiSoCchc): Warning[] {
  const c = compute(d);
  const stated = d.assessment?.stated;
  if (!c.sheet || !stated) return [];
  const sheet = c.sheet;
  const out = statedWarnings(stated, sheet.overall, sheet.stage, '', ['assessment', 'stated']);
  for (const [code, s] of Object.entries(stated.areas ?? {})) {
    const area = sheet.areas.find((a) => a.area.code === code);
    if (area) out.push(...statedWarnings(s, area.totals, sheet.stage, ` của lĩnh vực ${code}`, ['assessment', 'stated', 'areas', code]));
  }
  return out;
}

export const chiSoCchc: DocumentType<typeof schema, StandardView> = {
  id: 'chi-so-cchc',
  title: 'Báo cáo kết quả chấm điểm, xếp hạng Chỉ số cải cách hành chính',
  typeAbbreviation: TYPE_ABBR,
  schema,
  view,
  warnings,
  exampleFixture: 'so-tnmt-tu-danh-gia-2024.json',
  register: standardRegister,
};
