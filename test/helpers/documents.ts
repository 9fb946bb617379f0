// Helpers for tests that walk the outgoing-document SOPs through the HTTP API.
import { expect } from 'vitest';
import type { DemoIds } from '../../src/server/demo/seedDemo.js';
import { fillDocx } from '../../src/server/templates/fillDocx.js';
import { totpCode } from '../../src/server/auth/totp.js';
import type { Client } from './testApp.js';
import { multipart, type MultipartFile } from './multipart.js';
import type { TestContext } from './testContext.js';

export const DEMO_PASSPHRASE = 'TTE-Demo-2026';

/** What a drafter does in Word: write the body, leave the ${…} fields alone. */
export function editDraft(template: Uint8Array, body: string): Buffer {
  return fillDocx(template, { isi: body }, { keepUnknown: true });
}

export async function downloadTemplate(c: Client, documentTypeId: string, letterheadId: string): Promise<Buffer> {
  const res = await c.get(`/api/v1/templates/download?documentTypeId=${documentTypeId}&letterheadId=${letterheadId}&paper=A4`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  return res.rawPayload;
}

export async function upload(c: Client, url: string, fields: Record<string, string | number>, files: MultipartFile[]) {
  const { body, headers } = multipart(fields, files);
  return c.request('POST', url, body, headers);
}

export async function detail(c: Client, id: string) {
  const res = await c.get(`/api/v1/documents/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Poll the document page until the current version's PDF is ready (the conversion job runs). */
export async function waitForPdf(c: Client, id: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await detail(c, id);
    const current = d.versions.find((v: { current: boolean }) => v.current);
    if (current && ['done', 'not_needed'].includes(current.conversionStatus)) return d;
    if (current?.conversionStatus === 'failed') throw new Error(`conversion failed: ${current.conversionError}`);
    if (Date.now() > deadline) throw new Error(`PDF not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function typeId(c: Client, code: string): Promise<string> {
  const types = (await c.get('/api/v1/document-types')).json() as Array<{ id: string; code: string }>;
  const t = types.find((x) => x.code === code);
  if (!t) throw new Error(`type ${code}`);
  return t.id;
}

export async function letterheadId(c: Client, name: string, unitId?: string): Promise<string> {
  const list = (await c.get(`/api/v1/letterheads${unitId ? `?unitId=${unitId}` : ''}`)).json() as Array<{ id: string; name: string }>;
  const l = list.find((x) => x.name === name);
  if (!l) throw new Error(`letterhead ${name} not in ${list.map((x) => x.name).join(', ')}`);
  return l.id;
}

export function pos(ids: DemoIds, key: string): string {
  const id = ids.positions.get(key);
  if (!id) throw new Error(`position ${key}`);
  return id;
}

/** Act on a document and expect success; returns the document page after the action. */
export async function act(c: Client, id: string, action: string, body: Record<string, unknown>) {
  const res = await c.post(`/api/v1/documents/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  expect(res.json()).toMatchObject({ id, version: expect.any(Number), status: expect.any(String) });
  return detail(c, id);
}

/** TOTP codes are single-use per 30 s step: move the test clock before each login. */
export function nextTotp(ctx: TestContext, secret: string): string {
  ctx.clock.advance(30_000);
  return totpCode(secret, ctx.now());
}

/** A one-page letter PDF (the "finished PDF" draft route). */
export async function simpleLetterPdf(hal: string): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('PEMERINTAH KABUPATEN CONTOH', { x: 180, y: 780, size: 12, font });
  page.drawText(`Hal : ${hal}`, { x: 72, y: 684, size: 11, font });
  return doc.save();
}

/**
 * Register a PDF draft (no conversion wait), upload it and mark number, date and signature:
 * ready to submit. Returns the document id and the registration response when it failed.
 */
export async function pdfDraft(
  c: Client,
  input: { documentTypeId: string; hal: string; verifierPositionIds: string[]; signerPositionId: string; recipients: unknown[]; sifat?: string; classificationCode?: string; submit?: boolean },
): Promise<string> {
  const reg = await c.post('/api/v1/documents', {
    documentTypeId: input.documentTypeId,
    draftKind: 'pdf',
    hal: input.hal,
    sifat: input.sifat ?? 'biasa',
    urgensi: 'biasa',
    classificationCode: input.classificationCode ?? '000.1',
    recipients: input.recipients,
    verifierPositionIds: input.verifierPositionIds,
    signerPositionId: input.signerPositionId,
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const id = reg.json().id as string;
  let d = await detail(c, id);
  const up = await upload(c, `/api/v1/documents/${id}/versions`, { version: d.version, note: 'konsep pertama' }, [{ field: 'file', filename: 'konsep.pdf', content: await simpleLetterPdf(input.hal) }]);
  expect(up.statusCode, up.body).toBe(201);
  d = await detail(c, id);
  const marks = { number: { page: 1, x: 120, y: 700 }, date: { page: 1, x: 400, y: 740 }, signature: { page: 1, x: 320, y: 120, width: 230, height: 72 } };
  const m = await c.patch(`/api/v1/documents/${id}`, { version: d.version, pdfMarks: marks });
  expect(m.statusCode, m.body).toBe(204);
  if (input.submit) await act(c, id, 'submit', { version: (await detail(c, id)).version });
  return id;
}

/** A .docx letter of the Bidang Perumahan (Kabid verifies, Kadis signs, to the Sekda), registered without a file. */
export async function registerPerumahanDocx(c: Client, ids: DemoIds, hal: string): Promise<string> {
  const surat = await typeId(c, 'surat');
  const kop = await letterheadId(c, 'KOP Disperkimta', ids.units.get('perkimta-perumahan'));
  const reg = await c.post('/api/v1/documents', {
    documentTypeId: surat,
    letterheadId: kop,
    draftKind: 'docx',
    hal,
    sifat: 'biasa',
    urgensi: 'biasa',
    classificationCode: '600.2',
    recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'sekda') }],
    verifierPositionIds: [pos(ids, 'kabid-perumahan')],
    signerPositionId: pos(ids, 'kadis-perkimta'),
  });
  expect(reg.statusCode, reg.body).toBe(201);
  return reg.json().id as string;
}
