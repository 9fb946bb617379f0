// Native LibreOffice kept warm by a long-lived Python UNO worker (uno_worker.py).
//
// One soffice per converter, one document at a time (calls queue). The worker runs in its own
// process group, so a job that exceeds its time limit is ended by killing the whole group
// (python + soffice) and a fresh worker starts; the same happens after a crash, every
// `restartEvery` conversions and when soffice's memory passes `maxRssMb`. Planned restarts start
// the next worker at once, so the following job still finds a warm engine.
//
// Start-up is lazy (first conversion) unless start() is called (createConverter's `warm`).
// close() stops the worker and removes its temporary profile; nothing is left running.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { packageRoot } from '../paths.js';
import type { ConvertOptions, Converter, ConverterConfig, ConverterReadiness, ConverterStats } from './types.js';
import { prepareDocx } from './prepareDocx.js';
import { StartTracker, TYPICAL_START_MS } from './readiness.js';

interface WorkerMessage {
  id?: number;
  event?: 'ready' | 'error';
  ok?: boolean;
  kind?: 'input' | 'bridge';
  message?: string;
  ms?: number;
  pid?: number;
}

class WorkerTimeout extends Error {}
class WorkerGone extends Error {}

/** uno_worker.py beside this module (tsx, tests) or in the package's src/ (compiled dist/). */
export function unoWorkerScript(): string {
  const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'uno_worker.py');
  if (fs.existsSync(here)) return here;
  return path.join(packageRoot, 'src', 'server', 'conversion', 'uno_worker.py');
}

