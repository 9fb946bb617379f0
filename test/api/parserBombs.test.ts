// Untrusted files are opened in a worker thread under limits (issue 12): an object-stream bomb,
// a PDF with thousands of pages, an enormous image, a .docx zip bomb, deep XML nesting and an
// XML entity declaration are refused with a clear 4xx, and /api/health keeps answering quickly
// while the bomb is being refused.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { PDFDocument } from '@cantoo/pdf-lib';
import { checkUntrustedDocx, closeUntrustedWorker } from '../../src/server/pdf/untrusted.js';
import { isAppError } from '../../src/server/errors.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { multipart } from '../helpers/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await closeUntrustedWorker();
});

/** A PDF by hand: catalog, one page, and `extra` objects; xref offsets computed. */
function handPdf(extra: Array<{ dict: string; stream?: Buffer }>, pageResources = ''): Buffer {
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

/** An object stream whose FlateDecode content is 100 MB of zeros once decoded (~100 kB on disk). */
function objectStreamBomb(): Buffer {
  const decoded = Buffer.alloc(100 * 1024 * 1024, 0x20);
  Buffer.from('5 0 ').copy(decoded, 0);
  return handPdf([{ dict: '<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>', stream: zlib.deflateSync(decoded, { level: 9 }) }]);
}

function hugeImagePdf(): Buffer {
  return handPdf([{ dict: '<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>', stream: zlib.deflateSync(Buffer.alloc(1000)) }], '/Resources << /XObject << /Im1 4 0 R >> >>');
}

async function manyPages(n: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

function docx(parts: Record<string, string | Buffer>): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>');
  for (const [name, body] of Object.entries(parts)) zip.file(name, body);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, reason: e.details?.reason };
    throw e;
  }
  throw new Error('accepted');
}

/** Sends `bomb` to the public verification page while polling /api/health; returns the answer and the slowest health reply. */
async function underAttack(bomb: Buffer) {
  const latencies: number[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t0 = performance.now();
      const h = await t.app.inject({ method: 'GET', url: '/api/health' });
      latencies.push(performance.now() - t0);
      expect(h.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const m = multipart({}, [{ field: 'file', filename: 'bom.pdf', content: bomb }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/signature/public/verify', payload: m.body, headers: m.headers });
  done = true;
  await poll;
  return { res, worst: Math.max(...latencies), samples: latencies.length };
}

describe('PDF bombs', () => {
  it('an object-stream bomb is refused with 400 while /api/health stays responsive', async () => {
    // Warm the worker so its start-up is not part of the measurement.
    await underAttack(await manyPages(1));
    const { res, worst, samples } = await underAttack(objectStreamBomb());
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PDF_INVALID', details: { reason: 'aliran_terlalu_besar' } });
    expect(res.json().message).toMatch(/terlalu besar setelah dibuka/);
    expect(samples).toBeGreaterThan(0);
    expect(worst).toBeLessThan(250);
  }, 120_000);

  it('a PDF with more pages than the limit, and an enormous image, are refused clearly', async () => {
    const pages = await underAttack(await manyPages(2100));
    expect(pages.res.json()).toMatchObject({ code: 'PDF_INVALID', details: { reason: 'terlalu_banyak_halaman' } });
    expect(pages.worst).toBeLessThan(250);
    const image = await underAttack(hugeImagePdf());
    expect(image.res.statusCode).toBe(400);
    expect(image.res.json()).toMatchObject({ code: 'PDF_INVALID', details: { reason: 'gambar_terlalu_besar' } });
  }, 120_000);
});

describe('.docx bombs', () => {
  it('refuses a zip bomb, deep nesting, a DTD and an enormous image; accepts an ordinary .docx', async () => {
    await expect(checkUntrustedDocx(docx({}))).resolves.toBeUndefined();
    expect(await refusal(checkUntrustedDocx(docx({ 'word/media/padding.bin': Buffer.alloc(20 * 1024 * 1024) })))).toEqual({ code: 'TEMPLATE_INVALID', reason: 'zip_bom' });
    expect(await refusal(checkUntrustedDocx(docx({ 'word/big.bin': Buffer.from(Buffer.alloc(70 * 1024 * 1024, 1).map((_, i) => i % 251)) })))).toEqual({ code: 'TEMPLATE_INVALID', reason: 'zip_terlalu_besar' });
    const deep = `<?xml version="1.0"?><w:document>${'<w:p>'.repeat(5000)}${'</w:p>'.repeat(5000)}</w:document>`;
    expect(await refusal(checkUntrustedDocx(docx({ 'word/document.xml': deep })))).toEqual({ code: 'TEMPLATE_INVALID', reason: 'xml_terlalu_dalam' });
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document>&lol2;</w:document>';
    expect(await refusal(checkUntrustedDocx(docx({ 'word/document.xml': laughs })))).toEqual({ code: 'TEMPLATE_INVALID', reason: 'xml_dtd' });
    const png = Buffer.alloc(33);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png, 0);
    png.writeUInt32BE(60000, 16);
    png.writeUInt32BE(60000, 20);
    expect(await refusal(checkUntrustedDocx(docx({ 'word/media/image1.png': png })))).toEqual({ code: 'TEMPLATE_INVALID', reason: 'gambar_terlalu_besar' });
  }, 120_000);
});
