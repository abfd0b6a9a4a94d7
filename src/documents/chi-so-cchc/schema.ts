/**
 * The data of a reform-index document: the national-format fields, the framework it scores against (a shipped
 * one by id and version, or one declared inline), the scoring sheet of one unit (scores per sub-criterion code)
 * and/or a ranking of several units. Every rule that needs the framework (a score over its maximum, an unknown
 * code, a self-assessed score on a survey criterion, a missing score) is checked here with the JSON path of the
 * score at fault and the criterion named by code and name.
 */
import { z } from 'zod';
import { addressees, body, documentFields, list, optionalRichText, optionalText, phrases, text } from '../common/schema.js';

/** The fixed headings and sentences of the document; each can be replaced (headings.<key>) or left out (false). */
export const HEADINGS = {
  sheet: 'KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM (hoặc KẾT QUẢ CHẤM ĐIỂM)',
  sheetNote: 'Điểm từng tiêu chí, tiêu chí thành phần và tài liệu kiểm chứng: chi tiết tại Phụ lục ... kèm theo.',
  ranking: 'KẾT QUẢ XẾP HẠNG',
  rankingNote: 'Bảng xếp hạng chi tiết tại Phụ lục ... kèm theo.',
} as const;
import {
  formatScore,
  frameworkDefinitionSchema,
  frameworkProblems,
  hasTwoDecimals,
  leaves,
  nameOf,
  toUnits,
  type Framework,
  type FrameworkDefinition,
} from './framework.js';
import { FRAMEWORKS, findFramework } from './frameworks/index.js';

export const MAX_SCORES = 1_000;

const score = (title: string, description: string) =>
  z
    .number({ error: 'Điểm phải là một số' })
    .min(0, { error: 'Điểm không được âm' })
    .max(1000, { error: 'Điểm không quá 1000' })
    .refine(hasTwoDecimals, { error: 'Điểm có nhiều nhất 2 chữ số thập phân, ví dụ 0,25' })
    .meta({ title, description });

const scoreEntry = z
  .object({
    self: score('Điểm tự đánh giá', 'Điểm cơ quan tự chấm cho tiêu chí thành phần tự đánh giá (không quá điểm tối đa).').optional(),
    appraised: score(
      'Điểm thẩm định',
      'Điểm do cơ quan thẩm định (Hội đồng, Tổ công tác) chấm lại cho tiêu chí thành phần tự đánh giá. Có thì phải có cho mọi tiêu chí thành phần tự đánh giá.',
    ).optional(),
    survey: score(
      'Điểm điều tra xã hội học',
      'Điểm của tiêu chí thành phần đánh giá qua điều tra xã hội học; in ở cột điểm thẩm định. Có thì phải có cho mọi tiêu chí thành phần điều tra xã hội học.',
    ).optional(),
    evidence: list(
      text('Tài liệu kiểm chứng', 'Một văn bản, tài liệu chứng minh, ví dụ "Kế hoạch số 12/KH-STNMT ngày 08/01/2024".', 500),
      'Tài liệu kiểm chứng',
      'Tùy chọn: các tài liệu kiểm chứng của điểm tự đánh giá, mỗi tài liệu một dòng.',
      20,
    ).optional(),
    note: optionalText('Ghi chú', 'Tùy chọn: ghi chú in ở cột Ghi chú.', 500),
  })
  .strict()
  .meta({ title: 'Điểm của một tiêu chí thành phần', description: 'Điểm tự đánh giá, thẩm định hoặc điều tra xã hội học, tài liệu kiểm chứng và ghi chú.' });

const statedFigures = {
  self: z.number().meta({ title: 'Tổng điểm tự đánh giá ghi trong văn bản', description: 'Tùy chọn: đối chiếu với tổng tính được; khác thì có cảnh báo.' }).optional(),
  appraised: z.number().meta({ title: 'Tổng điểm thẩm định ghi trong văn bản', description: 'Tùy chọn: đối chiếu với tổng tính được; khác thì có cảnh báo.' }).optional(),
  survey: z
    .number()
    .meta({ title: 'Tổng điểm điều tra xã hội học ghi trong văn bản', description: 'Tùy chọn: đối chiếu với tổng tính được; khác thì có cảnh báo.' })
    .optional(),
  total: z.number().meta({ title: 'Tổng điểm đạt được ghi trong văn bản', description: 'Tùy chọn: đối chiếu với tổng tính được; khác thì có cảnh báo.' }).optional(),
  index: z
    .number()
    .meta({ title: 'Chỉ số (%) ghi trong văn bản', description: 'Tùy chọn: ví dụ 91.94 cho 91,94%; đối chiếu với chỉ số tính được (làm tròn 2 chữ số).' })
    .optional(),
};

