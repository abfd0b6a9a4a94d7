/**
 * Signing authority (ô 7a, 7b) per Decree 30/2020/NĐ-CP: the signer is authority + titles, and
 * the lines are derived from them, so that impossible combinations are refused with a clear message.
 */
import { nfc } from '../vietnamese/nfc.js';
import { foldKey, normalizeSpaces, upper } from '../vietnamese/text.js';

/**
 * none: the head signs in their own name ("GIÁM ĐỐC");
 * TM: on behalf of a collective ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH");
 * KT: a deputy for the head ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC");
 * TM_KT: a deputy of a collective body ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH");
 * TL: by order of the head ("TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG");
 * TUQ: by written delegation ("TUQ. GIÁM ĐỐC" / "TRƯỞNG PHÒNG ...");
 * Q: acting head ("Q. GIÁM ĐỐC").
 */
export type Authority = 'none' | 'TM' | 'KT' | 'TL' | 'TUQ' | 'Q' | 'TM_KT';

export const AUTHORITIES: readonly Authority[] = Object.freeze(['none', 'TM', 'KT', 'TL', 'TUQ', 'Q', 'TM_KT']);

export type SignerInput = {
  authority: Authority;
  /** The collective body signed for by TM. ("Ủy ban nhân dân"). */
  collective?: string;
  /** The title of the head of the agency ("Chủ tịch", "Giám đốc"). */
  head?: string;
  /** The signer's own title ("Phó Chủ tịch", "Chánh Văn phòng"). */
  position?: string;
  /** Full name, without academic titles. */
  name: string;
};

export type SignerProblem = { path: 'authority' | 'collective' | 'head' | 'position' | 'name'; message: string };

