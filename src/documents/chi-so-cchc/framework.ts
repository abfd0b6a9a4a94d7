/**
 * A criteria framework of the administrative-reform index (Bộ chỉ số cải cách hành chính): a tree
 * lĩnh vực -> tiêu chí -> tiêu chí thành phần, each node with a code ("1", "1.1", "1.1.1"), a name and a
 * maximum score. A sub-criterion is scored either by the unit itself (tự đánh giá, then appraised: thẩm định)
 * or by the sociological survey (điều tra xã hội học). Frameworks are data with an id, a version and a year:
 * the shipped ones live in ./frameworks/, and a request may declare its own with the same shape.
 *
 * Scores are kept in hundredths of a point (integers) so sums are exact: 0,25 + 0,5 + 0,75 is 150, not
 * 1.4999999.
 */
import { z } from 'zod';
import { formatDecimal, formatInteger } from '../../vietnamese/numbers.js';
import { list, optionalText, text } from '../common/schema.js';

export type ScoreKind = 'self' | 'survey';
export type SubCriterion = { code: string; name: string; max: number; kind: ScoreKind };
export type Criterion = { code: string; name: string; max: number; subCriteria: SubCriterion[] };
export type Area = { code: string; name: string; max: number; criteria: Criterion[] };

/** Everything but the identity: what a request may declare inline as a custom framework. */
export type FrameworkDefinition = {
  title: string;
  year: number;
  /** Who is assessed, as it reads after "các": "sở, ban, ngành", "Ủy ban nhân dân cấp huyện". */
  target: string;
  /** The act that issued the framework, as it reads in a sentence ("Quyết định số ... của ..."). */
  basis?: string;
  /** Maximum of the whole framework, of its self-assessed part and of its survey part (stated, checked). */
  max: number;
  selfMax: number;
  surveyMax: number;
  areas: Area[];
};
export type Framework = FrameworkDefinition & {
  id: string;
  version: string;
  /** Where the data comes from and what was reconstructed (not printed). */
  provenance?: string;
};

// ---- exact arithmetic in hundredths ----

/** 1.25 -> 125. Only called on numbers already checked to have at most two decimals. */
export const toUnits = (x: number): number => Math.round(x * 100);

/** True when x has at most two decimals (0.25 yes, 0.125 no), tolerant of binary floating point. */
export const hasTwoDecimals = (x: number): boolean => Number.isFinite(x) && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6;

/** A score as printed: "." between thousands, "," before decimals, no trailing zeros: 150 -> "1,5", 1000 -> "10". */
export function formatScore(units: number): string {
  if (units % 100 === 0) return formatInteger(units / 100);
  return formatDecimal(units / 100, 2).replace(/0$/, '');
}

// ---- the zod schema of a framework definition (custom frameworks) ----

const maxScore = (title: string, description: string) =>
  z
    .number({ error: 'Điểm tối đa phải là một số' })
    .positive({ error: 'Điểm tối đa phải lớn hơn 0' })
    .max(1000, { error: 'Điểm tối đa không quá 1000' })
    .refine(hasTwoDecimals, { error: 'Điểm tối đa có nhiều nhất 2 chữ số thập phân' })
    .meta({ title, description });

const code = (title: string, description: string) =>
  z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2}){0,2}$/, { error: 'Mã gồm các số cách nhau bởi dấu chấm, ví dụ "1", "1.2", "1.2.3"' })
    .meta({ title, description });

const subCriterionSchema = z
  .object({
    code: code('Mã tiêu chí thành phần', 'Mã của tiêu chí cha thêm một số, ví dụ "1.1.1".'),
    name: text('Tên tiêu chí thành phần', 'Nội dung tiêu chí thành phần, viết như trong câu.', 1_000),
    max: maxScore('Điểm tối đa', 'Điểm tối đa của tiêu chí thành phần, ví dụ 1 hoặc 0,5.'),
    kind: z
      .enum(['self', 'survey'], { error: 'Cách chấm là self (tự đánh giá) hoặc survey (điều tra xã hội học)' })
      .meta({
        title: 'Cách chấm điểm',
        description: 'self: cơ quan tự đánh giá (có tài liệu kiểm chứng), sau đó được thẩm định; survey: điểm từ điều tra xã hội học.',
      }),
  })
  .strict()
  .meta({ title: 'Tiêu chí thành phần', description: 'Đơn vị chấm điểm nhỏ nhất của bộ chỉ số.' });

