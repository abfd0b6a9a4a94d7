/**
 * PNG in and out, with node:zlib only (no native image library): a seal image (transparent PNG) becomes a PDF
 * image XObject (DeviceRGB, Flate) with its alpha as a soft mask (PDF/A-2 allows transparency), and RGBA
 * pixels become a PNG (the test seal, drawn by Chromium's PDF and Ghostscript's pngalpha, needs no writer;
 * tests use it for a blue signature image).
 *
 * Read: 8-bit, non-interlaced, colour types gray, gray+alpha, RGB, RGBA; anything else is refused with a
 * message saying what to upload.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

export type Rgba = { width: number; height: number; rgb: Buffer; alpha: Buffer | undefined };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export class PngError extends Error {}

/** The pixels of a PNG: RGB bytes and, when it has one, its alpha channel. */
export function readPng(png: Buffer): Rgba {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new PngError('không phải tệp PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let type = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  while (at + 8 <= png.length) {
    const len = png.readUInt32BE(at);
    const kind = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      type = data[9]!;
      interlace = data[12]!;
    } else if (kind === 'IDAT') idat.push(data);
    else if (kind === 'IEND') break;
    at += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[type];
  if (depth !== 8 || !channels || interlace !== 0 || width < 1 || height < 1 || width * height > 4096 * 4096)
    throw new PngError('ảnh PNG phải 8 bit mỗi kênh, không xen dòng (interlace), hệ màu xám, RGB hoặc RGBA, tối đa 4096×4096 điểm');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngError('dữ liệu ảnh PNG bị cắt cụt');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels]! : 0;
      const b = up[x]!;
      const c = x >= channels ? up[x - channels]! : 0;
      let v = src[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      row[x] = v & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  const hasAlpha = type === 4 || type === 6;
  const alpha = hasAlpha ? Buffer.alloc(width * height) : undefined;
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    if (channels <= 2) rgb.fill(pixels[p]!, i * 3, i * 3 + 3);
    else pixels.copy(rgb, i * 3, p, p + 3);
    if (alpha) alpha[i] = pixels[p + channels - 1]!;
  }
  return { width, height, rgb, alpha };
}

function chunk(kind: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(kind, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels (row after row) as a PNG. */
export function writePng(width: number, height: number, rgba: Buffer): Buffer {
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The PDF objects of an image: its DeviceRGB stream and its soft mask, both Flate. */
export function imageStreams(img: Rgba): { image: { dict: string; data: Buffer }; mask?: { dict: string; data: Buffer } } {
  const base = `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /BitsPerComponent 8 /Filter /FlateDecode`;
  return {
    image: { dict: `<<${base} /ColorSpace /DeviceRGB>>`, data: deflateSync(img.rgb) },
    ...(img.alpha ? { mask: { dict: `<<${base} /ColorSpace /DeviceGray>>`, data: deflateSync(img.alpha) } } : {}),
  };
}
