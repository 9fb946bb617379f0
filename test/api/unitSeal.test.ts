// The office seal (cap dinas): the administrator uploads it for a unit; a letter of that unit
// (here a bidang's letter, which carries its dinas's seal) is signed with the seal left of the
// TTE stamp, a quarter under it, over no text of the letter; bad images and non-administrators
// are refused.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from '@cantoo/pdf-lib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/server/audit/schema.js';
import { users } from '../../src/server/org/schema.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { intersects, readPageTexts, textRect, type Rect } from '../../src/server/signature/pades/signatureSpace.js';
import { verifyPdf } from '../../src/server/signature/verify/verifyPdf.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, downloadTemplate, editDraft, letterheadId, pos, typeId, upload, waitForPdf } from '../helpers/documents.js';
import { multipart } from '../helpers/multipart.js';
import { overlaps, wordBoxes } from '../helpers/pdfText.js';
import { sealPng } from '../helpers/sealImage.js';
import { extractPdfText } from '../../src/server/pdf/extractPdfText.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const seal = sealPng(300);

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of ['admin', 'staf.perumahan', 'kabid.perumahan', 'sekdis.perkimta', 'kadis.perkimta']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

const unit = () => ids.units.get('perkimta')!;
const putSeal = (cl: Client, unitId: string, content: Uint8Array, filename = 'cap.png') => {
  const { body, headers } = multipart({}, [{ field: 'file', filename, content, contentType: 'image/png' }]);
  return cl.request('PUT', `/api/v1/org/units/${unitId}/seal`, body, headers);
};