const criterionSchema = z
  .object({
    code: code('Mã tiêu chí', 'Mã của lĩnh vực thêm một số, ví dụ "1.1".'),
    name: text('Tên tiêu chí', 'Nội dung tiêu chí, viết như trong câu.', 1_000),
    max: maxScore('Điểm tối đa', 'Bằng tổng điểm tối đa của các tiêu chí thành phần.'),
    subCriteria: list(subCriterionSchema, 'Các tiêu chí thành phần', 'Các tiêu chí thành phần của tiêu chí, theo thứ tự.', 50).min(1, {
      error: 'Tiêu chí cần ít nhất 1 tiêu chí thành phần',
    }),
  })
  .strict()
  .meta({ title: 'Tiêu chí', description: 'Một tiêu chí của lĩnh vực.' });

const areaSchema = z
  .object({
    code: code('Mã lĩnh vực', 'Số thứ tự của lĩnh vực, ví dụ "1".'),
    name: text('Tên lĩnh vực', 'Tên lĩnh vực, viết như trong câu; bảng chấm điểm tự in hoa.', 500),
    max: maxScore('Điểm tối đa', 'Bằng tổng điểm tối đa của các tiêu chí.'),
    criteria: list(criterionSchema, 'Các tiêu chí', 'Các tiêu chí của lĩnh vực, theo thứ tự.', 50).min(1, { error: 'Lĩnh vực cần ít nhất 1 tiêu chí' }),
  })
  .strict()
  .meta({ title: 'Lĩnh vực', description: 'Một lĩnh vực của bộ chỉ số.' });

export const frameworkDefinitionSchema = z
  .object({
    title: text('Tên bộ chỉ số', 'Ví dụ "Bộ chỉ số đánh giá kết quả thực hiện công tác cải cách hành chính của các sở, ban, ngành".', 500),
    year: z
      .number()
      .int({ error: 'Năm ban hành phải là số nguyên' })
      .min(2000, { error: 'Năm ban hành từ 2000 đến 2100' })
      .max(2100, { error: 'Năm ban hành từ 2000 đến 2100' })
      .meta({ title: 'Năm ban hành', description: 'Năm ban hành bộ chỉ số.' }),
    target: text('Đối tượng đánh giá', 'Đọc sau chữ "các", ví dụ "sở, ban, ngành" hoặc "Ủy ban nhân dân cấp huyện".', 200),
    basis: optionalText('Văn bản ban hành', 'Ví dụ "Quyết định số 152/QĐ-UBND ngày 22 tháng 01 năm 2014 của Ủy ban nhân dân tỉnh Sơn La".', 500),
    max: maxScore('Tổng điểm tối đa', 'Thang điểm của bộ chỉ số, thường là 100; bằng tổng điểm tối đa của các lĩnh vực.'),
    selfMax: z
      .number()
      .min(0, { error: 'Không được âm' })
      .max(1000, { error: 'Không quá 1000' })
      .refine(hasTwoDecimals, { error: 'Có nhiều nhất 2 chữ số thập phân' })
      .meta({ title: 'Điểm tối đa phần tự đánh giá', description: 'Tổng điểm tối đa các tiêu chí thành phần tự đánh giá, ví dụ 77,5.' }),
    surveyMax: z
      .number()
      .min(0, { error: 'Không được âm' })
      .max(1000, { error: 'Không quá 1000' })
      .refine(hasTwoDecimals, { error: 'Có nhiều nhất 2 chữ số thập phân' })
      .meta({ title: 'Điểm tối đa phần điều tra xã hội học', description: 'Tổng điểm tối đa các tiêu chí thành phần điều tra xã hội học, ví dụ 22,5.' }),
    areas: list(areaSchema, 'Các lĩnh vực', 'Các lĩnh vực của bộ chỉ số, theo thứ tự.', 20).min(1, { error: 'Bộ chỉ số cần ít nhất 1 lĩnh vực' }),
  })
  .strict()
  .meta({
    title: 'Bộ chỉ số tự khai báo',
    description: 'Cây lĩnh vực -> tiêu chí -> tiêu chí thành phần với điểm tối đa, khi bộ chỉ số của tỉnh chưa có sẵn trong dịch vụ.',
  });

export type Problem = { path: (string | number)[]; message: string };

const sumUnits = (xs: { max: number }[]) => xs.reduce((s, x) => s + toUnits(x.max), 0);

