// Fallback converter: LibreOffice compiled to WebAssembly (@matbee/libreoffice-converter), run in
// a child process so a stuck conversion can be killed. Slower to start and per document than
// native LibreOffice, but needs nothing installed.
//
// Known flaw of the WASM build (2.7.2): its Emscripten pthread pool is fixed at 4 workers, and
// the first document an engine loads often (about 2 runs in 3 here) never finishes: LibreOffice
// starts another thread while the main thread waits for it, and a new pthread worker needs that
// main thread (a deadlock; every thread idle). We run the package from a private copy of its
// two small loader files with the pool raised to WASM_PTHREAD_POOL (the 240 MB binaries are
// symlinked); in our runs that removed the hangs. As a second line of defence start-up includes
// a tiny warm-up conversion under a short limit, retried on a fresh engine, and a conversion
// that times out is retried once on a fresh engine.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../errors.js';
import type { ConvertOptions, Converter, ConverterConfig, ConverterReadiness, ConverterStats } from './types.js';
import { warmupDocx } from './libreOfficeConverter.js';
import { StartTracker, TYPICAL_START_MS } from './readiness.js';
import { prepareDocx } from './prepareDocx.js';

const PKG = '@matbee/libreoffice-converter';
const WASM_PTHREAD_POOL = 16;

interface WasmEngine {
  convert(input: Uint8Array, options: { outputFormat: 'pdf'; inputFormat: 'docx'; pdf?: { pdfaLevel?: 'PDF/A-2b' } }, filename?: string): Promise<{ data: Uint8Array }>;
  destroy(): Promise<void>;
}

function packageDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve(`${PKG}/package.json`));
  } catch {
    return null;
  }
}

function wasmDir(): string | null {
  const dir = packageDir();
  return dir ? path.join(dir, 'wasm') : null;
}

interface EngineFiles {
  wasmPath: string;
  /** The package's subprocess worker script (patched copy), or undefined for the package's own. */
  workerPath?: string;
}

let patchedFiles: EngineFiles | null | undefined;

/**
 * A private copy of the package's subprocess worker and WASM loader with a larger pthread pool
 * (see the file comment), under the system temp dir, made once per package version. Returns
 * null (use the package as installed) when the package no longer looks as expected.
 */
