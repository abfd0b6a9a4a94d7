/**
 * Reform areas are data, not code: each national programme has its list of areas (lĩnh vực). A document names
 * the programme it follows, or gives a custom list.
 */
import { z } from 'zod';
import { list, text } from './schema.js';

export type ReformArea = { code: string; name: string };
export type ReformProgramme = { id: string; title: string; basis: string; areas: ReformArea[] };

export const PROGRAMMES: readonly ReformProgramme[] = [
  {
    id: '2011-2020',
    title: 'Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2011 - 2020',
    basis: 'Nghị quyết số 30c/NQ-CP ngày 08 tháng 11 năm 2011 của Chính phủ',
    areas: [
      { code: 'chi-dao-dieu-hanh', name: 'Công tác chỉ đạo, điều hành' },
      { code: 'the-che', name: 'Cải cách thể chế' },
      { code: 'thu-tuc-hanh-chinh', name: 'Cải cách thủ tục hành chính' },
      { code: 'to-chuc-bo-may', name: 'Cải cách tổ chức bộ máy hành chính nhà nước' },
      { code: 'doi-ngu', name: 'Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức' },
      { code: 'tai-chinh-cong', name: 'Cải cách tài chính công' },
      { code: 'hien-dai-hoa', name: 'Hiện đại hóa hành chính' },
    ],
  },
  {
    id: '2021-2030',
    title: 'Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030',
    basis: 'Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ',
    areas: [
      { code: 'chi-dao-dieu-hanh', name: 'Công tác chỉ đạo, điều hành' },
      { code: 'the-che', name: 'Cải cách thể chế' },
      { code: 'thu-tuc-hanh-chinh', name: 'Cải cách thủ tục hành chính' },
      { code: 'to-chuc-bo-may', name: 'Cải cách tổ chức bộ máy' },
      { code: 'che-do-cong-vu', name: 'Cải cách chế độ công vụ' },
      { code: 'tai-chinh-cong', name: 'Cải cách tài chính công' },
      { code: 'chinh-quyen-so', name: 'Xây dựng và phát triển chính quyền điện tử, chính quyền số' },
    ],
  },
];

export const programmeIds = PROGRAMMES.map((p) => p.id) as [string, ...string[]];

/**
 * The known area codes with their names, for the JSON Schema of an area-code field ("x-choices": a form shows
 * the names and sends the code; a custom programme's own code stays free). A code in both programmes takes the
 * newer programme's name.
 */
export const areaChoices = {
  'x-choices': [...new Map(PROGRAMMES.flatMap((p) => p.areas.map((a) => [a.code, a.name] as const))).entries()].map(([code, name]) => ({ const: code, title: name })),
};

/** Schema of the "programme" field: a shipped programme id, or a custom list of areas. */
export const programme = z
  .union([
    z.enum(programmeIds, { error: `Chương trình là một trong: ${programmeIds.join(', ')}, hoặc một danh sách lĩnh vực tự khai báo` }),
    z
      .object({
        title: text('Tên chương trình', 'Tên chương trình hoặc kế hoạch cải cách hành chính mà văn bản thực hiện.', 500),
        areas: list(
          z
            .object({
              code: z
                .string()
                .regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã lĩnh vực gồm chữ thường không dấu, chữ số và dấu gạch ngang' })
                .meta({ title: 'Mã lĩnh vực', description: 'Mã dùng để gắn nhiệm vụ vào lĩnh vực, ví dụ "the-che".' }),
              name: text('Tên lĩnh vực', 'Tên lĩnh vực cải cách, viết như trong câu.', 300),
            })
            .strict()
            .meta({ title: 'Lĩnh vực', description: 'Một lĩnh vực cải cách hành chính.' }),
          'Các lĩnh vực',
          'Các lĩnh vực cải cách theo thứ tự trình bày.',
          20,
        ).min(1, { error: 'Cần ít nhất 1 lĩnh vực' }),
      })
      .strict(),
  ], { error: `Chương trình là một trong: ${programmeIds.map((p) => `"${p}"`).join(', ')}, hoặc { title, areas } tự khai báo` })
  .meta({
    title: 'Chương trình cải cách hành chính',
    description: '"2011-2020" (Nghị quyết 30c/NQ-CP), "2021-2030" (Nghị quyết 76/NQ-CP), hoặc { title, areas } tự khai báo.',
  });

export type ProgrammeInput = z.infer<typeof programme>;

export function resolveProgramme(p: ProgrammeInput): { title: string; areas: ReformArea[] } {
  if (typeof p === 'string') {
    const found = PROGRAMMES.find((x) => x.id === p);
    if (!found) throw new Error(`unknown programme ${p}`);
    return found;
  }
  return p;
}
