/**
 * A body rendered in both formats through the service and read back as words, so that one expected string is
 * looked for in either: the PDF as pdftotext reads it (page numbers dropped), the DOCX as its paragraphs
 * (footnotes after the body); both NFC with every run of whitespace made one space.
 */
import { expect } from 'vitest';
import type { BaseView } from '../../src/documents/types.js';
import type { Vanban } from '../../src/service.js';
import { docxPlainText, pdfPlainText } from '../../bench/fidelity.js';
import { docxParts, words } from './docs.js';

export type Texts = { pdf: string; docx: string };
const FORMATS = ['pdf', 'docx'] as const;
export type Rendered = Texts & { documentXml: string; pdfBytes: Buffer; docxBytes: Buffer };

/** NFC, every run of whitespace (no-break spaces included) one space, no space at either end. */
export const flat = (s: string) => words(s).join(' ');

/** Chromium may break a line after a hyphen inside a word ("160/KH-" | "UBND"): the words are joined again. */
const joinHyphenBreaks = (s: string) => s.replace(/(?<=[\p{L}\p{N}]-) (?=[\p{L}\p{N}])/gu, '');

export async function renderBoth(svc: Vanban, type: string, data: unknown): Promise<Rendered> {
  const [p, d] = await Promise.all([svc.render(type, data, 'pdf'), svc.render(type, data, 'docx')]);
  return {
    pdf: joinHyphenBreaks(flat(pdfPlainText(p.bytes))),
    docx: flat(docxPlainText(d.bytes)),
    documentXml: docxParts(d.bytes).get('word/document.xml') ?? '',
    pdfBytes: p.bytes,
    docxBytes: d.bytes,
  };
}

/** Each string present (and each pattern absent) in the words of both formats. */
export function expectIn(texts: Texts, present: string[], absent: (string | RegExp)[] = []): void {
  for (const fmt of FORMATS) {
    const t = texts[fmt];
    for (const s of present) expect(t, `${fmt}: "${s}"`).toContain(flat(s));
    for (const s of absent) {
      if (typeof s === 'string') expect(t, `${fmt}: no "${s}"`).not.toContain(flat(s));
      else expect(t, `${fmt}: no ${s}`).not.toMatch(s);
    }
  }
}

/** The strings in both formats, each after the one before it. */
export function expectInOrder(texts: Texts, parts: string[]): void {
  for (const fmt of FORMATS) {
    const t = texts[fmt];
    let from = 0;
    for (const s of parts) {
      const at = t.indexOf(flat(s), from);
      expect(at, `${fmt}: "${s}" after "${t.slice(Math.max(0, from - 60), from)}"`).toBeGreaterThanOrEqual(0);
      from = at + flat(s).length;
    }
  }
}

/** The view of data the type must accept (the test fails on any problem), built as the service builds it. */
export function viewOf<V extends BaseView>(svc: Vanban, id: string, body: unknown): V {
  const v = svc.validate(id, body);
  expect(v.problems).toEqual([]);
  return svc.prepareValid(svc.type(id), v.data).view as V;
}
