// Untrusted files are opened in a worker thread under limits (issue 12): an object-stream bomb,
// a PDF with thousands of pages, an enormous image, a .docx zip bomb, deep XML nesting and an
// XML entity declaration are refused with a clear 4xx, and /api/health keeps answering quickly
// while the bomb is being refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUntrustedDocx, closeUntrustedWorker } from '../../src/server/pdf/untrusted.js';
import { isAppError } from '../../src/server/errors.js';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { multipart } from '../helpers/multipart.js';
import { docx, hugeImagePdf, manyPages, objectStreamBomb } from '../helpers/bombs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await closeUntrustedWorker();
});

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
