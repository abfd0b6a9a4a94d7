/**
 * The agency identifier code of Quyết định 20/2020/QĐ-TTg (mã định danh điện tử của cơ quan, tổ chức), as the
 * edXML header carries it in OrganId: groups of capital letters and digits joined by single dots, at most 35
 * characters, such as "000.00.00.G22" (Văn phòng Chính phủ) or "000.00.11.H53". The groups are read from the
 * right: the first level (a letter and two digits: G for the ministries and central bodies, H for the
 * provinces) is the last group, the lower levels are the groups before it.
 *
 * One exported function, without imports, so that the agency profile (issue 17) and the edXML reader share it.
 * It names the first problem found and says nothing when the code is well formed; it does not say whether the
 * code was ever assigned (no public list of codes is read here).
 */

export type OrganIdProblem = { code: 'organ_id_empty' | 'organ_id_too_long' | 'organ_id_characters' | 'organ_id_groups' | 'organ_id_level1'; message: string };

/** The longest code the decision allows. */
export const ORGAN_ID_MAX = 35;

export function organIdProblem(id: string): OrganIdProblem | undefined {
  if (id.length === 0) return { code: 'organ_id_empty', message: 'Mã định danh trống' };
  if (id.length > ORGAN_ID_MAX) return { code: 'organ_id_too_long', message: `Mã định danh dài quá ${ORGAN_ID_MAX} ký tự` };
  if (!/^[A-Z0-9.]+$/.test(id)) return { code: 'organ_id_characters', message: 'Mã định danh chỉ gồm chữ in hoa không dấu, chữ số và dấu chấm' };
  const groups = id.split('.');
  if (groups.length < 2 || groups.some((g) => g === '')) return { code: 'organ_id_groups', message: 'Mã định danh gồm các nhóm ký tự nối bằng một dấu chấm, ví dụ "000.00.00.G22"' };
  // The first level: the group of a letter and two digits that ends the four-level form ("000.00.11.H53");
  // a longer code appends lower levels after it.
  const level1 = groups.length >= 4 ? groups[3]! : groups[groups.length - 1]!;
  if (!/^[A-Z][0-9]{2}$/.test(level1)) return { code: 'organ_id_level1', message: `Cấp 1 của mã định danh là một chữ cái và hai chữ số (ví dụ "G22", "H53"), không phải "${level1}"` };
  return undefined;
}