/**
 * Consistency of a framework: codes unique and nested under their parent's, every maximum equal to the sum of
 * its children's, and the stated totals (max, selfMax, surveyMax) equal to the computed ones. Paths are relative
 * to the framework definition.
 */
export function frameworkProblems(f: FrameworkDefinition): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const unique = (c: string, path: (string | number)[]) => {
    if (seen.has(c)) out.push({ path, message: `Mã "${c}" bị trùng trong bộ chỉ số` });
    seen.add(c);
  };
  let self = 0;
  let survey = 0;
  f.areas.forEach((a, i) => {
    const ap = ['areas', i];
    if (!/^\d{1,2}$/.test(a.code)) out.push({ path: [...ap, 'code'], message: `Mã lĩnh vực "${a.code}" phải là một số, ví dụ "1"` });
    unique(a.code, [...ap, 'code']);
    a.criteria.forEach((c, j) => {
      const cp = [...ap, 'criteria', j];
      if (!new RegExp(`^${a.code.replace('.', '\\.')}\\.\\d{1,2}$`).test(c.code))
        out.push({ path: [...cp, 'code'], message: `Mã tiêu chí "${c.code}" phải bắt đầu bằng mã lĩnh vực "${a.code}." và thêm một số, ví dụ "${a.code}.1"` });
      unique(c.code, [...cp, 'code']);
      c.subCriteria.forEach((s, k) => {
        const sp = [...cp, 'subCriteria', k];
        if (!new RegExp(`^${c.code.replace(/\./g, '\\.')}\\.\\d{1,2}$`).test(s.code))
          out.push({ path: [...sp, 'code'], message: `Mã tiêu chí thành phần "${s.code}" phải bắt đầu bằng mã tiêu chí "${c.code}." và thêm một số, ví dụ "${c.code}.1"` });
        unique(s.code, [...sp, 'code']);
        if (s.kind === 'self') self += toUnits(s.max);
        else survey += toUnits(s.max);
      });
      const subs = sumUnits(c.subCriteria);
      if (subs !== toUnits(c.max))
        out.push({
          path: [...cp, 'max'],
          message: `Điểm tối đa của tiêu chí ${c.code} là ${formatScore(toUnits(c.max))} nhưng tổng điểm tối đa các tiêu chí thành phần là ${formatScore(subs)}`,
        });
    });
    const crit = sumUnits(a.criteria);
    if (crit !== toUnits(a.max))
      out.push({
        path: [...ap, 'max'],
        message: `Điểm tối đa của lĩnh vực ${a.code} là ${formatScore(toUnits(a.max))} nhưng tổng điểm tối đa các tiêu chí là ${formatScore(crit)}`,
      });
  });
  const areas = sumUnits(f.areas);
  if (areas !== toUnits(f.max))
    out.push({ path: ['max'], message: `Tổng điểm tối đa là ${formatScore(toUnits(f.max))} nhưng tổng điểm tối đa các lĩnh vực là ${formatScore(areas)}` });
  if (self !== toUnits(f.selfMax))
    out.push({
      path: ['selfMax'],
      message: `Điểm tối đa phần tự đánh giá là ${formatScore(toUnits(f.selfMax))} nhưng tổng điểm tối đa các tiêu chí thành phần tự đánh giá là ${formatScore(self)}`,
    });
  if (survey !== toUnits(f.surveyMax))
    out.push({
      path: ['surveyMax'],
      message: `Điểm tối đa phần điều tra xã hội học là ${formatScore(toUnits(f.surveyMax))} nhưng tổng điểm tối đa các tiêu chí thành phần điều tra xã hội học là ${formatScore(survey)}`,
    });
  return out;
}

/** Every sub-criterion with its criterion and area, in framework order. */
export type Leaf = { area: Area; criterion: Criterion; sub: SubCriterion };
export function leaves(f: FrameworkDefinition): Leaf[] {
  return f.areas.flatMap((area) => area.criteria.flatMap((criterion) => criterion.subCriteria.map((sub) => ({ area, criterion, sub }))));
}

/** "tiêu chí thành phần 1.1.1 "Ban hành ..."" as named in an error message. */
export function nameOf(level: 'area' | 'criterion' | 'sub', node: { code: string; name: string }): string {
  const word = level === 'area' ? 'lĩnh vực' : level === 'criterion' ? 'tiêu chí' : 'tiêu chí thành phần';
  return `${word} ${node.code} "${node.name}"`;
}
