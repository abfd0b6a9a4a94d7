import { describe, it, expect } from 'vitest';
import { MSG, SignerError, signerLines, signerProblems, type SignerInput } from '../../../src/nd30/signer.js';

const NAME = 'Nguyễn Văn An';

const lines: Array<[string, SignerInput, string[]]> = [
  ['none: the head signs', { authority: 'none', position: 'Giám đốc', name: NAME }, ['GIÁM ĐỐC']],
  [
    'TM: on behalf of a collective',
    { authority: 'TM', collective: 'Ủy ban nhân dân', position: 'Chủ tịch', name: NAME },
    ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  ],
  [
    'TM with head equal to position',
    { authority: 'TM', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'chủ tịch', name: NAME },
    ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  ],
  [
    'KT: a deputy for the head',
    { authority: 'KT', head: 'Giám đốc', position: 'Phó Giám đốc', name: NAME },
    ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
  ],
  [
    'TM_KT: a deputy of a collective body',
    { authority: 'TM_KT', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Phó Chủ tịch', name: NAME },
    ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
  ],
  [
    'TL: by order of the head',
    { authority: 'TL', head: 'Giám đốc', position: 'Chánh Văn phòng', name: NAME },
    ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'],
  ],
  [
    'TUQ: by written delegation',
    { authority: 'TUQ', head: 'Giám đốc', position: 'Trưởng phòng Tổ chức cán bộ', name: NAME },
    ['TUQ. GIÁM ĐỐC', 'TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ'],
  ],
  ['Q: acting head', { authority: 'Q', head: 'Giám đốc', name: NAME }, ['Q. GIÁM ĐỐC']],
  [
    'Q with a blank position',
    { authority: 'Q', head: 'Giám đốc', position: '  ', name: NAME },
    ['Q. GIÁM ĐỐC'],
  ],
  [
    'NFD input and extra spaces',
    {
      authority: 'TM',
      collective: '  Hội đồng   nhân dân '.normalize('NFD'),
      position: 'Chủ tịch'.normalize('NFD'),
      name: NAME,
    },
    ['TM. HỘI ĐỒNG NHÂN DÂN', 'CHỦ TỊCH'],
  ],
];

const names: Array<[string, string]> = [
  ['Nguyễn Văn An', 'Nguyễn Văn An'],
  ['Trần Thị Bích'.normalize('NFD'), 'Trần Thị Bích'],
  ['  Lê   Văn  Cường ', 'Lê Văn Cường'],
  ['Đỗ Thị Hạnh', 'Đỗ Thị Hạnh'],
];

type Row = [string, SignerInput, Array<{ path: string; message?: string }>];

const problems: Row[] = [
  // missing collective
  ['TM without collective', { authority: 'TM', position: 'Chủ tịch', name: NAME }, [{ path: 'collective', message: MSG.collectiveMissing }]],
  [
    'TM_KT without collective',
    { authority: 'TM_KT', head: 'Chủ tịch', position: 'Phó Chủ tịch', name: NAME },
    [{ path: 'collective', message: MSG.collectiveMissing }],
  ],
  [
    'TM with a blank collective',
    { authority: 'TM', collective: ' ', position: 'Chủ tịch', name: NAME },
    [{ path: 'collective' }],
  ],
  // missing head
  ['KT without head', { authority: 'KT', position: 'Phó Giám đốc', name: NAME }, [{ path: 'head' }]],
  ['TL without head', { authority: 'TL', position: 'Chánh Văn phòng', name: NAME }, [{ path: 'head' }]],
  ['TUQ without head', { authority: 'TUQ', position: 'Trưởng phòng', name: NAME }, [{ path: 'head' }]],
  ['Q without head', { authority: 'Q', name: NAME }, [{ path: 'head' }]],
  [
    'TM_KT without head',
    { authority: 'TM_KT', collective: 'Ủy ban nhân dân', position: 'Phó Chủ tịch', name: NAME },
    [{ path: 'head' }],
  ],
  // missing position
  ['none without position', { authority: 'none', name: NAME }, [{ path: 'position', message: MSG.positionMissing }]],
  ['TM without position', { authority: 'TM', collective: 'Ủy ban nhân dân', name: NAME }, [{ path: 'position' }]],
  ['KT without position', { authority: 'KT', head: 'Giám đốc', name: NAME }, [{ path: 'position' }]],
  ['TL without position', { authority: 'TL', head: 'Giám đốc', name: NAME }, [{ path: 'position' }]],
  ['TUQ without position', { authority: 'TUQ', head: 'Giám đốc', name: NAME }, [{ path: 'position' }]],
  [
    'TM_KT without position',
    { authority: 'TM_KT', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', name: NAME },
    [{ path: 'position' }],
  ],
  // Q takes no position
  [
    'Q with a position',
    { authority: 'Q', head: 'Giám đốc', position: 'Phó Giám đốc', name: NAME },
    [{ path: 'position', message: MSG.qWithPosition }],
  ],
  // none takes no collective or head
  [
    'none with collective',
    { authority: 'none', collective: 'Ủy ban nhân dân', position: 'Chủ tịch', name: NAME },
    [{ path: 'collective', message: MSG.noneWithCollective }],
  ],
  [
    'none with head',
    { authority: 'none', head: 'Giám đốc', position: 'Giám đốc', name: NAME },
    [{ path: 'head', message: MSG.noneWithHead }],
  ],
  // only TM and TM_KT take a collective
  [
    'KT with collective',
    { authority: 'KT', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Phó Chủ tịch', name: NAME },
    [{ path: 'collective', message: MSG.collectiveNotAllowed }],
  ],
  [
    'TL with collective',
    { authority: 'TL', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Chánh Văn phòng', name: NAME },
    [{ path: 'collective', message: MSG.collectiveNotAllowed }],
  ],
  [
    'TUQ with collective',
    { authority: 'TUQ', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Giám đốc Sở', name: NAME },
    [{ path: 'collective', message: MSG.collectiveNotAllowed }],
  ],
  [
    'Q with collective',
    { authority: 'Q', collective: 'Ủy ban nhân dân', head: 'Giám đốc', name: NAME },
    [{ path: 'collective', message: MSG.collectiveNotAllowed }],
  ],
  // a deputy, not the head, signs KT / TM_KT / TL / TUQ
  [
    'KT with position equal to head',
    { authority: 'KT', head: 'Giám đốc', position: 'Giám đốc', name: NAME },
    [
      {
        path: 'position',
        message:
          'Ký thay (KT.) là cấp phó ký thay cấp trưởng: chức vụ người ký không thể trùng với chức vụ người đứng đầu',
      },
    ],
  ],
  [
    'KT with position equal to head in another case and form',
    { authority: 'KT', head: 'Giám đốc', position: 'GIÁM  ĐỐC'.normalize('NFD'), name: NAME },
    [{ path: 'position', message: MSG.ktSameAsHead }],
  ],
  [
    'TM_KT with position equal to head',
    { authority: 'TM_KT', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'chủ tịch', name: NAME },
    [{ path: 'position', message: MSG.ktSameAsHead }],
  ],
  [
    'TL with position equal to head',
    { authority: 'TL', head: 'Giám đốc', position: 'Giám đốc', name: NAME },
    [{ path: 'position', message: MSG.tlSameAsHead }],
  ],
  [
    'TUQ with position equal to head',
    { authority: 'TUQ', head: 'Giám đốc', position: 'giám đốc', name: NAME },
    [{ path: 'position', message: MSG.tuqSameAsHead }],
  ],
  // a deputy signing for a collective needs TM + KT
  [
    'TM with head different from position',
    { authority: 'TM', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', position: 'Phó Chủ tịch', name: NAME },
    [{ path: 'head', message: MSG.tmDeputy }],
  ],
  // name
  ['blank name', { authority: 'none', position: 'Giám đốc', name: '  ' }, [{ path: 'name', message: MSG.nameMissing }]],
  ...(['TS. ', 'ThS. ', 'PGS. ', 'PGS.TS. ', 'GS. ', 'KS. ', 'CN. ', 'ts. ', 'TS ', 'Tiến sĩ '].map(
    (title): Row => [
      `name starting with "${title.trim()}"`,
      { authority: 'none', position: 'Giám đốc', name: `${title}${NAME}` },
      [{ path: 'name', message: 'Không ghi học hàm, học vị trước họ tên người ký' }],
    ],
  )),
  // several problems at once, in a fixed order
  [
    'TM_KT with nothing',
    { authority: 'TM_KT', name: '' },
    [{ path: 'collective' }, { path: 'head' }, { path: 'position' }, { path: 'name' }],
  ],
  [
    'none with everything',
    { authority: 'none', collective: 'Ủy ban nhân dân', head: 'Chủ tịch', name: 'TS. A' },
    [{ path: 'collective' }, { path: 'head' }, { path: 'position' }, { path: 'name' }],
  ],
  [
    'unknown authority',
    { authority: 'KT.' as unknown as SignerInput['authority'], name: NAME },
    [{ path: 'authority', message: MSG.authorityUnknown }],
  ],
];

const validNames: Array<[string]> = [
  ['Nguyễn Văn An'],
  ['Tạ Thị Sen'],
  ['Cao Ngọc Nam'],
  ['Giáp Văn Sơn'],
  ['Khổng Minh'],
  ['Tsang Văn Lợi'],
];

describe('signerLines', () => {
  it.each(lines)('%s', (_label, input, expected) => {
    expect(signerLines(input)).toEqual({ authorityLines: expected, name: NAME });
  });
  it.each(names)('name %j -> %j (case kept)', (name, expected) => {
    expect(signerLines({ authority: 'none', position: 'Giám đốc', name }).name).toBe(expected);
  });
  it.each(problems)('throws for %s', (_label, input, expected) => {
    let error: unknown;
    try {
      signerLines(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SignerError);
    expect((error as SignerError).problems.map((p) => p.path)).toEqual(expected.map((p) => p.path));
  });
});

describe('signerProblems', () => {
  it.each(lines)('accepts %s', (_label, input) => {
    expect(signerProblems(input)).toEqual([]);
  });
  it.each(problems)('rejects %s', (_label, input, expected) => {
    const found = signerProblems(input);
    expect(found.map((p) => p.path)).toEqual(expected.map((p) => p.path));
    expected.forEach((p, i) => {
      expect(found[i]?.message).toBeTruthy();
      if (p.message !== undefined) expect(found[i]?.message).toBe(p.message);
    });
  });
  it.each(validNames)('accepts the name %j', (name) => {
    expect(signerProblems({ authority: 'none', position: 'Giám đốc', name })).toEqual([]);
  });
});