/** The seal image's rectangle on the page, read from the signature widget's appearance stream. */
async function sealOnPage(pdf: Uint8Array): Promise<{ page: number; seal: Rect; widget: Rect; imageWidth: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  for (const [i, page] of pages.entries()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (let k = 0; k < annots.size(); k++) {
      const a = annots.lookup(k);
      if (!(a instanceof PDFDict) || a.lookup(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
      const ap = a.lookup(PDFName.of('AP'));
      const n = ap instanceof PDFDict ? ap.lookup(PDFName.of('N')) : null;
      if (!(n instanceof PDFRawStream)) continue;
      const xobjects = (n.dict.lookup(PDFName.of('Resources')) as PDFDict | undefined)?.lookup(PDFName.of('XObject'));
      if (!(xobjects instanceof PDFDict)) continue;
      const imgRef = xobjects.get(PDFName.of('CapDinas'));
      const img = imgRef instanceof PDFRef ? doc.context.lookup(imgRef) : null;
      if (!(img instanceof PDFRawStream) || img.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
      const [x1, y1, x2, y2] = (a.lookup(PDFName.of('Rect')) as PDFArray).asArray().map((v) => (v as PDFNumber).asNumber()) as [number, number, number, number];
      const ops = Buffer.from(decodePDFRawStream(n).decode()).toString('latin1');
      const m = /q ([\d.]+) 0 0 ([\d.]+) ([\d.-]+) ([\d.-]+) cm \/CapDinas Do Q/.exec(ops);
      if (!m) throw new Error(`seal not drawn in ${ops.slice(0, 200)}`);
      const [w, h, dx, dy] = m.slice(1).map(Number) as [number, number, number, number];
      return { page: i, seal: { x: x1 + dx, y: y1 + dy, width: w, height: h }, widget: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, imageWidth: (img.dict.lookup(PDFName.of('Width')) as PDFNumber).asNumber() };
    }
  }
  throw new Error('no signature widget with the seal image');
}

describe('the office seal (cap dinas)', () => {
  it('only an administrator may upload, see or remove it; nothing is read before that', async () => {
    const staff = c['staf.perumahan']!;
    expect((await putSeal(staff, unit(), seal)).statusCode).toBe(403);
    expect((await putSeal(staff, unit(), Buffer.from('not an image'))).json().code).toBe('FORBIDDEN');
    expect((await staff.get(`/api/v1/org/units/${unit()}/seal`)).statusCode).toBe(403);
    expect((await staff.request('DELETE', `/api/v1/org/units/${unit()}/seal`)).statusCode).toBe(403);
  });

  it('refuses what is not a PNG or JPEG, and images over the limits, with an Indonesian message', async () => {
    const admin = c['admin']!;
    const gif = await putSeal(admin, unit(), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'cap.png');
    expect(gif.statusCode).toBe(400);
    expect(gif.json()).toMatchObject({ code: 'SEAL_IMAGE_INVALID', message: expect.stringMatching(/PNG.*JPEG/) });
    const big = await putSeal(admin, unit(), Buffer.concat([seal, Buffer.alloc(600 * 1024)]));
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ code: 'SEAL_IMAGE_TOO_LARGE', message: expect.stringContaining('512 KB') });
    expect((await admin.get(`/api/v1/org/units/${unit()}/seal`)).json().code).toBe('SEAL_NOT_FOUND');
  });

  it('the administrator uploads it; the unit page shows it; the image comes back as uploaded', async () => {
    const admin = c['admin']!;
    const res = await putSeal(admin, unit(), seal);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitId: unit(), mime: 'image/png', width: 300, height: 300 });
    const img = await admin.get(`/api/v1/org/units/${unit()}/seal`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(img.rawPayload, seal)).toBe(0);
    expect((await admin.get(`/api/v1/org/units/${unit()}`)).json().seal).toMatchObject({ width: 300, height: 300 });
    const events = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'org.unit_seal_uploaded'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: 'unit', entityId: unit(), at: t.ctx.now() });
  });

  it('a letter of the unit is signed with the seal left of the stamp, partly under it, over no text', async () => {
    const drafter = c['staf.perumahan']!;
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta', ids.units.get('perkimta-perumahan'));
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kop,
      draftKind: 'docx',
      hal: 'Undangan Rapat Koordinasi Perumahan',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '600.2',
      lampiran: '-',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'sekda') }],
      verifierPositionIds: [pos(ids, 'kabid-perumahan'), pos(ids, 'sekdis-perkimta')],
      signerPositionId: pos(ids, 'kadis-perkimta'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const template = await downloadTemplate(drafter, surat, kop);
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'surat.docx', content: editDraft(template, 'Dengan hormat, kami mengundang Saudara pada rapat koordinasi.') }]);
    expect(up.statusCode, up.body).toBe(201);
    let d = await waitForPdf(drafter, id);
    // The preview the verifiers read names the seal in the signature space.
    const current = d.versions.find((v: { current: boolean }) => v.current);
    const preview = await drafter.get(`/api/v1/documents/${id}/files/${current.pdfFileId}`);
    expect((await extractPdfText(preview.rawPayload)).replace(/\s+/g, ' ')).toContain('Tempat tanda tangan elektronik (TTE) dan cap dinas');
    d = await act(drafter, id, 'submit', { version: d.version });
    d = await act(c['kabid.perumahan']!, id, 'approve', { version: d.version });
    d = await act(c['sekdis.perkimta']!, id, 'approve', { version: d.version });
    const kadis = c['kadis.perkimta']!;
    d = await act(kadis, id, 'sign', { version: d.version, passphrase: DEMO_PASSPHRASE });
    expect(d.status).not.toBe('awaiting_signature');
    const res = await kadis.get(`/api/v1/documents/${id}/files/${d.signed.fileId}`);
    expect(res.statusCode).toBe(200);
    const signed = new Uint8Array(res.rawPayload);

    const { page, seal: rect, widget, imageWidth } = await sealOnPage(signed);
    expect(imageWidth).toBe(300);
    // No text of the letter under the seal (pdf.js positions, the placement's own text boxes) …
    const texts = (await readPageTexts(signed))[page]!;
    const under = texts.items.filter((it) => it.str.trim() && intersects(rect, textRect(it)));
    expect(under.map((it) => it.str)).toEqual([]);
    // … nor any word poppler finds (the letter, the footer, the stamp's own text).
    const words = wordBoxes(signed).filter((w) => w.page === page + 1);
    expect(words.filter((w) => overlaps({ ...rect, page: page + 1 }, w)).map((w) => w.text)).toEqual([]);
    // Left of the signature: the seal starts left of the signer's printed name and reaches
    // over its left edge (the stamp is left-aligned with the name), between title and name.
    const [signer] = await t.ctx.database.db.select({ name: users.name }).from(users).where(eq(users.username, 'kadis.perkimta'));
    const firstWord = signer!.name.split(/\s+/)[0]!;
    const nameItem = texts.items.filter((it) => it.str.trim().startsWith(firstWord)).pop();
    expect(nameItem, `signer name ${signer!.name}`).toBeTruthy();
    expect(rect.x).toBeLessThan(nameItem!.x);
    expect(rect.x + rect.width).toBeGreaterThan(nameItem!.x + 0.2 * rect.width);
    expect(rect.y).toBeGreaterThan(nameItem!.y);
    // The widget is the seal plus the stamp to its right; the seal is its left part.
    expect(widget.x).toBeCloseTo(rect.x, 1);
    expect(widget.width).toBeGreaterThan(rect.width + 150);

    // The signature is still one valid signature over the whole letter.
    const report = await verifyPdf(t.ctx, signed);
    expect(report.verdict).toBe('valid');
    expect(report.signatures).toHaveLength(1);
  }, 240_000);

  it('removing it leaves later letters without a seal', async () => {
    const admin = c['admin']!;
    expect((await admin.request('DELETE', `/api/v1/org/units/${unit()}/seal`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/org/units/${unit()}/seal`)).statusCode).toBe(404);
    expect((await admin.request('DELETE', `/api/v1/org/units/${unit()}/seal`)).json().code).toBe('SEAL_NOT_FOUND');
  });
});