export function patchedEngineFiles(log?: Logger): EngineFiles | null {
  if (patchedFiles !== undefined) return patchedFiles;
  patchedFiles = null;
  const pkg = packageDir();
  if (!pkg) return null;
  try {
    const version = (JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
    const source = fs.readFileSync(path.join(pkg, 'wasm', 'soffice.cjs'), 'utf8');
    const marker = 'var pthreadPoolSize=4;';
    if (!source.includes(marker)) {
      log?.warn('LibreOffice WASM: pthread pool setting not found; using the package as installed');
      return null;
    }
    const root = path.join(os.tmpdir(), `naskah-wasm-${version}-pool${WASM_PTHREAD_POOL}-${process.getuid?.() ?? 0}`);
    const files: EngineFiles = { wasmPath: path.join(root, 'wasm'), workerPath: path.join(root, 'dist', 'subprocess.worker.cjs') };
    if (fs.existsSync(path.join(root, 'ready'))) return (patchedFiles = files);
    const build = `${root}.${process.pid}.tmp`;
    fs.rmSync(build, { recursive: true, force: true });
    fs.mkdirSync(path.join(build, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(build, 'wasm'));
    fs.copyFileSync(path.join(pkg, 'dist', 'subprocess.worker.cjs'), path.join(build, 'dist', 'subprocess.worker.cjs'));
    fs.copyFileSync(path.join(pkg, 'wasm', 'loader.cjs'), path.join(build, 'wasm', 'loader.cjs'));
    fs.writeFileSync(path.join(build, 'wasm', 'soffice.cjs'), source.replace(marker, `var pthreadPoolSize=${WASM_PTHREAD_POOL};`));
    for (const name of fs.readdirSync(path.join(pkg, 'wasm'))) {
      if (name === 'soffice.cjs' || name === 'loader.cjs') continue;
      fs.symlinkSync(path.join(pkg, 'wasm', name), path.join(build, 'wasm', name));
    }
    fs.writeFileSync(path.join(build, 'ready'), version);
    try {
      fs.renameSync(build, root);
    } catch {
      fs.rmSync(build, { recursive: true, force: true }); // another process won the race
    }
    return (patchedFiles = fs.existsSync(path.join(root, 'ready')) ? files : null);
  } catch (e) {
    log?.warn({ err: (e as Error).message }, 'LibreOffice WASM: cannot prepare the patched loader; using the package as installed');
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

/** Resident memory of one process in MB (Linux), undefined elsewhere or when it is gone. */
function processRssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const START_ATTEMPTS = 4;

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
  /** The engine being booted (before its warm-up finished), so a failed boot can be killed. */
  private pendingEngine: WasmEngine | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private sinceStart = 0;
  /** RSS after the first conversion: the WASM heap alone is ~1 GB, so the limit applies to growth. */
  private baselineRssMb: number | undefined;
  private closed = false;
  private readonly counters: ConverterStats = { conversions: 0, restarts: 0 };
  /** WASM start-up is slow (3-90 s on two busy cores); it gets its own, longer limit. */
  private readonly startTimeoutMs: number;
  /** The warm-up document converts in 1-5 s; longer means the engine hung. */
  private readonly warmupTimeoutMs: number;
  private readonly tracker: StartTracker;

  constructor(cfg: ConverterConfig, log: Logger, opts: { startTimeoutMs?: number; warmupTimeoutMs?: number; expectedStartMs?: number } = {}) {
    this.cfg = cfg;
    this.log = log;
    this.startTimeoutMs = opts.startTimeoutMs ?? Math.max(180_000, cfg.timeoutMs);
    this.warmupTimeoutMs = opts.warmupTimeoutMs ?? 30_000;
    this.tracker = new StartTracker('wasm', opts.expectedStartMs ?? TYPICAL_START_MS.wasm);
  }

  stats(): ConverterStats {
    return { ...this.counters };
  }

  readiness(): ConverterReadiness {
    return this.tracker.snapshot();
  }

  /** The forked worker that holds the WASM heap (its pthreads are threads of it). */
  processIds(): number[] {
    const e = this.pendingEngine;
    const pid = e ? this.childPid(e) : undefined;
    return pid ? [pid] : [];
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
    let lastError: unknown;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      if (this.closed) break;
      try {
        return await this.bootEngine();
      } catch (e) {
        lastError = e;
        this.log.warn({ err: (e as Error).message, attempt }, 'LibreOffice WASM start-up failed; retrying on a fresh engine');
        await this.destroyEngine();
        if (attempt + 1 < START_ATTEMPTS) this.noteRestart('start_failed');
      }
    }
    this.tracker.failed(lastError ?? 'closed');
    throw new AppError(
      'CONVERTER_UNAVAILABLE',
      { reason: 'start_failed', cause: String((lastError as Error)?.message ?? lastError) },
      { id: 'Konverter dokumen (WASM) gagal dijalankan. Hubungi admin.', en: `WASM converter failed to start: ${(lastError as Error)?.message ?? lastError}` },
    );
  }

  /** Engine up and past its first (warm-up) document. */
  private bootEngine(): Promise<WasmEngine> {
    if (!this.engine) {
      this.tracker.begin('engine');
      const files = patchedEngineFiles(this.log) ?? { wasmPath: wasmDir()! };
      const started = Date.now();
      const boot = (async () => {
        const mod = (await import(`${PKG}/server`)) as unknown as {
          SubprocessConverter: new (o: Record<string, unknown>) => WasmEngine & { initialize(): Promise<void> };
        };
        const engine = new mod.SubprocessConverter({ wasmPath: files.wasmPath, maxInitRetries: 1, maxConversionRetries: 0 });
        // The package has no option for the worker script; its (private) field is read at spawn.
        if (files.workerPath) (engine as unknown as { workerPath: string }).workerPath = files.workerPath;
        this.pendingEngine = engine;
        await withTimeout(engine.initialize(), this.startTimeoutMs, 'WASM start-up');
        this.tracker.enter('warmup');
        await withTimeout(engine.convert(warmupDocx(), { outputFormat: 'pdf', inputFormat: 'docx' }, 'warmup.docx'), this.warmupTimeoutMs, 'WASM warm-up conversion');
        this.log.info({ ms: Date.now() - started }, 'LibreOffice WASM ready');
        this.tracker.ready();
        this.sinceStart = 0;
        this.baselineRssMb = undefined;
        return engine;
      })();
      this.engine = boot;
      boot.catch(() => {});
    }
    return this.engine;
  }

  private childPid(engine: WasmEngine): number | undefined {
    return (engine as unknown as { child?: { pid?: number } }).child?.pid;
  }

  private async destroyEngine(): Promise<void> {
    const engine = this.engine;
    const pending = this.pendingEngine;
    this.engine = null;
    this.pendingEngine = null;
    if (!engine && !pending) return;
    const e = (engine ? await engine.catch(() => null) : null) ?? pending;
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

  private noteRestart(reason: string): void {
    this.counters.restarts++;
    this.counters.lastRestartReason = reason;
    this.log.info({ reason }, 'restarting LibreOffice WASM');
  }

  private async restart(reason: string): Promise<void> {
    this.noteRestart(reason);
    await this.destroyEngine();
  }

  private async run(docx: Uint8Array, opts: ConvertOptions, attempt = 0): Promise<Uint8Array> {
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
      const rss = pid ? processRssMb(pid) : undefined;
      if (this.sinceStart === 1) this.baselineRssMb = rss;
      if (this.sinceStart >= this.cfg.restartEvery) await this.restart('restartEvery');
      else if (rss !== undefined && this.baselineRssMb !== undefined && rss - this.baselineRssMb > this.cfg.maxRssMb) await this.restart('rss');
      return pdf;
    } catch (e) {
      if (e instanceof Timeout) {
        await this.restart('timeout');
        if (attempt === 0) return this.run(docx, opts, 1);
        throw new AppError('CONVERSION_TIMEOUT', { timeoutMs });
      }
      if (isAppError(e)) throw e;
      // A document LibreOffice cannot read fails without harming the engine; a dead child is a crash.
      const child = (engine as unknown as { child?: { exitCode: number | null; signalCode: string | null } | null }).child;
      if (!child || child.exitCode !== null || child.signalCode !== null) await this.restart('crash');
      throw new AppError('CONVERSION_FAILED', { reason: 'dokumen_tidak_terbaca', detail: String((e as Error).message ?? e) });
    }
  }
}
