/**
 * A minimal ZIP writer for DOCX packages (PKWARE APPNOTE 6.3: local headers, central directory, end record;
 * DEFLATE or STORE; no ZIP64: a DOCX here is far below 4 GiB).
 *
 * Why not pizzip's generate: it deflates every part in JavaScript (pako) on every render, the static parts
 * (styles, settings, fonts table, relationships) included. Here a static part is compressed once, when the
 * template is assembled, and a rendered part is compressed by zlib, natively.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipEntry = {
  name: Buffer;
  crc: number;
  size: number;
  /** The bytes as stored: deflated (method 8) or as is (method 0). */
  data: Buffer;
  method: 0 | 8;
};

/** Compresses one part. Tiny parts are stored: deflate would not make them smaller. */
export function zipEntry(name: string, content: Uint8Array, level = 6): ZipEntry {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const deflated = bytes.length > 64 ? deflateRawSync(bytes, { level }) : undefined;
  const useDeflate = deflated !== undefined && deflated.length < bytes.length;
  return {
    name: Buffer.from(name, 'utf8'),
    crc: crc32(bytes) >>> 0,
    size: bytes.length,
    data: useDeflate ? deflated : bytes,
    method: useDeflate ? 8 : 0,
  };
}

/** MS-DOS date and time fields of a local time (2-second resolution, years 1980 to 2107). */
function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(2107, Math.max(1980, d.getFullYear()));
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

const UTF8_FLAG = 0x0800;

/** Writes the entries, in order, into one ZIP archive. */
export function writeZip(entries: ZipEntry[], when = new Date()): Buffer {
  const { date, time } = dosDateTime(when);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, e.name, e.data);

    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(UTF8_FLAG, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(time, 12);
    c.writeUInt16LE(date, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk number, internal and external attributes: 0
    c.writeUInt32LE(offset, 42);
    central.push(c, e.name);

    offset += 30 + e.name.length + e.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