const stated = z
  .object({
    ...statedFigures,
    areas: z
      .record(
        z.string().max(20),
        z.object(statedFigures).strict().meta({ title: 'Số liệu ghi trong văn bản của một lĩnh vực', description: 'Các tổng của lĩnh vực như ghi trong văn bản.' }),
      )
      .optional()
      .meta({ title: 'Số liệu từng lĩnh vực', description: 'Tùy chọn: theo mã lĩnh vực ("1", "2", ...), các tổng của lĩnh vực như ghi trong văn bản.' }),
  })
  .strict()
  .meta({
    title: 'Số liệu ghi trong văn bản',
    description: 'Tùy chọn: tổng điểm, chỉ số đã ghi sẵn (ví dụ chép từ phần mềm); dịch vụ tự tính lại và cảnh báo khi khác.',
  });

const assessment = z
  .object({
    unit: optionalText(
      'Cơ quan được đánh giá',
      'Tên cơ quan được chấm điểm, viết như trong câu, ví dụ "Sở Tài nguyên và Môi trường"; mặc định là cơ quan ban hành.',
      300,
    ),
    scores: z
      .record(z.string().max(20, { error: 'Mã tiêu chí dài quá: tối đa 20 ký tự' }), scoreEntry)
      .meta({
        title: 'Điểm theo tiêu chí thành phần',
        description: `Theo mã tiêu chí thành phần ("1.1.1": { "self": 1, "evidence": [...] }). Mọi tiêu chí thành phần tự đánh giá phải có điểm tự đánh giá (0 nếu không đạt); tối đa ${MAX_SCORES} mục.`,
      }),
    stated: stated.optional(),
  })
  .strict()
  .meta({
    title: 'Bảng chấm điểm',
    description: 'Kết quả tự đánh giá, chấm điểm (và thẩm định, điều tra xã hội học nếu có) của một cơ quan theo bộ chỉ số.',
  });

const band = z
  .object({
    name: text('Tên mức xếp loại', 'Ví dụ "Tốt", "Khá", "Trung bình", "Yếu".', 50),
    minIndex: z
      .number({ error: 'Ngưỡng phải là một số' })
      .min(0, { error: 'Ngưỡng từ 0 đến 100' })
      .max(100, { error: 'Ngưỡng từ 0 đến 100' })
      .refine(hasTwoDecimals, { error: 'Ngưỡng có nhiều nhất 2 chữ số thập phân' })
      .meta({ title: 'Chỉ số tối thiểu (%)', description: 'Đơn vị có chỉ số từ mức này trở lên (và dưới mức trên) được xếp loại này, ví dụ 80.' }),
  })
  .strict()
  .meta({ title: 'Mức xếp loại', description: 'Tên mức và ngưỡng chỉ số tối thiểu.' });

const rankedUnit = z
  .object({
    name: text('Tên cơ quan, đơn vị', 'Viết như trong câu, ví dụ "Sở Tư pháp".', 300),
    points: score('Tổng điểm đạt được', 'Tổng điểm cuối cùng (sau thẩm định, cộng điểm điều tra xã hội học). Dùng points hoặc areaPoints.').optional(),
    areaPoints: z
      .record(z.string().max(20), score('Điểm lĩnh vực', 'Điểm đạt được của lĩnh vực.'))
      .optional()
      .meta({
        title: 'Điểm theo lĩnh vực',
        description: 'Theo mã lĩnh vực ("1": 11.5, "2": 8, ...), đủ mọi lĩnh vực; tổng điểm do dịch vụ cộng. Dùng points hoặc areaPoints.',
      }),
    note: optionalText('Ghi chú', 'Tùy chọn: ghi chú in ở cột Ghi chú.', 300),
  })
  .strict()
  .meta({ title: 'Đơn vị được xếp hạng', description: 'Một cơ quan, đơn vị và điểm của nó.' });

