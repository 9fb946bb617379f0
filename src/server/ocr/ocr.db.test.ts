// The OCR job on a real database and the real ocrmypdf: a run requested in a transaction is
// processed by the queue, keeps a searchable PDF/A, the text and the suggestions, and tells
// its owner; bad files fail at once with their reason; transient failures retry.
import { execFileSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterPdf, rasterise } from '../../../test/helpers/letterScan.js';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { inTransaction } from '../db/tx.js';
import { MIME, readFileBytes, storeFile } from '../files/storeFile.js';
import { getOcrRun, ocrRunView, onOcrFinished, OcrError, requestOcr, useOcrEngine, type OcrEngine, type OcrRun } from './index.js';
import { recogniseScanJob } from './recogniseScan.js';
import { ocrRuns } from './schema.js';

let ctx: TestContext;
const finished: OcrRun[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  onOcrFinished(async (_ctx, tx, run) => {
    // The listener runs inside the recording transaction: it sees the finished row.
    const [row] = await tx.db.select({ status: ocrRuns.status }).from(ocrRuns).where(eq(ocrRuns.id, run.id));
    expect(row!.status).toBe(run.status);
    finished.push(run);
  });
  await ctx.jobs.work(0.5);
});
afterAll(async () => ctx?.close());

async function scanRun(bytes: Uint8Array, name: string, mime: string, owner = 'test_letter'): Promise<string> {
  return inTransaction(ctx.database, async (tx) => {
    const f = await storeFile(ctx, tx.db, { bytes, name, mime, createdBy: null });
    return (await requestOcr(ctx, tx, { sourceFileId: f.id, ownerType: owner, ownerId: f.id })).runId;
  });
}

describe('OCR job', { timeout: 300_000 }, () => {
  it('reads a scanned letter off the event loop and keeps PDF/A, text and suggestions', async () => {
    const runId = await scanRun(rasterise(await letterPdf(), 'png'), 'surat-masuk.png', MIME.png);
    // The HTTP process's event loop stays free while the engine works in child processes.
    let maxLagMs = 0;
    let last = Date.now();
    const probe = setInterval(() => {
      const now = Date.now();
      maxLagMs = Math.max(maxLagMs, now - last - 20);
      last = now;
    }, 20);
    try {
      await ctx.jobs.drain(['ocr.recognise'], 300_000);
    } finally {
      clearInterval(probe);
    }
    const run = await getOcrRun(ctx.database.db, runId);
    expect(run.status).toBe('done');
    expect(run.attempts).toBe(1);
    expect(run.pdfa).toBe(true);
    expect(run.suggestions).toMatchObject({ nomor: '800.1.11.1/427/406.020/2026', tanggal: '2026-10-14', hal: 'Permohonan Pembuatan Akun Surat Elektronik Dinas', sifat: 'Biasa' });
    const out = await readFileBytes(ctx, ctx.database.db, run.outputFileId!);
    expect(out.row.name).toBe('surat-masuk-ocr.pdf');
    expect(execFileSync('pdftotext', ['-', '-'], { input: out.bytes }).toString()).toContain('Permohonan');
    expect(ocrRunView(run, 'id').message).toBe('Teks terbaca. Periksa usulan nomor, tanggal dan hal sebelum menyimpan.');
    expect(finished.map((r) => r.id)).toContain(runId);
    // Stored for search: the full-text index finds the letter by a word of its body.
    const hits = await ctx.database.db
      .select({ id: ocrRuns.id })
      .from(ocrRuns)
      .where(sql`to_tsvector('simple', coalesce(${ocrRuns.text}, '')) @@ plainto_tsquery('simple', 'permohonan akun')`);
    expect(hits.map((h) => h.id)).toContain(runId);
    expect(maxLagMs).toBeLessThan(500);
  });

  it('fails an encrypted PDF and a 0-byte file at once, with the officer-facing reason, without retrying', async () => {
    const dir = ctx.tmpDir;
    const plain = await letterPdf();
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(`${dir}/plain.pdf`, plain);
    execFileSync('qpdf', ['--encrypt', 'rahasia', 'rahasia', '256', '--', `${dir}/plain.pdf`, `${dir}/enc.pdf`]);
    const encryptedRun = await scanRun(readFileSync(`${dir}/enc.pdf`), 'terkunci.pdf', MIME.pdf);
    const emptyRun = await scanRun(new Uint8Array(), 'kosong.pdf', MIME.pdf);
    await ctx.jobs.drain(['ocr.recognise'], 120_000);
    const e = await getOcrRun(ctx.database.db, encryptedRun);
    expect(e).toMatchObject({ status: 'failed', failure: 'encrypted', attempts: 1 });
    expect(ocrRunView(e, 'id').message).toMatch(/dikunci dengan kata sandi/);
    const z = await getOcrRun(ctx.database.db, emptyRun);
    expect(z).toMatchObject({ status: 'failed', failure: 'empty_file', attempts: 1 });
    expect(ocrRunView(z, 'id').message).toBe('Berkas kosong (0 byte). Pindai ulang surat lalu unggah lagi.');
    expect(ocrRunView(z, 'en').message).toMatch(/empty/);
  });

  it('keeps a transient failure queued for the retry and records the final failure after the last one', async () => {
    const runId = await inTransaction(ctx.database, async (tx) => {
      const f = await storeFile(ctx, tx.db, { bytes: Buffer.from('%PDF-1.4 fake'), name: 'x.pdf', mime: MIME.pdf, createdBy: null });
      const [r] = await tx.db.insert(ocrRuns).values({ sourceFileId: f.id }).returning();
      return r!.id;
    });
    const crashing: OcrEngine = { recognise: () => Promise.reject(new OcrError('engine_failed', 'tesseract crashed', true)) };
    useOcrEngine(ctx, crashing);
    {
      await expect(recogniseScanJob(ctx, { runId }, { retryCount: 0 })).rejects.toThrow('tesseract crashed');
      const between = await getOcrRun(ctx.database.db, runId);
      expect(between).toMatchObject({ status: 'queued', failure: 'engine_failed', attempts: 1, finishedAt: null });
      expect(ocrRunView(between, 'id').message).toMatch(/akan mencoba lagi/);
      await recogniseScanJob(ctx, { runId }, { retryCount: 2 });
      const last = await getOcrRun(ctx.database.db, runId);
      expect(last).toMatchObject({ status: 'failed', failure: 'engine_failed', attempts: 2 });
      expect(last.detail).toBe('tesseract crashed');
      expect(ocrRunView(last, 'id').message).not.toMatch(/tesseract/);
    }
  });
});