// Profile settings: no auto-recovery or backups, no lock files, no update checks; a worker
// that is killed mid-job must leave nothing that slows or blocks the next start.
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Recovery/AutoSave"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Recovery/RecoveryInfo"><prop oor:name="Enabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document"><prop oor:name="CreateBackup" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
</oor:items>
`;

/** A one-paragraph .docx converted at start-up so the first real job finds the filters loaded. */
export function warmupDocx(): Buffer {
  const zip = new PizZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr><w:t>Naskah siap.</w:t></w:r></w:p></w:body></w:document>',
  );
  return zip.generate({ type: 'nodebuffer' });
}

/** Pids in a process group (Linux), for tests and diagnostics. */
export function groupPids(pgid: number): number[] {
  if (process.platform !== 'linux') return [];
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

interface WorkerSpec {
  python: string;
  script: string;
  soffice: string;
  profile: string;
  warmup: string;
  /** LibreOffice's own temporary files go here (removed with the converter's work dir). */
  tmpDir: string;
  startTimeoutMs: number;
}

/** The named pipe soffice creates for --accept=pipe (sal/osl: always under /tmp). */
function pipePath(name: string): string {
  return path.join('/tmp', `OSL_PIPE_${process.getuid?.() ?? 0}_${name}`);
}

/** One python UNO worker process (and the soffice it owns), in its own process group. */
class UnoWorker {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  sofficePid: number | undefined;
  exited = false;
  private readonly exit: Promise<void>;
  private readonly pending = new Map<number, { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }>();
  private readonly stderrTail: string[] = [];

  constructor(spec: WorkerSpec, log: Logger) {
    const pipe = `naskah-${process.pid}-${randomBytes(6).toString('hex')}`;
    const args = {
      soffice: spec.soffice,
      profile: spec.profile,
      pipe,
      warmup: spec.warmup,
      startTimeoutSec: Math.ceil(spec.startTimeoutMs / 1000),
    };
    this.proc = spawn(spec.python, [spec.script, JSON.stringify(args)], {
      detached: true, // own process group: a timeout kills python and soffice together
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp', PYTHONUNBUFFERED: '1', TMPDIR: spec.tmpDir },
    });
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    this.ready = new Promise<void>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.ready.catch(() => {});
    const startTimer = setTimeout(() => {
      readyReject(new WorkerGone(`LibreOffice did not start within ${spec.startTimeoutMs} ms`));
      this.kill();
    }, spec.startTimeoutMs);

    readline.createInterface({ input: this.proc.stdout! }).on('line', (line) => {
      let msg: WorkerMessage;
      try {
        msg = JSON.parse(line) as WorkerMessage;
      } catch {
        log.debug({ line }, 'uno worker: unexpected output');
        return;
      }
      if (msg.event === 'ready') {
        clearTimeout(startTimer);
        this.sofficePid = msg.pid;
        log.debug({ ms: msg.ms, pid: msg.pid }, 'LibreOffice ready');
        readyResolve();
      } else if (msg.event === 'error') {
        clearTimeout(startTimer);
        readyReject(new WorkerGone(msg.message ?? 'worker error'));
      } else if (typeof msg.id === 'number') {
        this.pending.get(msg.id)?.resolve(msg);
        this.pending.delete(msg.id);
      }
    });
    readline.createInterface({ input: this.proc.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 30) this.stderrTail.shift();
      log.trace({ line }, 'soffice');
    });
    this.exit = new Promise<void>((resolve) => {
      this.proc.once('exit', (code, signal) => {
        this.exited = true;
        clearTimeout(startTimer);
        const err = new WorkerGone(`LibreOffice worker exited (code ${code}, signal ${signal})`);
        readyReject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.killGroup(); // soffice may outlive a killed python
        fs.rmSync(pipePath(pipe), { force: true }); // left behind when soffice is killed
        resolve();
      });
      this.proc.once('error', (e) => {
        readyReject(new WorkerGone(`cannot run ${spec.python}: ${e.message}`));
        this.exited = true;
        resolve();
      });
    });
    this.idle();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private officePids: number[] = [];

  /** soffice's resident memory (MB); the group is scanned once, then only its pids are read. */
  rssMb(): number | undefined {
    const pgid = this.proc.pid;
    if (!pgid || this.exited || process.platform !== 'linux') return undefined;
    const read = (pid: number): number | undefined => {
      try {
        const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : 0;
      } catch {
        return undefined; // gone
      }
    };
    let values = this.officePids.map(read);
    if (!this.officePids.length || values.some((v) => v === undefined)) {
      this.officePids = groupPids(pgid).filter((pid) => pid !== pgid);
      values = this.officePids.map(read);
    }
    const known = values.filter((v): v is number => v !== undefined);
    return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
  }

  lastStderr(): string {
    return this.stderrTail.slice(-8).join('\n');
  }

  /** Keeps the Node event loop alive only while a request is in flight. */
  private busy(): void {
    this.proc.ref();
    (this.proc.stdout as unknown as { ref?: () => void }).ref?.();
  }

  private idle(): void {
    this.proc.unref();
    for (const s of [this.proc.stdout, this.proc.stderr, this.proc.stdin]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  request(req: { id: number; input: string; output: string; pdfa: boolean }, timeoutMs: number): Promise<WorkerMessage> {
    if (this.exited) return Promise.reject(new WorkerGone('worker not running'));
    this.busy();
    return new Promise<WorkerMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(req.id);
        reject(new WorkerTimeout(`conversion exceeded ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        if (!this.pending.size) this.idle();
      };
      this.pending.set(req.id, {
        resolve: (m) => {
          done();
          resolve(m);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      this.proc.stdin!.write(`${JSON.stringify(req)}\n`);
    });
  }

  killGroup(): void {
    if (!this.proc.pid) return;
    try {
      process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  kill(): Promise<void> {
    this.killGroup();
    return this.exit;
  }

  /** Asks soffice to terminate cleanly; kills the group if that takes longer than `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (!this.exited) {
      try {
        this.proc.stdin!.write('{"cmd":"quit"}\n');
        this.proc.stdin!.end();
      } catch {
        // pipe already closed
      }
      const timer = setTimeout(() => this.killGroup(), graceMs);
      await this.exit;
      clearTimeout(timer);
    }
    this.killGroup();
  }
}

export interface LibreOfficeConverterOptions {
  /** Path of uno_worker.py (default: found beside this module). */
  script?: string;
  startTimeoutMs?: number;
  /** Where the temporary profile and job files go (default: os.tmpdir()). */
  tmpDir?: string;
  /** The start-up time the progress estimate counts on (default: a typical figure). */
  expectedStartMs?: number;
}

export class LibreOfficeConverter implements Converter {
  readonly kind = 'libreoffice' as const;
  private readonly cfg: ConverterConfig & { sofficePath: string };
  private readonly log: Logger;
  private readonly opts: LibreOfficeConverterOptions;
  private worker: UnoWorker | null = null;
  private starting: Promise<UnoWorker> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private workDir: string | null = null;
  private seq = 0;
  private sinceStart = 0;
  private closed = false;
  private readonly counters: ConverterStats = { conversions: 0, restarts: 0 };
  private readonly tracker: StartTracker;

  constructor(cfg: ConverterConfig & { sofficePath: string }, log: Logger, opts: LibreOfficeConverterOptions = {}) {
    this.cfg = cfg;
    this.log = log;
    this.opts = opts;
    this.tracker = new StartTracker('libreoffice', opts.expectedStartMs ?? TYPICAL_START_MS.libreoffice);
  }

  stats(): ConverterStats {
    return { ...this.counters };
  }

  readiness(): ConverterReadiness {
    return this.tracker.snapshot();
  }

  /** The worker's process group: python and the soffice it started. */
  processIds(): number[] {
    const w = this.worker;
    if (!w || w.exited || !w.pid) return [];
    const group = groupPids(w.pid);
    return group.length ? group : [w.pid];
  }

  /** Worker and soffice pids and soffice memory, for diagnostics and tests. */
  processInfo(): { workerPid?: number; sofficePid?: number; rssMb?: number } {
    const w = this.worker;
    if (!w || w.exited || !w.pid) return {};
    return { workerPid: w.pid, sofficePid: w.sofficePid, rssMb: w.rssMb() };
  }

  /** Starts LibreOffice now (otherwise the first conversion does). */
  async start(): Promise<void> {
    await this.enqueue(() => this.ensureWorker());
  }

  convert(docx: Uint8Array, opts: ConvertOptions = {}): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(this.closedError());
    let prepared: Uint8Array;
    try {
      prepared = prepareDocx(docx); // outside the queue: a non-.docx never waits for LibreOffice
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue(() => this.run(prepared, opts, 0));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([this.chain.catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
    const starting = this.starting;
    this.starting = null;
    const workers = [this.worker, starting ? await starting.catch(() => null) : null].filter((w): w is UnoWorker => !!w);
    this.worker = null;
    await Promise.all(workers.map((w) => w.stop()));
    if (this.workDir) fs.rmSync(this.workDir, { recursive: true, force: true });
    this.workDir = null;
  }

  private closedError(): AppError {
    return new AppError('CONVERTER_UNAVAILABLE', { reason: 'closed' }, { id: 'Konverter dokumen sudah dihentikan.', en: 'The converter has been closed.' });
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  private ensureWorkDir(): string {
    if (!this.workDir) {
      this.workDir = fs.mkdtempSync(path.join(this.opts.tmpDir ?? os.tmpdir(), 'naskah-lo-'));
      fs.writeFileSync(path.join(this.workDir, 'warmup.docx'), warmupDocx());
    }
    fs.mkdirSync(path.join(this.workDir, 'tmp'), { recursive: true });
    const profileUser = path.join(this.workDir, 'profile', 'user');
    if (!fs.existsSync(profileUser)) {
      fs.mkdirSync(profileUser, { recursive: true });
      fs.writeFileSync(path.join(profileUser, 'registrymodifications.xcu'), REGISTRY);
    }
    return this.workDir;
  }

  private spawnWorker(): Promise<UnoWorker> {
    this.tracker.begin('starting');
    const dir = this.ensureWorkDir();
    const worker = new UnoWorker(
      {
        python: this.cfg.python,
        script: this.opts.script ?? unoWorkerScript(),
        soffice: this.cfg.sofficePath,
        profile: path.join(dir, 'profile'),
        warmup: path.join(dir, 'warmup.docx'),
        tmpDir: path.join(dir, 'tmp'),
        startTimeoutMs: this.opts.startTimeoutMs ?? Math.max(60_000, this.cfg.timeoutMs),
      },
      this.log,
    );
    const started = worker.ready.then(
      () => {
        this.sinceStart = 0;
        this.tracker.ready();
        return worker;
      },
      async (e: unknown) => {
        await worker.kill();
        throw e;
      },
    );
    started.catch(() => {});
    return started;
  }

  private async ensureWorker(): Promise<UnoWorker> {
    if (this.worker && !this.worker.exited) return this.worker;
    if (this.worker?.exited) {
      this.worker = null;
      this.noteRestart('exited');
    }
    for (let attempt = 0; ; attempt++) {
      this.starting ??= this.spawnWorker();
      try {
        this.worker = await this.starting;
        return this.worker;
      } catch (e) {
        if (attempt >= 1) {
          this.tracker.failed(e);
          throw new AppError(
            'CONVERTER_UNAVAILABLE',
            { reason: 'start_failed', cause: String((e as Error).message ?? e) },
            { id: 'LibreOffice gagal dijalankan di server. Hubungi admin.', en: `LibreOffice failed to start: ${(e as Error).message ?? e}` },
          );
        }
        this.log.warn({ err: e }, 'LibreOffice failed to start, retrying with a fresh profile');
        if (this.workDir) fs.rmSync(path.join(this.workDir, 'profile'), { recursive: true, force: true });
      } finally {
        this.starting = null;
      }
    }
  }

  private noteRestart(reason: string): void {
    this.counters.restarts++;
    this.counters.lastRestartReason = reason;
    this.log.info({ reason, conversions: this.counters.conversions }, 'restarting LibreOffice');
  }

  /**
   * Replaces the worker. Planned restarts (restartEvery, rss) stop it cleanly and start the next
   * one in the background; after a timeout or crash the old group is killed and the profile
   * wiped, since a half-written profile could break the next start.
   */
  private async restart(reason: 'timeout' | 'crash' | 'restartEvery' | 'rss'): Promise<void> {
    const old = this.worker;
    this.worker = null;
    this.noteRestart(reason);
    if (old) {
      if (reason === 'timeout' || reason === 'crash') await old.kill();
      else await old.stop();
    }
    if (reason === 'timeout' || reason === 'crash') {
      if (this.workDir) fs.rmSync(path.join(this.workDir, 'profile'), { recursive: true, force: true });
    }
    if (!this.closed) this.starting ??= this.spawnWorker();
  }

  private async run(docx: Uint8Array, opts: ConvertOptions, attempt: number): Promise<Uint8Array> {
    if (this.closed) throw this.closedError();
    const worker = await this.ensureWorker();
    const dir = this.ensureWorkDir();
    const id = ++this.seq;
    const input = path.join(dir, `in-${id}.docx`);
    const output = path.join(dir, `out-${id}.pdf`);
    const timeoutMs = opts.timeoutMs ?? this.cfg.timeoutMs;
    try {
      await fs.promises.writeFile(input, docx);
      const res = await worker.request({ id, input, output, pdfa: opts.pdfa ?? true }, timeoutMs);
      if (res.ok) {
        const pdf = await fs.promises.readFile(output);
        if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new WorkerGone('LibreOffice wrote no PDF');
        this.counters.conversions++;
        this.sinceStart++;
        this.afterJob(worker);
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      }
      if (res.kind === 'input') {
        throw new AppError('CONVERSION_FAILED', { reason: 'dokumen_tidak_terbaca', detail: res.message });
      }
      throw new WorkerGone(res.message ?? 'LibreOffice connection lost');
    } catch (e) {
      if (e instanceof WorkerTimeout) {
        this.log.warn({ timeoutMs, id }, 'conversion timed out; killing LibreOffice');
        await this.restart('timeout');
        throw new AppError('CONVERSION_TIMEOUT', { timeoutMs });
      }
      if (e instanceof WorkerGone) {
        this.log.warn({ err: e.message, stderr: worker.lastStderr(), attempt }, 'LibreOffice crashed during a conversion');
        await this.restart('crash');
        // Once more on a fresh engine: the crash may not be this document's fault.
        if (attempt === 0) return this.run(docx, opts, 1);
        throw new AppError('CONVERSION_FAILED', { reason: 'libreoffice_crash', detail: e.message });
      }
      throw e;
    } finally {
      await Promise.all([fs.promises.rm(input, { force: true }), fs.promises.rm(output, { force: true })]);
    }
  }

  /** Schedules a planned restart (after this job resolves) when the worker is due for one. */
  private afterJob(worker: UnoWorker): void {
    let reason: 'restartEvery' | 'rss' | null = null;
    if (this.sinceStart >= this.cfg.restartEvery) reason = 'restartEvery';
    else {
      const rss = worker.rssMb();
      if (rss !== undefined && rss > this.cfg.maxRssMb) reason = 'rss';
    }
    if (!reason) return;
    const why = reason;
    void this.enqueue(async () => {
      if (this.worker === worker && !this.closed) await this.restart(why);
    });
  }
}
