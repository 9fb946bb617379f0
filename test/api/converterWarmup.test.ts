// A newcomer's machine without LibreOffice starts the WASM converter for a minute or more: the
// drafter whose .docx waits for it is told so with its progress ("Menyiapkan konverter…"), through
// the database (the web process is not the one converting), and a process that runs jobs starts
// the converter at start-up instead of at the first preview. The converter here is a fake whose
// start-up the test holds and releases.
import { PDFDocument } from '@cantoo/pdf-lib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { useConverter } from '../../src/server/outgoing/converter.js';
import type { Converter } from '../../src/server/conversion/converter.js';
import { StartTracker } from '../../src/server/conversion/readiness.js';
import { startWorkers } from '../../src/server/modules.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { createTestContext } from '../helpers/testContext.js';
import { detail, downloadTemplate, editDraft, letterheadId, registerPerumahanDocx, typeId, upload } from '../helpers/documents.js';

/** A converter whose start-up lasts until `release()`; it reports its readiness like the real ones. */
function heldConverter(expectedMs: number) {
  const tracker = new StartTracker('wasm', expectedMs);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let starting: Promise<void> | null = null;
  let starts = 0;
  const start = () => {
    starting ??= (async () => {
      starts++;
      tracker.begin('engine');
      await released;
      tracker.ready();
    })();
    return starting;
  };
  const converter: Converter = {
    kind: 'wasm',
    start,
    readiness: () => tracker.snapshot(),
    stats: () => ({ conversions: 0, restarts: 0 }),
    close: async () => {},
    async convert() {
      await start();
      const pdf = await PDFDocument.create();
      pdf.addPage();
      return pdf.save();
    },
  };
  return { converter, release, starts: () => starts };
}

let t: TestApp;
let ids: DemoIds;
let drafter: Client;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  drafter = await loginAs(t.app, t.ctx, 'staf.perumahan');
}, 120_000);
afterAll(async () => t?.close());

async function docxDraft(hal: string): Promise<string> {
  const surat = await typeId(drafter, 'surat');
  const kop = await letterheadId(drafter, 'KOP Disperkimta', ids.units.get('perkimta-perumahan'));
  const id = await registerPerumahanDocx(drafter, ids, hal);
  const docx = editDraft(await downloadTemplate(drafter, surat, kop), 'Isi surat uji konverter yang sedang dinyalakan.');
  const up = await upload(drafter, `/api/v1/documents/${id}/versions`, { version: (await detail(drafter, id)).version }, [{ field: 'file', filename: 'konsep.docx', content: docx }]);
  expect(up.statusCode, up.body).toBe(201);
  return id;
}

type Version = { current: boolean; conversionStatus: string; converterStarting: { kind: string; progress: number; elapsedSeconds: number | null; expectedSeconds: number; phase: string | null } | null };

async function current(id: string): Promise<Version> {
  return (await detail(drafter, id)).versions.find((v: Version) => v.current);
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('converter start-up', () => {
  it('a .docx waiting for a starting converter shows "preparing the converter" with progress on its page, then converts', async () => {
    const held = heldConverter(4000);
    useConverter(t.ctx, held.converter);
    await t.ctx.jobs.work(0.5);
    const id = await docxDraft('Uji konverter yang sedang dinyalakan');

    const waiting = await until('the preparing stage', async () => {
      const v = await current(id);
      return v.converterStarting ? v : null;
    });
    expect(waiting.conversionStatus).toBe('running');
    expect(waiting.converterStarting).toMatchObject({ kind: 'wasm', expectedSeconds: 4 });
    expect(waiting.converterStarting!.progress).toBeGreaterThanOrEqual(0);
    expect(waiting.converterStarting!.progress).toBeLessThan(100);

    // The progress grows while the start-up lasts (elapsed against the expected 4 s).
    const later = await until('the progress to grow', async () => {
      const v = await current(id);
      return v.converterStarting && v.converterStarting.progress > waiting.converterStarting!.progress ? v : null;
    }, 10_000);
    expect(later.converterStarting!.progress).toBeLessThan(100);
    expect(later.converterStarting!.phase).toBe('engine');
    // What reaches the page comes from the database (renewed every second), not this process's memory.
    const { rows } = await t.ctx.database.db.execute<{ key: string; value: { state: string; versions: string[] } }>(sql`select key, value from settings where key like 'converter.readiness.%'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value.versions).toHaveLength(1);
    expect(rows[0]!.value.state).toBe('starting');

    held.release();
    const done = await until('the conversion', async () => {
      const v = await current(id);
      return v.conversionStatus === 'done' ? v : null;
    });
    expect(done.converterStarting).toBeNull();
    const left = await t.ctx.database.db.execute(sql`select 1 from settings where key like 'converter.readiness.%'`);
    expect(left.rows).toHaveLength(0);
    // The measured start-up is what the next estimate counts on.
    const times = await t.ctx.database.db.execute<{ value: Record<string, number> }>(sql`select value from settings where key = 'converter.startMs'`);
    expect(times.rows[0]?.value.wasm).toBeGreaterThan(0);
  }, 60_000);

  it('a process that runs jobs starts the converter at start-up (CONVERTER_WARMUP), not at the first preview; off, it waits', async () => {
    for (const warmup of ['true', 'false']) {
      const ctx = await createTestContext({ CONVERTER_WARMUP: warmup });
      try {
        const held = heldConverter(90_000);
        useConverter(ctx, held.converter);
        await startWorkers(ctx);
        if (warmup === 'true') {
          await until('the warm-up', async () => held.starts() === 1);
          expect(held.converter.readiness!()).toMatchObject({ state: 'starting', kind: 'wasm' });
          held.release();
          await until('ready', async () => held.converter.readiness!().state === 'ready');
        } else {
          await new Promise((r) => setTimeout(r, 300));
          expect(held.starts()).toBe(0);
          expect(held.converter.readiness!().state).toBe('idle');
        }
      } finally {
        await ctx.close();
      }
    }
  }, 60_000);
});
