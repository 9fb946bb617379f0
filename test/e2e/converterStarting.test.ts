// A drafter uploads his .docx while the converter is still starting (a fresh machine: the WASM
// build takes a minute and more): the document page says "Menyiapkan konverter…" with a progress
// bar instead of a silent spinner, and shows the PDF once the converter is up. The converter is
// a fake whose start-up the test holds (warm-up off, so the real one is never started).
import { sql } from 'drizzle-orm';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { pdfShown } from './helpers/naskahUi.js';
import { loginAs } from '../helpers/testApp.js';
import type { TestContext } from '../helpers/testContext.js';
import { detail, downloadTemplate, editDraft, letterheadId, typeId, upload } from '../helpers/documents.js';
import { useConverter } from '../../src/server/outgoing/converter.js';
import { StartTracker } from '../../src/server/conversion/readiness.js';
import type { Converter } from '../../src/server/conversion/converter.js';

const e2e = setupE2E({ env: { CONVERTER_WARMUP: 'false' } });
const HAL = 'Permohonan data rumah tidak layak huni';

async function positionId(name: string): Promise<string> {
  const rows = (await e2e.server.ctx.database.db.execute(sql`select id::text as id from positions where name = ${name}`)).rows as Array<{ id: string }>;
  if (rows.length !== 1) throw new Error(`position ${name}: ${rows.length}`);
  return rows[0]!.id;
}

describe('converter start-up on the document page', () => {
  it('shows "Menyiapkan konverter…" with progress while the converter starts, then the PDF', async () => {
    const tracker = new StartTracker('wasm', 60_000);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const start = async () => {
      tracker.begin('engine');
      await released;
      tracker.ready();
    };
    const held: Converter = {
      kind: 'wasm',
      start,
      readiness: () => tracker.snapshot(),
      stats: () => ({ conversions: 0, restarts: 0 }),
      close: async () => {},
      async convert() {
        await start();
        const pdf = await PDFDocument.create();
        const p = pdf.addPage();
        p.drawText('Naskah siap', { x: 72, y: 720, size: 14 });
        p.drawRectangle({ x: 72, y: 500, width: 400, height: 150, color: rgb(0, 0, 0) }); // ink pdfShown can see
        return pdf.save();
      },
    };
    useConverter(e2e.server.ctx, held);

    const ctx = e2e.server.ctx as unknown as TestContext;
    const drafter = await loginAs(e2e.server.app, ctx, 'staf.perumahan');
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta');
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: surat,
      letterheadId: kop,
      draftKind: 'docx',
      hal: HAL,
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '600.2',
      recipients: [{ role: 'to', kind: 'position', positionId: await positionId('Sekretaris Dinas Perumahan, Kawasan Permukiman dan Pertanahan') }],
      verifierPositionIds: [await positionId('Kepala Bidang Perumahan')],
      signerPositionId: await positionId('Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const docx = editDraft(await downloadTemplate(drafter, surat, kop), 'Mohon data rumah tidak layak huni per kecamatan.');
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'konsep.docx', content: docx }]);
    expect(up.statusCode, up.body).toBe(201);

    const page = await e2e.newPage();
    await e2e.signIn(page, 'staf.perumahan', { path: `/naskah/${id}` });
    const starting = page.getByTestId('converter-starting');
    await starting.waitFor({ timeout: 30_000 });
    expect(await starting.innerText()).toContain('Menyiapkan konverter…');
    expect(await starting.innerText()).toMatch(/sekitar 60 detik/);
    await expect(page.getByTestId('conversion-pending').count()).resolves.toBe(0);
    await e2e.screenshot(page, 'converter-starting');

    release();
    await starting.waitFor({ state: 'detached', timeout: 30_000 });
    await pdfShown(page.getByTestId('preview'));
  });
});
