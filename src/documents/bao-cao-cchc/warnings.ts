/**
 * What does not stop a render but a clerk should look at: rates stated in the data that disagree with the ones
 * computed from the counts, dossiers missing from settled + pending, a report dated before its data cut-off.
 */
import { compareDates, formatShortDate, parsePartialDate } from '../../nd30/dates.js';
import { formatInteger } from '../../vietnamese/numbers.js';
import type { Warning } from '../types.js';
import { jsonPath } from '../validate.js';
import { dataPeriod, dossierCounts, dossierProblems, rate, showRate, showStated, statedDisagrees, sumCounts } from './rules.js';
import type { BaoCaoCchc } from './schema.js';

type Path = (string | number)[];

function statedRate(path: Path, what: string, stated: number | undefined, part: number, whole: number, nothing: string): Warning[] {
  if (stated === undefined) return [];
  const computed = rate(part, whole);
  if (!statedDisagrees(stated, computed)) return [];
  return [
    {
      path: jsonPath(path),
      message:
        computed === null
          ? `${what} ghi trong dữ liệu là ${showStated(stated)} nhưng không tính được tỷ lệ: ${nothing}`
          : `${what} ghi trong dữ liệu (${showStated(stated)}) khác tỷ lệ tính từ số liệu: ${formatInteger(part)}/${formatInteger(whole)} = ${showRate(
              computed,
            )}`,
    },
  ];
}

export function warnings(d: BaoCaoCchc): Warning[] {
  const out: Warning[] = [];
  d.results.forEach((r, i) => {
    r.indicators?.forEach((x, j) => {
      const path = ['results', i, 'indicators', j, 'statedRate'];
      if (x.statedRate === undefined) return;
      if (x.target === undefined)
        out.push({ path: jsonPath(path), message: 'Có tỷ lệ đạt nhưng không có chỉ tiêu kế hoạch (target) để tính tỷ lệ' });
      else out.push(...statedRate(path, 'Tỷ lệ đạt so với kế hoạch', x.statedRate, x.value, x.target, 'chỉ tiêu kế hoạch bằng 0'));
    });
    if (!r.dossiers) return;
    const base: Path = ['results', i, 'dossiers'];
    const all = r.dossiers.rows.map((row, j) => {
      const p: Path = [...base, 'rows', j];
      for (const w of dossierProblems(row).warnings) out.push({ path: jsonPath([...p, ...w.path]), message: w.message });
      const c = dossierCounts(row);
      out.push(
        ...statedRate([...p, 'statedOnTimeRate'], 'Tỷ lệ giải quyết đúng hạn', row.statedOnTimeRate, c.onTime, c.settled, 'chưa có hồ sơ nào được giải quyết'),
        ...statedRate([...p, 'statedOnlineRate'], 'Tỷ lệ hồ sơ trực tuyến', row.statedOnlineRate, c.online, c.newlyReceived, 'không có hồ sơ tiếp nhận mới'),
      );
      return c;
    });
    const t = sumCounts(all);
    out.push(
      ...statedRate([...base, 'statedOnTimeRate'], 'Tỷ lệ giải quyết đúng hạn chung', r.dossiers.statedOnTimeRate, t.onTime, t.settled, 'chưa có hồ sơ nào được giải quyết'),
      ...statedRate([...base, 'statedOnlineRate'], 'Tỷ lệ hồ sơ trực tuyến chung', r.dossiers.statedOnlineRate, t.online, t.newlyReceived, 'không có hồ sơ tiếp nhận mới'),
    );
  });
  const issued = parsePartialDate(d.date);
  const { to } = dataPeriod(d.period);
  if (issued && issued.day !== undefined && compareDates(issued, to) < 0)
    out.push({
      path: '$.date',
      message: `Ngày ban hành trước ngày chốt số liệu (${formatShortDate(to)}): nếu tỉnh quy định kỳ số liệu khác thì ghi ngày chốt vào period.to; nếu là số ước tính thì nên ghi rõ trong báo cáo`,
    });
  return out;
}
