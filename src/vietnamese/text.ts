/** Case, diacritics, whitespace and file-name helpers for Vietnamese text. */
import { nfc } from './nfc.js';

/** Upper case with the Vietnamese locale, keeping diacritics: "Ủy ban nhân dân" -> "ỦY BAN NHÂN DÂN". */
export function upper(s: string): string {
  return nfc(nfc(s).toLocaleUpperCase('vi'));
}

/** Lower case with the Vietnamese locale, in NFC. */
export function lower(s: string): string {
  return nfc(nfc(s).toLocaleLowerCase('vi'));
}

/** The first character in upper case, the rest unchanged: "một triệu" -> "Một triệu". */
export function capitalizeFirst(s: string): string {
  const t = nfc(s);
  const first = t.codePointAt(0);
  if (first === undefined) return t;
  const head = String.fromCodePoint(first);
  return nfc(head.toLocaleUpperCase('vi') + t.slice(head.length));
}

/** Removes Vietnamese (and other combining) diacritics: "Quyết định" -> "Quyet dinh"; đ/Đ -> d/D. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * An ASCII-only file name: diacritics stripped, every character other than [A-Za-z0-9._-]
 * (slashes and spaces included) replaced by "-", runs of "-" collapsed, leading and trailing
 * "-" removed: "QĐ 152/QĐ-UBND" -> "QD-152-QD-UBND". May return "" for input with no usable character.
 */
export function asciiFilename(s: string): string {
  return stripDiacritics(s)
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Maximum length, in code points, of unicodeFilename's result. */
export const UNICODE_FILENAME_MAX = 150;

/**
 * Bidirectional controls (U+202A-202E embeddings and overrides, U+2066-2069 isolates, U+200E/200F/061C marks):
 * in a file name they make "tep\u202Efdp.exe" display as "tepexe.pdf".
 */
// eslint-disable-next-line no-misleading-character-class
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Names Windows reserves for devices, with or without an extension ("CON", "nul.pdf", "COM1.docx"). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * A file name that keeps Vietnamese letters: NFC; whitespace runs (tabs and newlines included)
 * collapsed to one space; / \ : * ? " < > | and other control characters replaced by "-"; bidirectional
 * controls removed; trimmed, with no leading or trailing dot; cut to at most 150 code points (never inside a
 * surrogate pair) and trimmed again; a name Windows reserves (CON, NUL, COM1...) gets a "_" in front.
 */
export function unicodeFilename(s: string): string {
  let cleaned = nfc(s)
    .replace(BIDI, '')
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/g, '-')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .trim();
  const chars = Array.from(cleaned);
  if (chars.length > UNICODE_FILENAME_MAX) cleaned = chars.slice(0, UNICODE_FILENAME_MAX).join('').trim();
  return RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Collapses every whitespace run (JavaScript \s, which includes no-break spaces) to one space and trims. */
export function normalizeSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const TONE_ON_SECOND_VOWEL = new RegExp(`(?<!q)([ou])([aey])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`, 'gu');

/**
 * A key for comparing Vietnamese titles and names loosely: NFC, whitespace collapsed,
 * lower case, and the two tone-mark placements of a final "oa", "oe", "uy" unified
 * ("uỷ"/"ủy", "thoả"/"thỏa", "khoẻ"/"khỏe" give the same key; "qu" + y is left alone).
 */
export function foldKey(s: string): string {
  const lowered = normalizeSpaces(s).normalize('NFD').toLocaleLowerCase('vi');
  return lowered.replace(TONE_ON_SECOND_VOWEL, '$1$3$2').normalize('NFC');
}