const ranking = z
  .object({
    title: optionalText(
      'Tên bảng xếp hạng',
      'Tùy chọn: mặc định "Kết quả xếp hạng Chỉ số cải cách hành chính năm ... của các ..." theo năm và đối tượng của bộ chỉ số.',
      500,
    ),
    units: list(rankedUnit, 'Các đơn vị', 'Các cơ quan, đơn vị được xếp hạng (thứ tự bất kỳ: dịch vụ tự sắp xếp theo chỉ số).', 300).min(2, {
      error: 'Bảng xếp hạng cần ít nhất 2 đơn vị',
    }),
    bands: list(band, 'Các mức xếp loại', 'Tùy chọn: các mức từ cao xuống thấp, ví dụ Tốt từ 80, Khá từ 65, Trung bình từ 50, Yếu từ 0.', 10)
      .min(1, { error: 'Cần ít nhất 1 mức xếp loại' })
      .optional(),
  })
  .strict()
  .meta({ title: 'Bảng xếp hạng', description: 'Xếp hạng nhiều cơ quan, đơn vị theo chỉ số; các đơn vị bằng điểm đồng hạng.' });

const frameworkRef = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]{1,60}$/, { error: 'Mã bộ chỉ số gồm chữ thường không dấu, chữ số và dấu gạch ngang' })
      .meta({
        title: 'Mã bộ chỉ số',
        description: `Một bộ chỉ số có sẵn (${FRAMEWORKS.map((f) => `"${f.id}"`).join(', ')}), hoặc mã tự đặt khi khai báo definition.`,
      }),
    version: optionalText('Phiên bản', 'Tùy chọn: phiên bản của bộ chỉ số; với bộ có sẵn phải đúng phiên bản dịch vụ đang có.', 30),
    definition: frameworkDefinitionSchema.optional(),
  })
  .strict()
  .meta({
    title: 'Bộ chỉ số',
    description: 'Bộ chỉ số dùng để chấm điểm: mã (và phiên bản) một bộ có sẵn, hoặc mã tự đặt kèm definition (cây lĩnh vực, tiêu chí, tiêu chí thành phần).',
  });

export const schema = z
  .object({
    ...documentFields,
    addressees,
    year: z
      .number()
      .int({ error: 'Năm đánh giá phải là số nguyên' })
      .min(2000, { error: 'Năm đánh giá từ 2000 đến 2100' })
      .max(2100, { error: 'Năm đánh giá từ 2000 đến 2100' })
      .meta({ title: 'Năm đánh giá', description: 'Năm được đánh giá, xác định chỉ số, ví dụ 2024.' }),
    framework: frameworkRef,
    summary: optionalText(
      'Trích yếu',
      'Tùy chọn: mặc định "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ... của ..." (hoặc "Kết quả xác định Chỉ số ... của các ..." khi chỉ có bảng xếp hạng).',
      1_000,
    ),
    introduction: optionalRichText(
      'Đoạn mở đầu',
      'Tùy chọn: đoạn đầu văn bản, ví dụ "Thực hiện Công văn số ... của Sở Nội vụ, Sở ... báo cáo ... như sau:"; mặc định do dịch vụ soạn.',
      5_000,
    ),
    assessment: assessment.optional(),
    ranking: ranking.optional(),
    headings: phrases(HEADINGS),
    body: body(
      'Nội dung thêm',
      'Tùy chọn: đề mục, đoạn văn, danh sách sau phần kết quả (đánh giá chung, tồn tại, kiến nghị); đề mục cấp 1 đánh số tiếp theo phần kết quả.',
    ).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (d.assessment === undefined && d.ranking === undefined)
      add([], 'Cần ít nhất một trong hai: assessment (bảng chấm điểm của một cơ quan) hoặc ranking (bảng xếp hạng nhiều cơ quan)');
    const f = resolveChecked(d.framework, add);
    if (!f) return;
    if (d.assessment && typeof d.assessment === 'object') checkAssessment(f, d.assessment, add);
    if (d.ranking && typeof d.ranking === 'object') checkRanking(f, d.ranking, add);
  })
  .meta({
    title: 'Chỉ số cải cách hành chính: bảng chấm điểm, xếp hạng',
    description:
      'Báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính theo một bộ chỉ số (lĩnh vực, tiêu chí, tiêu chí thành phần), kèm bảng chấm điểm và, tùy chọn, bảng xếp hạng nhiều cơ quan.',
  });

export type ChiSoCchc = z.infer<typeof schema>;
type Add = (path: (string | number)[], message: string) => void;

