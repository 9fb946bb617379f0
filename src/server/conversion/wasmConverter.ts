// Fallback converter: LibreOffice compiled to WebAssembly (@matbee/libreoffice-converter), run in
// a child process so a stuck conversion can be killed. Slow to start (tens of seconds) and
// slower per document than native LibreOffice, but needs nothing installed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../errors.js';
import type { ConvertOptions, Converter, ConverterConfig, ConverterStats } from './converter.js';
import './errors.js';
import { groupRssMb } from './libreOfficeConverter.js';
import { prepareDocx } from './prepareDocx.js';

const PKG = '@matbee/libreoffice-converter';

interface WasmEngine {
  convert(input: Uint8Array, options: { outputFormat: 'pdf'; inputFormat: 'docx'; pdf?: { pdfaLevel?: 'PDF/A-2b' } }, filename?: string): Promise<{ data: Uint8Array }>;
  destroy(): Promise<void>;
}

function wasmDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkgJson = require.resolve(`${PKG}/package.json`);
    return path.join(path.dirname(pkgJson), 'wasm');
  } catch {
    return null;
  }
}

/** null when the WASM build is usable, else what is missing. */
export function wasmAvailable(): string | null {
  const dir = wasmDir();
  if (!dir) return `paket ${PKG} tidak terpasang`;
  if (!fs.existsSync(path.join(dir, 'soffice.wasm'))) return `berkas ${path.join(dir, 'soffice.wasm')} tidak ada`;
  return null;
}

class Timeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`${what} exceeded ${ms} ms`)), ms);
    }),
  ]);
}

export class WasmConverter implements Converter {
  readonly kind = 'wasm' as const;
  private readonly cfg: ConverterConfig;
  private readonly log: Logger;
  private engine: Promise<WasmEngine> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private sinceStart = 0;
  /** RSS after the first conversion: the WASM heap alone is ~1 GB, so the limit applies to growth. */
  private baselineRssMb: number | undefined;
  private closed = false;
  private readonly counters: ConverterStats = { conversions: 0, restarts: 0 };
  /** WASM start-up is slow (5-90 s on two cores); it gets its own, longer limit. */
  private readonly startTimeoutMs: number;

  constructor(cfg: ConverterConfig, log: Logger, opts: { startTimeoutMs?: number } = {}) {
    this.cfg = cfg;
    this.log = log;
    this.startTimeoutMs = opts.startTimeoutMs ?? Math.max(240_000, cfg.timeoutMs);
  }

  stats(): ConverterStats {
    return { ...this.counters };
  }

  async start(): Promise<void> {
    await this.enqueue(() => this.ensureEngine());
  }

  convert(docx: Uint8Array, opts: ConvertOptions = {}): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new AppError('CONVERTER_UNAVAILABLE', { reason: 'closed' }));
    let prepared: Uint8Array;
    try {
      prepared = prepareDocx(docx);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue(() => this.run(prepared, opts));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([this.chain.catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.destroyEngine();
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private async ensureEngine(): Promise<WasmEngine> {
    if (!this.engine) {
      const dir = wasmDir();
      const started = Date.now();
      const boot = (async () => {
        const mod = (await import(`${PKG}/server`)) as unknown as {
          createSubprocessConverter(o: Record<string, unknown>): Promise<WasmEngine>;
        };
        const engine = await mod.createSubprocessConverter({ wasmPath: dir, maxInitRetries: 1, maxConversionRetries: 0 });
        this.log.info({ ms: Date.now() - started }, 'LibreOffice WASM ready');
        this.sinceStart = 0;
        return engine;
      })();
      this.engine = boot;
      boot.catch(() => {
        if (this.engine === boot) this.engine = null;
      });
    }
    try {
      return await withTimeout(this.engine, this.startTimeoutMs, 'WASM start-up');
    } catch (e) {
      await this.destroyEngine();
      throw new AppError(
        'CONVERTER_UNAVAILABLE',
        { reason: 'start_failed', cause: String((e as Error).message ?? e) },
        { id: 'Konverter dokumen (WASM) gagal dijalankan. Hubungi admin.', en: `WASM converter failed to start: ${(e as Error).message ?? e}` },
      );
    }
  }

  private childPid(engine: WasmEngine): number | undefined {
    return (engine as unknown as { child?: { pid?: number } }).child?.pid;
  }

  private async destroyEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    if (!engine) return;
    const e = await engine.catch(() => null);
    if (!e) return;
    const pid = this.childPid(e);
    await withTimeout(e.destroy(), 5000, 'WASM destroy').catch(() => {});
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  private async restart(reason: string): Promise<void> {
    this.counters.restarts++;
    this.counters.lastRestartReason = reason;
    this.log.info({ reason }, 'restarting LibreOffice WASM');
    await this.destroyEngine();
  }

  private async run(docx: Uint8Array, opts: ConvertOptions): Promise<Uint8Array> {
    const engine = await this.ensureEngine();
    const timeoutMs = opts.timeoutMs ?? this.cfg.timeoutMs;
    try {
      const result = await withTimeout(
        engine.convert(docx, { outputFormat: 'pdf', inputFormat: 'docx', ...(opts.pdfa === false ? {} : { pdf: { pdfaLevel: 'PDF/A-2b' } }) }, 'naskah.docx'),
        timeoutMs,
        'WASM conversion',
      );
      const pdf = result.data;
      if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new Error('no PDF produced');
      this.counters.conversions++;
      this.sinceStart++;
      const pid = this.childPid(engine);
      const rss = pid ? groupRssMb(pid) : undefined;
      if (this.sinceStart === 1) this.baselineRssMb = rss;
      if (this.sinceStart >= this.cfg.restartEvery) await this.restart('restartEvery');
      else if (rss !== undefined && this.baselineRssMb !== undefined && rss - this.baselineRssMb > this.cfg.maxRssMb) await this.restart('rss');
      return pdf;
    } catch (e) {
      if (e instanceof Timeout) {
        await this.restart('timeout');
        throw new AppError('CONVERSION_TIMEOUT', { timeoutMs });
      }
      if (isAppError(e)) throw e;
      await this.restart('crash');
      throw new AppError('CONVERSION_FAILED', { reason: 'wasm', detail: String((e as Error).message ?? e) });
    }
  }
}