export class SignerError extends Error {
  readonly problems: readonly SignerProblem[];
  constructor(problems: readonly SignerProblem[]) {
    super(`Thẩm quyền ký không hợp lệ: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'SignerError';
    this.problems = problems;
  }
}

const PREFIX: Record<Authority, string> = {
  none: '',
  TM: 'TM.',
  KT: 'KT.',
  TL: 'TL.',
  TUQ: 'TUQ.',
  Q: 'Q.',
  TM_KT: 'TM. + KT.',
};

const NEEDS_COLLECTIVE: ReadonlySet<Authority> = new Set(['TM', 'TM_KT']);
const NEEDS_HEAD: ReadonlySet<Authority> = new Set(['KT', 'TL', 'TUQ', 'Q', 'TM_KT']);
const NEEDS_POSITION: ReadonlySet<Authority> = new Set(['none', 'TM', 'KT', 'TL', 'TUQ', 'TM_KT']);

/** Academic titles (học hàm, học vị) that must not precede the signer's name. */
const TITLE_WITH_DOT = /^(?:pgs|gs|tskh|ts|ths|th\.s|ks|cn|bs)\s*\./iu;
const TITLE_NO_DOT = /^(?:PGS|GS|TSKH|TS|ThS|KS|CN|BS)\s/u;
const TITLE_SPELLED = /^(?:phó giáo sư|giáo sư|tiến sĩ|tiến sỹ|thạc sĩ|thạc sỹ|kỹ sư|kĩ sư|cử nhân|bác sĩ|bác sỹ)\s/iu;

export const MSG = {
  collectiveMissing: 'Ký thay mặt tập thể (TM.) cần tên tập thể lãnh đạo (ví dụ: Ủy ban nhân dân)',
  headMissing: (prefix: string) =>
    `Thẩm quyền ký ${prefix} cần chức vụ của người đứng đầu (ví dụ: Chủ tịch, Giám đốc)`,
  positionMissing: 'Thiếu chức vụ của người ký',
  qWithPosition:
    'Quyền cấp trưởng (Q.) chỉ ghi "Q." và chức vụ người đứng đầu: không ghi thêm chức vụ người ký',
  noneWithCollective:
    'Người đứng đầu ký trực tiếp không ghi tên tập thể; ký thay mặt tập thể thì dùng thẩm quyền TM.',
  noneWithHead:
    'Người đứng đầu ký trực tiếp chỉ ghi chức vụ của mình; ký thay, thừa lệnh, thừa ủy quyền hay quyền cấp trưởng thì dùng KT., TL., TUQ. hoặc Q.',
  collectiveNotAllowed: 'Chỉ khi ký thay mặt tập thể (TM.) mới ghi tên tập thể',
  ktSameAsHead:
    'Ký thay (KT.) là cấp phó ký thay cấp trưởng: chức vụ người ký không thể trùng với chức vụ người đứng đầu',
  tlSameAsHead:
    'Thừa lệnh (TL.) là người được giao ký thay người đứng đầu: chức vụ người ký không thể trùng với chức vụ người đứng đầu',
  tuqSameAsHead:
    'Thừa ủy quyền (TUQ.) là người được người đứng đầu ủy quyền ký: chức vụ người ký không thể trùng với chức vụ người đứng đầu',
  tmDeputy:
    'Khi ký thay mặt tập thể (TM.), chức vụ người đứng đầu chỉ ghi khi cấp phó ký thay: dùng thẩm quyền TM. + KT. (TM_KT)',
  nameMissing: 'Thiếu họ tên người ký',
  academicTitle: 'Không ghi học hàm, học vị trước họ tên người ký',
  authorityUnknown: 'Thẩm quyền ký không hợp lệ (none, TM, KT, TL, TUQ, Q, TM_KT)',
} as const;

/** The value when it is a non-blank string, otherwise undefined. */
function given(s: string | undefined): string | undefined {
  return typeof s === 'string' && normalizeSpaces(nfc(s)) !== '' ? s : undefined;
}

function sameTitle(a: string, b: string): boolean {
  return foldKey(a) === foldKey(b);
}

/** Everything wrong with a signer, with paths relative to the signer object; [] when it is valid. */
export function signerProblems(s: SignerInput): SignerProblem[] {
  const problems: SignerProblem[] = [];
  const a = s.authority;
  if (!AUTHORITIES.includes(a)) {
    problems.push({ path: 'authority', message: MSG.authorityUnknown });
  } else {
    const collective = given(s.collective);
    const head = given(s.head);
    const position = given(s.position);
    const hasCollective = collective !== undefined;
    const hasHead = head !== undefined;
    const hasPosition = position !== undefined;

    if (NEEDS_COLLECTIVE.has(a) && !hasCollective) {
      problems.push({ path: 'collective', message: MSG.collectiveMissing });
    }
    if (!NEEDS_COLLECTIVE.has(a) && hasCollective) {
      problems.push({ path: 'collective', message: a === 'none' ? MSG.noneWithCollective : MSG.collectiveNotAllowed });
    }
    if (NEEDS_HEAD.has(a) && !hasHead) {
      problems.push({ path: 'head', message: MSG.headMissing(PREFIX[a]) });
    }
    if (a === 'none' && hasHead) {
      problems.push({ path: 'head', message: MSG.noneWithHead });
    }
    if (a === 'TM' && head !== undefined && position !== undefined && !sameTitle(head, position)) {
      problems.push({ path: 'head', message: MSG.tmDeputy });
    }
    if (NEEDS_POSITION.has(a) && !hasPosition) {
      problems.push({ path: 'position', message: MSG.positionMissing });
    }
    if (a === 'Q' && hasPosition) {
      problems.push({ path: 'position', message: MSG.qWithPosition });
    }
    if (head !== undefined && position !== undefined && sameTitle(head, position)) {
      if (a === 'KT' || a === 'TM_KT') problems.push({ path: 'position', message: MSG.ktSameAsHead });
      else if (a === 'TL') problems.push({ path: 'position', message: MSG.tlSameAsHead });
      else if (a === 'TUQ') problems.push({ path: 'position', message: MSG.tuqSameAsHead });
    }
  }

  const name = typeof s.name === 'string' ? normalizeSpaces(nfc(s.name)) : '';
  if (name === '') {
    problems.push({ path: 'name', message: MSG.nameMissing });
  } else if (TITLE_WITH_DOT.test(name) || TITLE_NO_DOT.test(name) || TITLE_SPELLED.test(name)) {
    problems.push({ path: 'name', message: MSG.academicTitle });
  }
  return problems;
}

function line(s: string | undefined): string {
  return upper(normalizeSpaces(s ?? ''));
}

/**
 * The upper-case authority lines (ô 7a) and the name (ô 7b, NFC, spaces tidied, case kept).
 * Throws SignerError when signerProblems is non-empty.
 */
export function signerLines(s: SignerInput): { authorityLines: string[]; name: string } {
  const problems = signerProblems(s);
  if (problems.length > 0) throw new SignerError(problems);
  const name = normalizeSpaces(nfc(s.name));
  const position = line(s.position);
  const head = line(s.head);
  const collective = line(s.collective);
  let authorityLines: string[];
  switch (s.authority) {
    case 'none':
      authorityLines = [position];
      break;
    case 'TM':
      authorityLines = [`TM. ${collective}`, position];
      break;
    case 'KT':
      authorityLines = [`KT. ${head}`, position];
      break;
    case 'TM_KT':
      authorityLines = [`TM. ${collective}`, `KT. ${head}`, position];
      break;
    case 'TL':
      authorityLines = [`TL. ${head}`, position];
      break;
    case 'TUQ':
      authorityLines = [`TUQ. ${head}`, position];
      break;
    case 'Q':
      authorityLines = [`Q. ${head}`];
      break;
  }
  return { authorityLines, name };
}