/** The framework a document names: a shipped one, or its inline definition. Throws on data the schema rejected. */
export function resolveFramework(ref: ChiSoCchc['framework']): Framework {
  if (ref.definition) return { ...ref.definition, id: ref.id, version: ref.version ?? '' };
  const f = findFramework(ref.id);
  if (!f) throw new Error(`unknown framework ${ref.id}`);
  return f;
}

function resolveChecked(ref: unknown, add: Add): FrameworkDefinition | undefined {
  if (!ref || typeof ref !== 'object') return undefined;
  const r = ref as { id?: unknown; version?: unknown; definition?: unknown };
  if (typeof r.id !== 'string') return undefined;
  const shipped = findFramework(r.id);
  if (r.definition !== undefined) {
    if (shipped) {
      add(['framework', 'id'], `Mã "${r.id}" trùng với bộ chỉ số có sẵn "${shipped.title}": đặt mã khác cho bộ chỉ số tự khai báo, hoặc bỏ definition để dùng bộ có sẵn`);
      return undefined;
    }
    const parsed = frameworkDefinitionSchema.safeParse(r.definition);
    if (!parsed.success) return undefined; // the field's own schema reports the problems
    const problems = frameworkProblems(parsed.data);
    for (const p of problems) add(['framework', 'definition', ...p.path], p.message);
    return problems.length ? undefined : parsed.data;
  }
  if (!shipped) {
    add(['framework', 'id'], `Không có bộ chỉ số "${r.id}". Các bộ chỉ số có sẵn: ${FRAMEWORKS.map((f) => `"${f.id}" (${f.title})`).join('; ')}; hoặc khai báo definition`);
    return undefined;
  }
  if (typeof r.version === 'string' && r.version !== shipped.version)
    add(['framework', 'version'], `Bộ chỉ số "${shipped.id}" có phiên bản "${shipped.version}", không có phiên bản "${r.version}"`);
  return shipped;
}

const isScore = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1000 && hasTwoDecimals(x);
const isRecord = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);

function checkAssessment(f: FrameworkDefinition, a: unknown, add: Add): void {
  if (!isRecord(a) || !isRecord(a.scores)) return;
  const scores = a.scores;
  const base = ['assessment', 'scores'];
  const codes = Object.keys(scores);
  if (codes.length > MAX_SCORES) add(base, `Nhiều quá: tối đa ${MAX_SCORES} mục`);
  const all = leaves(f);
  const byCode = new Map(all.map((l) => [l.sub.code, l]));
  const criteria = new Map(f.areas.flatMap((ar) => ar.criteria.map((c) => [c.code, c] as const)));
  const areas = new Map(f.areas.map((ar) => [ar.code, ar] as const));

  for (const c of codes) {
    if (byCode.has(c)) continue;
    const crit = criteria.get(c);
    const area = areas.get(c);
    if (crit) add([...base, c], `Mã "${c}" là tiêu chí "${crit.name}": chấm điểm theo từng tiêu chí thành phần (${crit.subCriteria.map((s) => s.code).join(', ')}); điểm tiêu chí do dịch vụ cộng`);
    else if (area) add([...base, c], `Mã "${c}" là lĩnh vực "${area.name}": chấm điểm theo từng tiêu chí thành phần; điểm lĩnh vực do dịch vụ cộng`);
    else add([...base, c], `Không có tiêu chí thành phần mã "${c}" trong bộ chỉ số`);
  }

  const entry = (code: string): Record<string, unknown> | undefined => {
    const e = scores[code];
    return isRecord(e) ? e : undefined;
  };
  // Only scores of the right kind start a stage: a survey score on a self-assessed criterion is its own error.
  const anyAppraised = all.some((l) => l.sub.kind === 'self' && entry(l.sub.code)?.appraised !== undefined);
  const anySurvey = all.some((l) => l.sub.kind === 'survey' && entry(l.sub.code)?.survey !== undefined);

  for (const { sub } of all) {
    const e = entry(sub.code);
    const path = [...base, sub.code];
    const who = nameOf('sub', sub);
    const over = (kind: 'self' | 'appraised' | 'survey', label: string) => {
      const v = e?.[kind];
      if (isScore(v) && toUnits(v) > toUnits(sub.max))
        add([...path, kind], `${label} ${formatScore(toUnits(v))} vượt điểm tối đa ${formatScore(toUnits(sub.max))} của ${who}`);
    };
    if (sub.kind === 'self') {
      if (e?.survey !== undefined)
        add([...path, 'survey'], `${capital(who)} do cơ quan tự đánh giá, không lấy điểm điều tra xã hội học: dùng self (và appraised khi thẩm định)`);
      if (e === undefined || e.self === undefined)
        add(e === undefined ? path : [...path, 'self'], `Thiếu điểm tự đánh giá của ${who} (ghi 0 nếu không đạt)`);
      if (anyAppraised && (e === undefined || e.appraised === undefined))
        add(e === undefined ? path : [...path, 'appraised'], `Thiếu điểm thẩm định của ${who}: đã có điểm thẩm định thì phải có cho mọi tiêu chí thành phần tự đánh giá`);
      over('self', 'Điểm tự đánh giá');
      over('appraised', 'Điểm thẩm định');
    } else {
      for (const kind of ['self', 'appraised'] as const)
        if (e?.[kind] !== undefined)
          add([...path, kind], `${capital(who)} lấy điểm từ điều tra xã hội học, không ${kind === 'self' ? 'tự chấm điểm' : 'thẩm định'}: dùng survey`);
      if (anySurvey && (e === undefined || e.survey === undefined))
        add(e === undefined ? path : [...path, 'survey'], `Thiếu điểm điều tra xã hội học của ${who}: đã có điểm điều tra thì phải có cho mọi tiêu chí thành phần điều tra xã hội học`);
      over('survey', 'Điểm điều tra xã hội học');
    }
  }

  if (isRecord(a.stated) && isRecord(a.stated.areas))
    for (const c of Object.keys(a.stated.areas))
      if (!areas.has(c)) add(['assessment', 'stated', 'areas', c], `Không có lĩnh vực mã "${c}" trong bộ chỉ số (các lĩnh vực: ${[...areas.keys()].join(', ')})`);
}

