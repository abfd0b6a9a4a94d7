/**
 * Running Ghostscript and qpdf: a child process under the conversion's deadline (SIGKILLed when it passes),
 * the tools' versions (asked once per executable), the sRGB ICC profile checked before use, the PDFA
 * definition file of the OutputIntent and the Ghostscript arguments (docs/pdfa.md shows them).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { PdfAError } from './errors.js';

/** Debian's libgs-common ships it. */
export const DEFAULT_ICC_PROFILE = '/usr/share/color/icc/ghostscript/srgb.icc';

type RunResult = { code: number; stdout: Buffer; stderr: string };

export function run(cmd: string, args: string[], opts: { cwd: string; deadline: number; what: string; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const remaining = opts.deadline - Date.now();
    if (remaining <= 0) {
      reject(new PdfAError('timeout', `PDF/A conversion did not finish within ${opts.timeoutMs} ms (before ${opts.what})`));
      return;
    }
    let settled = false;
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, remaining);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 64 * 1024) err += c.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(
        e.code === 'ENOENT'
          ? new PdfAError('tool_missing', `${opts.what} not found ("${cmd}"); install it or pass its path`)
          : new PdfAError(opts.what === 'qpdf' ? 'qpdf_failed' : 'ghostscript_failed', `${opts.what} could not start: ${e.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      if (timedOut) reject(new PdfAError('timeout', `PDF/A conversion did not finish within ${opts.timeoutMs} ms: ${opts.what} was killed`));
      else resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

const versions = new Map<string, Promise<string>>();

/** `tool --version`, first line, once per executable path. */
export function versionOf(cmd: string, what: string, timeoutMs: number): Promise<string> {
  const key = `${what}\0${cmd}`;
  let v = versions.get(key);
  if (!v) {
    v = run(cmd, ['--version'], { cwd: os.tmpdir(), deadline: Date.now() + Math.min(timeoutMs, 10_000), what, timeoutMs }).then((r) => {
      if (r.code !== 0) throw new PdfAError('tool_missing', `${what} --version failed (${cmd}): ${r.stderr.trim()}`);
      const line = r.stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
      const m = /(\d+\.\d+(?:\.\d+)?)/.exec(line);
      if (!m?.[1]) throw new PdfAError('tool_missing', `unexpected ${what} --version output: ${line}`);
      return m[1];
    });
    versions.set(key, v);
    v.catch(() => versions.delete(key));
  }
  return v;
}

export function versionAtLeast(v: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = v.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/** A PostScript string literal: ASCII printable as is, everything else as octal escapes. */
function psString(s: string): string {
  let out = '(';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x20 || byte > 0x7e || c === '(' || c === ')' || c === '\\' ? `\\${byte.toString(8).padStart(3, '0')}` : c;
  }
  return `${out})`;
}

/** The ICC profile checked (an RGB ICC profile), with its description for the OutputIntent. */
export async function readIcc(file: string): Promise<{ bytes: Buffer; description: string }> {
  let b: Buffer;
  try {
    b = await readFile(file);
  } catch (e) {
    throw new PdfAError('icc_profile', `sRGB ICC profile not readable at ${file} (${(e as Error).message}); Debian ships it in libgs-common (/usr/share/color/icc/ghostscript/srgb.icc), or pass iccPath`);
  }
  if (b.length < 132 || b.toString('latin1', 36, 40) !== 'acsp') throw new PdfAError('icc_profile', `${file} is not an ICC profile`);
  if (b.toString('latin1', 16, 20) !== 'RGB ') throw new PdfAError('icc_profile', `${file} is not an RGB ICC profile (colour space "${b.toString('latin1', 16, 20).trim()}")`);
  let description = 'sRGB';
  const n = b.readUInt32BE(128);
  for (let i = 0; i < n && 144 + 12 * i <= b.length; i++) {
    const at = 132 + 12 * i;
    if (b.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = b.readUInt32BE(at + 4);
    if (off + 12 <= b.length && b.toString('latin1', off, off + 4) === 'desc') {
      const len = b.readUInt32BE(off + 8);
      const d = b.toString('latin1', off + 12, Math.min(b.length, off + 12 + len)).replace(/\0.*$/s, '').trim();
      if (/^[\x20-\x7e]+$/.test(d)) description = d;
    }
  }
  return { bytes: b, description };
}

/** The PDFA definition file (after Ghostscript's lib/PDFA_def.ps): the sRGB OutputIntent. */
export function pdfaDef(iccPath: string, description: string): string {
  return [
    '%!',
    '% vanban: PDF/A-2b OutputIntent (after Ghostscript lib/PDFA_def.ps)',
    `/ICCProfile ${psString(iccPath)} def`,
    '[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark',
    '[{icc_PDFA} << /N 3 >> /PUT pdfmark',
    '[{icc_PDFA} ICCProfile (r) file /PUT pdfmark',
    '[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark',
    '[{OutputIntent_PDFA} <<',
    '  /Type /OutputIntent',
    '  /S /GTS_PDFA1',
    '  /DestOutputProfile {icc_PDFA}',
    '  /OutputConditionIdentifier (sRGB)',
    `  /Info ${psString(description)}`,
    '>> /PUT pdfmark',
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}

/** The Ghostscript arguments (after the executable) of one conversion; docs/pdfa.md shows them. */
export function ghostscriptArgs(p: { iccPath: string; defFile: string; input: string; output: string; legacyInterpreter: boolean }): string[] {
  return [
    '-q',
    '-dPDFA=2',
    '-dPDFACompatibilityPolicy=1',
    '-sColorConversionStrategy=RGB',
    '-sDEVICE=pdfwrite',
    '-dNOPAUSE',
    '-dBATCH',
    '-dSAFER',
    ...(p.legacyInterpreter ? ['-dNEWPDF=false'] : []),
    '-dAutoRotatePages=/None',
    // Lossless images: no JPEG re-encoding of a seal or a signature, no downsampling.
    '-dAutoFilterColorImages=false',
    '-dColorImageFilter=/FlateEncode',
    '-dAutoFilterGrayImages=false',
    '-dGrayImageFilter=/FlateEncode',
    '-dDownsampleColorImages=false',
    '-dDownsampleGrayImages=false',
    '-dDownsampleMonoImages=false',
    `--permit-file-read=${p.iccPath}`,
    `-sOutputFile=${p.output}`,
    p.defFile,
    p.input,
  ];
}

/** The last lines of a tool's output, on one line, for an error message. */
export function lastLines(s: string, n = 5): string {
  return s.trim().split('\n').slice(-n).join(' | ') || '(no message)';
}
