/**
 * The DOCX package helpers: the outer sections a template variant may drop, and the ZIP writer (read back by
 * pizzip and by unzip, byte for byte).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PizZip from 'pizzip';
import { outerSections } from '../../../src/render/docx/index.js';
import { writeZip, zipEntry } from '../../../src/render/docx/zip.js';

const p = (tag: string) => `<w:p><w:r><w:t>${tag}</w:t></w:r></w:p>`;

describe('outerSections', () => {
  it('finds the outermost whole-paragraph sections and their extent', () => {
    const a = `${p('{#main}')}${p('{#rows}')}<w:p><w:r><w:t>{#x} {x}{/x}</w:t></w:r></w:p>${p('{/rows}')}${p('{/main}')}`;
    const b = `${p('{#appendices}')}${p('{title}')}${p('{/appendices}')}`;
    const body = `${a}${b}`;
    const found = outerSections(body);
    expect(found.map((s) => s.name)).toEqual(['main', 'appendices']);
    expect(body.slice(found[0]!.start, found[0]!.end)).toBe(a);
    expect(body.slice(found[1]!.start, found[1]!.end)).toBe(b);
  });

  it('leaves out inline sections, inverted ones and sections nested in others', () => {
    const body = `<w:p><w:r><w:t>{#bold}{head}{/bold}</w:t></w:r></w:p>${p('{^none}')}${p('{/none}')}${p('{#a}')}${p('{#b}')}${p('{/b}')}${p('{/a}')}`;
    expect(outerSections(body).map((s) => s.name)).toEqual(['a']);
  });

  it('refuses a template whose sections do not balance', () => {
    expect(() => outerSections(`${p('{#a}')}${p('{/b}')}`)).toThrow(/closes/);
    expect(() => outerSections(p('{#a}'))).toThrow(/never closed/);
  });
});

describe('writeZip', () => {
  const parts: [string, string][] = [
    ['[Content_Types].xml', '<Types/>'],
    ['word/document.xml', `<w:document>${'Cộng hòa xã hội chủ nghĩa Việt Nam. '.repeat(200)}</w:document>`],
    ['docProps/tiếng-việt.xml', 'tiny'],
  ];
  const zip = writeZip(parts.map(([n, c]) => zipEntry(n, Buffer.from(c))));

  it('is read back by pizzip, part for part', () => {
    const z = new PizZip(zip);
    for (const [n, c] of parts) expect(z.file(n)?.asText()).toBe(c);
    expect(Object.keys(z.files)).toEqual(parts.map(([n]) => n));
  });

  it('passes unzip -t (CRCs and sizes), deflating the large part and storing the tiny one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vb-zip-'));
    const file = path.join(dir, 'x.zip');
    writeFileSync(file, zip);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const listing = execFileSync('unzip', ['-v', file], { encoding: 'utf8' });
    expect(listing).toMatch(/Defl:N.*word\/document\.xml/);
    expect(listing).toMatch(/Stored.*tiny|Stored.*docProps/);
  });
});