function checkRanking(f: FrameworkDefinition, r: unknown, add: Add): void {
  if (!isRecord(r)) return;
  const areas = new Map(f.areas.map((ar) => [ar.code, ar] as const));
  if (Array.isArray(r.units))
    r.units.forEach((u: unknown, i) => {
      if (!isRecord(u)) return;
      const path = ['ranking', 'units', i];
      const name = typeof u.name === 'string' ? u.name : `đơn vị thứ ${i + 1}`;
      if ((u.points === undefined) === (u.areaPoints === undefined))
        add(path, `${name}: cần đúng một trong hai, points (tổng điểm) hoặc areaPoints (điểm từng lĩnh vực)`);
      if (isScore(u.points) && toUnits(u.points) > toUnits(f.max))
        add([...path, 'points'], `${name}: tổng điểm ${formatScore(toUnits(u.points))} vượt điểm tối đa ${formatScore(toUnits(f.max))} của bộ chỉ số`);
      if (isRecord(u.areaPoints)) {
        const given = u.areaPoints;
        for (const [c, v] of Object.entries(given)) {
          const area = areas.get(c);
          if (!area) add([...path, 'areaPoints', c], `Không có lĩnh vực mã "${c}" trong bộ chỉ số (các lĩnh vực: ${[...areas.keys()].join(', ')})`);
          else if (isScore(v) && toUnits(v) > toUnits(area.max))
            add([...path, 'areaPoints', c], `${name}: điểm ${formatScore(toUnits(v))} vượt điểm tối đa ${formatScore(toUnits(area.max))} của ${nameOf('area', area)}`);
        }
        const missing = [...areas.keys()].filter((c) => given[c] === undefined);
        if (missing.length) add([...path, 'areaPoints'], `${name}: thiếu điểm lĩnh vực ${missing.join(', ')}`);
      }
    });
  if (Array.isArray(r.bands)) {
    const bands: unknown[] = r.bands;
    const seen = new Set<string>();
    bands.forEach((b, i) => {
      if (!isRecord(b)) return;
      if (typeof b.name === 'string') {
        if (seen.has(b.name.toLowerCase())) add(['ranking', 'bands', i, 'name'], `Mức xếp loại "${b.name}" bị trùng`);
        seen.add(b.name.toLowerCase());
      }
      const above = bands[i - 1];
      const prev = isRecord(above) ? above.minIndex : undefined;
      if (typeof b.minIndex === 'number' && typeof prev === 'number' && b.minIndex >= prev)
        add(['ranking', 'bands', i, 'minIndex'], `Các mức xếp loại xếp từ cao xuống thấp: ngưỡng ${String(b.minIndex).replace('.', ',')} phải nhỏ hơn ngưỡng của mức trên (${String(prev).replace('.', ',')})`);
    });
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
