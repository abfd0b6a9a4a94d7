/**
 * web/src/preview/locate.ts: which form field a clicked line of the PDF preview was printed from, by its text
 * (issue 17). The lines are as pdf.js's text layer gives them from the service's own PDFs: broken anywhere in a
 * paragraph, some in capitals, with the template's labels in front ("Điều 1.", "a)", "- ").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonRun, fold, locate, stringLeaves } from '../../web/src/preview/locate.js';
import { parsePath } from '../../web/src/problems.js';

const NFD = (s: string) => s.normalize('NFD');

describe('stringLeaves', () => {
  it('lists every non-empty string with the JSON path the form uses, in document order', () => {
    const data = {
      title: 'Kế hoạch',
      number: 12,
      blank: '  ',
      articles: [{ title: 'Phạm vi', items: ['Một', 'Hai'] }],
      criteria: { '1.1.1': { note: 'Ghi chú' } },
    };
    expect(stringLeaves(data)).toEqual([
      { path: '$.title', text: 'Kế hoạch' },
      { path: '$.articles[0].title', text: 'Phạm vi' },
      { path: '$.articles[0].items[0]', text: 'Một' },
      { path: '$.articles[0].items[1]', text: 'Hai' },
      { path: '$.criteria["1.1.1"].note', text: 'Ghi chú' },
    ]);
  });

  it('reads rich text (runs) as one string at its editor\'s path: a paragraph block\'s text, an inline field itself', () => {
    const runs = [{ text: 'Lưu ý: ', bold: true }, { text: 'nộp trước ngày 15.' }];
    expect(stringLeaves({ body: [{ type: 'paragraph', runs, lead: 'Một' }], purposes: [{ runs }] })).toEqual([
      { path: '$.body[0].text', text: 'Lưu ý: nộp trước ngày 15.' },
      { path: '$.body[0].type', text: 'paragraph' },
      { path: '$.body[0].lead', text: 'Một' },
      { path: '$.purposes[0]', text: 'Lưu ý: nộp trước ngày 15.' },
    ]);
  });

  it('writes paths that problems.ts parsePath reads back to the same steps', () => {
    expect(parsePath(stringLeaves({ criteria: { '1.1.1': { note: 'x' } } })[0]!.path)).toEqual(['criteria', '1.1.1', 'note']);
    expect(parsePath(stringLeaves({ areas: [{ tasks: [{ items: ['x'] }] }] })[0]!.path)).toEqual(['areas', 0, 'tasks', 0, 'items', 0]);
  });
});

describe('fold', () => {
  it('compares NFC, lower case, letters and digits only', () => {
    expect(fold('ĐIỀU 1. PHẠM VI ĐIỀU CHỈNH')).toBe('điều1phạmviđiềuchỉnh');
    expect(fold(NFD('Điều 1. Phạm vi điều chỉnh'))).toBe(fold('ĐIỀU 1. PHẠM VI ĐIỀU CHỈNH'));
    expect(fold('giai đoạn 2021 -\n2030; Kế hoạch số 4707/KH-UBND')).toBe('giaiđoạn20212030kếhoạchsố4707khubnd');
  });
});

describe('commonRun', () => {
  it('is the length of the longest shared run', () => {
    expect(commonRun('abc', 'xxabcxx')).toBe(3);
    expect(commonRun('điều1phạmvi', 'phạmviđiềuchỉnh')).toBe(6);
    expect(commonRun('', 'abc')).toBe(0);
    expect(commonRun('xyz', 'abc')).toBe(0);
  });
});

describe('locate', () => {
  const data = {
    title: 'Cải cách hành chính năm 2025',
    opening: {
      implements: [
        'Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030',
        'Kế hoạch số 4707/KH-UBND ngày 30 tháng 11 năm 2021 của Ủy ban nhân dân tỉnh về cải cách hành chính nhà nước giai đoạn 2021 - 2025',
      ],
    },
    articles: [
      { title: 'Phạm vi điều chỉnh', text: 'Quyết định này quy định về công tác văn thư.' },
      { title: 'Đối tượng áp dụng', text: 'Quyết định này áp dụng đối với cơ quan, tổ chức.' },
    ],
    areas: [
      { targets: ['100% văn bản được ký số', 'Tỷ lệ hồ sơ trực tuyến đạt trên 80%'] },
      { targets: ['100% văn bản được ký số', 'Mức độ hài lòng đạt trên 90%'] },
    ],
  };
  const leaves = stringLeaves(data);

  it('finds the value a line in the middle of a paragraph was broken from (a word split at the line end)', () => {
    expect(locate(leaves, { line: 'ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chí-' })).toBe('$.opening.implements[0]');
    expect(locate(leaves, { line: NFD('nh nhà nước giai đoạn 2021 - 2025;'), before: 'Kế hoạch số 4707/KH-UBND ngày 30 tháng 11 năm 2021 của Ủy ban nhân dân tỉnh về cải cách hành chí' })).toBe('$.opening.implements[1]');
  });

  it('reads a line printed in capitals', () => {
    expect(locate(leaves, { line: 'CẢI CÁCH HÀNH CHÍNH NĂM 2025' })).toBe('$.title');
  });

  it('looks past the label the template prints in front of a value', () => {
    expect(locate(leaves, { line: 'Điều 1. Phạm vi điều chỉnh' })).toBe('$.articles[0].title');
    expect(locate(leaves, { line: '- Tỷ lệ hồ sơ trực tuyến đạt trên 80%.' })).toBe('$.areas[0].targets[1]');
  });

  it('tells the same sentence in two fields apart by the lines around it', () => {
    expect(locate(leaves, { line: '- 100% văn bản được ký số;', after: '- Mức độ hài lòng đạt trên 90%.' })).toBe('$.areas[1].targets[0]');
    expect(locate(leaves, { line: '- 100% văn bản được ký số;', after: '- Tỷ lệ hồ sơ trực tuyến đạt trên 80%;' })).toBe('$.areas[0].targets[0]');
  });

  it('finds nothing for a line the template writes itself, or one too short to tell', () => {
    expect(locate(leaves, { line: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' })).toBeNull();
    expect(locate(leaves, { line: 'Nơi nhận:' })).toBeNull();
    expect(locate(leaves, { line: 'a)' })).toBeNull();
    expect(locate(leaves, { line: '2' })).toBeNull();
  });

  it('finds a line of the 19-page plan among its 600-odd strings', () => {
    const plan = JSON.parse(readFileSync(new URL('../../fixtures/ke-hoach-cchc/ke-hoach-cchc-2025-so-noi-vu.json', import.meta.url), 'utf8')) as unknown;
    const all = stringLeaves(plan);
    expect(all.length).toBeGreaterThan(300);
    const target = all.find((l) => l.path === '$.purposes[2]')!;
    const words = target.text.split(' ');
    const line = words.slice(3, 12).join(' ');
    expect(locate(all, { line })).toBe('$.purposes[2]');
  });
});
