/** The date box's conversions (web/src/dateText.ts): what staff type, what the API takes, and back. */
import { describe, expect, it } from 'vitest';
import { dateWording, isoOfTyped, shownOfIso } from '../../web/src/dateText.js';

describe('dates as staff write them', () => {
  it('reads dd/mm/yyyy, mm/yyyy and yyyy into the API form; anything else stays as typed for the server to name', () => {
    expect(isoOfTyped('20/12/2024')).toBe('2024-12-20');
    expect(isoOfTyped('5/1/2025')).toBe('2025-01-05');
    expect(isoOfTyped('05.01.2025')).toBe('2025-01-05');
    expect(isoOfTyped('12/2024')).toBe('2024-12');
    expect(isoOfTyped('2024')).toBe('2024');
    expect(isoOfTyped(' 2024-12-20 ')).toBe('2024-12-20');
    // A day that does not exist is converted: the server says "tháng 2 năm 2024 có 29 ngày".
    expect(isoOfTyped('30/02/2024')).toBe('2024-02-30');
    expect(isoOfTyped('20/12/24')).toBe('20/12/24');
    expect(isoOfTyped('hôm qua')).toBe('hôm qua');
  });

  it('shows the API form as dd/mm/yyyy, and says dd/mm/yyyy where the API text says YYYY-MM-DD', () => {
    expect(shownOfIso('2024-12-20')).toBe('20/12/2024');
    expect(shownOfIso('2024-12')).toBe('12/2024');
    expect(shownOfIso('2024')).toBe('2024');
    expect(shownOfIso('20/12/24')).toBe('20/12/24');
    expect(dateWording('Ngày ban hành, dạng YYYY-MM-DD (hoặc YYYY-MM, YYYY khi là dự thảo)')).toBe('Ngày ban hành, dạng dd/mm/yyyy (hoặc mm/yyyy, yyyy khi là dự thảo)');
  });
});
