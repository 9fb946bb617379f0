// Hostile files for the parser-limit tests and the parser-attack bench: an object-stream bomb,
// thousands of pages, an enormous image, and .docx packages with chosen parts.
import zlib from 'node:zlib';
import PizZip from 'pizzip';
import { PDFDocument } from '@cantoo/pdf-lib';

/** A PDF by hand: catalog, one page, and `extra` objects; xref offsets computed. */
export function handPdf(extra: Array<{ dict: string; stream?: Buffer }>, pageResources = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let len = parts[0]!.length;
  const add = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    parts.push(b);
    len += b.length;
  };
  const objs: Array<{ dict: string; stream?: Buffer }> = [{ dict: '<< /Type /Catalog /Pages 2 0 R >>' }, { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' }, { dict: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${pageResources} >>` }, ...extra];
  objs.forEach((o, i) => {
    offsets.push(len);
    if (o.stream) {
      add(`${i + 1} 0 obj\n${o.dict.replace(/>>\s*$/, ` /Length ${o.stream.length} >>`)}\nstream\n`);
      add(o.stream);
      add('\nendstream\nendobj\n');
    } else add(`${i + 1} 0 obj\n${o.dict}\nendobj\n`);
  });
  const xref = len;
  add(`xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** An object stream whose FlateDecode content is `mb` MB once decoded (~1/1000 of that on disk). */
export function objectStreamBomb(mb = 100): Buffer {
  const decoded = Buffer.alloc(mb * 1024 * 1024, 0x20);
  Buffer.from('5 0 ').copy(decoded, 0);
  return handPdf([{ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: zlib.deflateSync(decoded, { level: 9 }) }]);
}

export function hugeImagePdf(): Buffer {
  return handPdf([{ dict: '<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>', stream: zlib.deflateSync(Buffer.alloc(1000)) }], '/Resources << /XObject << /Im1 4 0 R >> >>');
}

export async function manyPages(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

/** A minimal .docx with extra parts (e.g. a padding file that compresses 1000:1). */
export function docx(parts: Record<string, string | Buffer>): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>');
  for (const [name, body] of Object.entries(parts)) zip.file(name, body);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A .docx zip bomb: `mb` MB of zeros in one entry. */
export function docxZipBomb(mb = 200): Buffer {
  return docx({ 'word/media/padding.bin': Buffer.alloc(mb * 1024 * 1024) });
}
