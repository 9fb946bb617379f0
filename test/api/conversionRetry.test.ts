// An unexpected converter failure (crash, timeout) is retried by the queue with back-off: the
// version stays pending with a true message, and the next attempt converts it. A problem in the
// file itself fails at once. (Issue: the old job marked the version failed and the retry exited.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { useConverter } from '../../src/server/outgoing/converter.js';
import { createConverter, type Converter } from '../../src/server/conversion/converter.js';
import { AppError } from '../../src/server/errors.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { detail, downloadTemplate, editDraft, letterheadId, registerPerumahanDocx, typeId, upload } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
let drafter: Client;
const calls: string[] = [];
let failNext: 'crash' | 'bad_file' | null = null;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  const real = await createConverter(t.ctx.config.converter, t.ctx.log);
  t.ctx.closers.push(() => real.close());
  const flaky: Converter = {
    kind: real.kind,
    stats: () => real.stats(),
    close: async () => {},
    async convert(docx, opts) {
      const mode = failNext;
      failNext = null;
      calls.push(mode ?? 'ok');
      if (mode === 'crash') throw new Error('converter worker exited unexpectedly');
      if (mode === 'bad_file') throw new AppError('CONVERSION_FAILED', { reason: 'rusak' });
      return real.convert(docx, opts);
    },
  };
  useConverter(t.ctx, flaky);
  await t.ctx.jobs.work(0.5);
  drafter = await loginAs(t.app, t.ctx, 'staf.perumahan');
}, 120_000);
afterAll(async () => t?.close());

async function registerDraft(hal: string): Promise<string> {
  const id = await registerPerumahanDocx(drafter, ids, hal);
  await t.ctx.jobs.drain(); // the registration's own conversion, if any
  calls.length = 0;
  return id;
}

async function currentVersion(id: string) {
  const d = await detail(drafter, id);
  return d.versions.find((v: { current: boolean }) => v.current) as { conversionStatus: string; conversionError: string | null; pdfFileId?: string | null };
}

describe('draft conversion retry', () => {
  it('a converter crash is retried and the second attempt converts the draft', async () => {
    const id = await registerDraft('Uji konversi yang gagal sekali');
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta');
    const docx = editDraft(await downloadTemplate(drafter, surat, kop), 'Isi surat uji konversi.');
    failNext = 'crash';
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'uji.docx', content: docx }]);
    expect(up.statusCode, up.body).toBe(201);

    // After the first attempt fails the version is still pending, and says so truthfully.
    const deadline = Date.now() + 30_000;
    while (!calls.includes('crash') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(calls[0]).toBe('crash');
    await new Promise((r) => setTimeout(r, 300));
    const between = await currentVersion(id);
    expect(between.conversionStatus).toBe('pending');
    expect(between.conversionError).toMatch(/dicoba lagi otomatis \(percobaan 2 dari 3\)/);

    await t.ctx.jobs.drain(undefined, 60_000);
    expect(calls).toEqual(['crash', 'ok']);
    const after = await currentVersion(id);
    expect(after.conversionStatus).toBe('done');
    expect(after.conversionError).toBeNull();
  }, 90_000);

  it('a problem in the file itself fails at once, without retries', async () => {
    const id = await registerDraft('Uji berkas rusak');
    const surat = await typeId(drafter, 'surat');
    const kop = await letterheadId(drafter, 'KOP Disperkimta');
    const docx = editDraft(await downloadTemplate(drafter, surat, kop), 'Isi surat uji berkas rusak.');
    failNext = 'bad_file';
    const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'rusak.docx', content: docx }]);
    expect(up.statusCode, up.body).toBe(201);
    await t.ctx.jobs.drain(undefined, 30_000);
    expect(calls).toEqual(['bad_file']);
    const v = await currentVersion(id);
    expect(v.conversionStatus).toBe('failed');
    expect(v.conversionError).not.toMatch(/dicoba lagi/);
  }, 60_000);
});
