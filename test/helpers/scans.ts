// Scans as a records officer's scanner makes them: a PDF with the letter's text, PNG pages and a
// multi-page TIFF, generated here (no binary fixtures).
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

export async function letterPdf(lines: string[], pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    lines.forEach((l, i) => page.drawText(l, { x: 60, y: 780 - i * 18, size: 12, font }));
    if (pages > 1) page.drawText(`Halaman ${p + 1}`, { x: 60, y: 60, size: 10, font });
  }
  return doc.save();
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A grey page with dark "text lines" (8-bit greyscale PNG). */
export function pagePng(width = 200, height = 280, seed = 1): Buffer {
  const raw = Buffer.alloc((width + 1) * height, 0xf0);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    if (y % 14 < 3 && y > 20) for (let x = 20; x < width - 20 - ((y * seed) % 40); x++) raw[y * (width + 1) + 1 + x] = 0x20;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0; // greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** An uncompressed greyscale baseline TIFF with `pages` pages. */
export function multiPageTiff(pages: number, width = 120, height = 160): Buffer {
  const entries = 10;
  const ifdSize = 2 + entries * 12 + 4;
  const pixels = width * height;
  const pageSize = ifdSize + pixels;
  const buf = Buffer.alloc(8 + pages * pageSize);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(8, 4);
  for (let p = 0; p < pages; p++) {
    const ifd = 8 + p * pageSize;
    const data = ifd + ifdSize;
    const tags: Array<[number, number, number, number]> = [
      [256, 3, 1, width],
      [257, 3, 1, height],
      [258, 3, 1, 8],
      [259, 3, 1, 1],
      [262, 3, 1, 1],
      [273, 4, 1, data],
      [277, 3, 1, 1],
      [278, 3, 1, height],
      [279, 4, 1, pixels],
      [284, 3, 1, 1],
    ];
    buf.writeUInt16LE(entries, ifd);
    tags.forEach(([tag, type, count, value], i) => {
      const o = ifd + 2 + i * 12;
      buf.writeUInt16LE(tag, o);
      buf.writeUInt16LE(type, o + 2);
      buf.writeUInt32LE(count, o + 4);
      if (type === 3) buf.writeUInt16LE(value, o + 8);
      else buf.writeUInt32LE(value, o + 8);
    });
    buf.writeUInt32LE(p + 1 < pages ? 8 + (p + 1) * pageSize : 0, ifd + 2 + entries * 12);
    for (let i = 0; i < pixels; i++) buf[data + i] = i % width < 10 || Math.floor(i / width) % 12 < 2 ? 0x30 : 0xee;
  }
  return buf;
}
