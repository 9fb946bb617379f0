// One converter per process (it owns the warm LibreOffice worker), created on first use or at the
// start of a process that runs jobs (`warmConverter`), and closed with the context.
//
// While it starts (the WASM build takes a minute and more), the conversions waiting for it are
// published in the settings table under converter.readiness.<job worker id>, renewed every
// second: the web process that shows the document page is not the one converting, and tells the
// drafter "Menyiapkan konverter…" with the progress from there (queries.ts reads it).
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { getSetting, setSetting } from '../settings/settings.js';
import { createConverter, readinessOf, type Converter, type ConverterReadiness } from './deps.js';

const converters = new WeakMap<AppContext, Promise<Converter>>();
const boards = new WeakMap<AppContext, WaitBoard>();

/** Start-up times measured on this installation, per converter kind (the next estimate uses them). */
const START_TIMES_KEY = 'converter.startMs';
/** Prefix of the per-process record of conversions waiting for a starting converter. */
export const CONVERTER_WAIT_KEY = 'converter.readiness.';
/** A record not renewed for this long belongs to a process that died. */
export const CONVERTER_WAIT_FRESH_SECONDS = 15;
const RENEW_MS = 1000;

export function converterFor(ctx: AppContext): Promise<Converter> {
  const existing = converters.get(ctx);
  if (existing) return existing;
  const created = (async () => {
    const measured = await getSetting<Partial<Record<Converter['kind'], number>>>(ctx.database.db, START_TIMES_KEY).catch(() => undefined);
    return createConverter(ctx.config.converter, ctx.log, { expectedStartMs: measured ?? {} });
  })();
  converters.set(ctx, created);
  ctx.closers.push(async () => (await created).close());
  return created;
}

/** Use this converter for the context instead of the configured one (embedders, fault-injection tests). */
export function useConverter(ctx: AppContext, converter: Converter): void {
  converters.set(ctx, Promise.resolve(converter));
}

/**
 * Starts the converter now, in the background, so the first .docx preview does not wait for it
 * (CONVERTER_WARMUP, on by default; the `work` hook of processes that run jobs).
 */
export function warmConverter(ctx: AppContext): void {
  if (!ctx.config.converter.warmup) return;
  void (async () => {
    const converter = await converterFor(ctx);
    if (!converter.start) return;
    await converter.start();
    await rememberStartTime(ctx, readinessOf(converter));
  })().catch((err: unknown) => ctx.log.warn({ err }, 'converter warm-up failed; the first conversion starts it again'));
}

async function rememberStartTime(ctx: AppContext, r: ConverterReadiness): Promise<void> {
  if (r.state !== 'ready' || !r.elapsedMs) return;
  const { db } = ctx.database;
  const known = (await getSetting<Partial<Record<Converter['kind'], number>>>(db, START_TIMES_KEY)) ?? {};
  await setSetting(db, START_TIMES_KEY, { ...known, [r.kind]: r.elapsedMs }, ctx.now());
}

/**
 * Runs one conversion of `versionId`. If the converter is not ready yet, the wait is published
 * (and renewed) until the converter is up, so the document page can say so.
 */
export async function convertWhenReady<T>(ctx: AppContext, converter: Converter, versionId: string, convert: () => Promise<T>): Promise<T> {
  if (readinessOf(converter).state === 'ready') return convert();
  let board = boards.get(ctx);
  if (!board || board.converter !== converter) {
    board = new WaitBoard(ctx, converter);
    boards.set(ctx, board);
  }
  return board.track(versionId, convert);
}

/** What this process publishes while conversions wait for its converter. */
export interface ConverterWait {
  kind: Converter['kind'];
  state: ConverterReadiness['state'];
  phase: string | null;
  progress: number;
  elapsedMs: number | null;
  expectedMs: number;
  versions: string[];
}

class WaitBoard {
  private readonly waiting = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private writes: Promise<void> = Promise.resolve();
  private wasReady = false;
  private swept = false;

  constructor(
    private readonly ctx: AppContext,
    readonly converter: Converter,
  ) {}

  private get key(): string {
    return `${CONVERTER_WAIT_KEY}${this.ctx.jobs.workerId}`;
  }

  async track<T>(versionId: string, convert: () => Promise<T>): Promise<T> {
    this.waiting.add(versionId);
    await this.publish(); // before the conversion waits: the next poll of the page already sees it
    if (!this.timer) {
      this.timer = setInterval(() => void this.publish(), RENEW_MS);
      this.timer.unref();
    }
    try {
      return await convert();
    } finally {
      this.waiting.delete(versionId);
      if (!this.waiting.size && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
      await this.publish();
    }
  }

  /** One write at a time, in order: the last one (a delete once nothing waits) wins. */
  private publish(): Promise<void> {
    const next = this.writes.then(() => this.write()).catch((err: unknown) => this.ctx.log.warn({ err }, 'publishing the converter start-up'));
    this.writes = next;
    return next;
  }

  private async write(): Promise<void> {
    const { db } = this.ctx.database;
    const r = readinessOf(this.converter);
    if (r.state === 'ready' && !this.wasReady) {
      this.wasReady = true;
      await rememberStartTime(this.ctx, r);
    }
    if (!this.waiting.size || r.state === 'ready') {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      await db.execute(sql`delete from settings where key = ${this.key}`);
      return;
    }
    if (!this.swept) {
      this.swept = true; // records of processes that died while a conversion waited
      await db.execute(sql`delete from settings where key like ${`${CONVERTER_WAIT_KEY}%`} and updated_at < now() - interval '1 hour'`);
    }
    const value: ConverterWait = { kind: r.kind, state: r.state, phase: r.phase, progress: r.progress, elapsedMs: r.elapsedMs, expectedMs: r.expectedMs, versions: [...this.waiting] };
    await db.execute(sql`insert into settings (key, value, updated_at) values (${this.key}, ${JSON.stringify(value)}::jsonb, now())
      on conflict (key) do update set value = excluded.value, updated_at = now()`);
  }
}
