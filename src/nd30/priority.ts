/**
 * Độ khẩn and độ mật (ô 10a, 10b) per Decree 30/2020/NĐ-CP: the codes the API takes, the decree's name of each
 * level, and the width of the urgency stamp (a single-border rectangle 8 mm high, docs nd30-format.md). Stamps
 * print the name in capitals ("THƯỢNG KHẨN"); the archive's metadata writes it as it is ("Thượng khẩn").
 */

export const URGENCIES = ['khan', 'thuong-khan', 'hoa-toc'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY: Readonly<Record<Urgency, { label: string; stampWidthMm: number }>> = {
  khan: { label: 'Khẩn', stampWidthMm: 20 },
  'thuong-khan': { label: 'Thượng khẩn', stampWidthMm: 40 },
  'hoa-toc': { label: 'Hỏa tốc', stampWidthMm: 30 },
};

export const SECRECIES = ['mat', 'toi-mat', 'tuyet-mat'] as const;
export type Secrecy = (typeof SECRECIES)[number];

export const SECRECY: Readonly<Record<Secrecy, { label: string }>> = {
  mat: { label: 'Mật' },
  'toi-mat': { label: 'Tối mật' },
  'tuyet-mat': { label: 'Tuyệt mật' },
};
