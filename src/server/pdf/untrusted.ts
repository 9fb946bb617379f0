// Untrusted files (uploaded PDFs and .docx) are first opened in a worker thread under limits:
// V8 heap (resourceLimits), wall-clock time, pages, objects, decoded stream bytes, image pixels,
// zip entry sizes and ratios, XML depth. A bomb costs the worker, which is ended and replaced;
// the event loop that answers /api/health and every other request stays free. Callers get a
// plain AppError (PDF_INVALID / PDF_ENCRYPTED / TEMPLATE_INVALID) with an Indonesian reason.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { PdfFacts, UntrustedLimits, UntrustedProblem, WorkerReply, WorkerRequest, WorkerStarted } from './untrustedWorker.js';

export const UNTRUSTED_LIMITS: UntrustedLimits = {
  maxPages: 2000,
  maxObjects: 500_000,
  maxDecodedStreamBytes: 64 * 1024 * 1024,
  maxDecodedTotalBytes: 256 * 1024 * 1024,
  maxImagePixels: 100_000_000, // 10,000 × 10,000
  maxZipEntries: 2000,
  maxZipEntryBytes: 64 * 1024 * 1024,
  maxZipTotalBytes: 200 * 1024 * 1024,
  maxZipRatio: 200,
  maxXmlDepth: 256,
};

/** Wall-clock limit for one file, and the worker's V8 heap. */
export const UNTRUSTED_TIMEOUT_MS = 15_000;
/** How long a (re)started worker may take to load before it begins on the file. */
export const UNTRUSTED_BOOT_TIMEOUT_MS = 120_000;
export const UNTRUSTED_HEAP_MB = 256;

const MESSAGES: Record<UntrustedProblem | 'terlalu_lama' | 'terlalu_rumit', string> = {
  rusak: 'Berkas rusak dan tidak dapat dibaca.',
  terenkripsi: 'Berkas dilindungi kata sandi (terenkripsi).',
  tanpa_halaman: 'Berkas PDF tidak memiliki halaman.',
  terlalu_banyak_halaman: `Berkas PDF memiliki lebih dari ${UNTRUSTED_LIMITS.maxPages} halaman. Pisahkan menjadi beberapa berkas.`,
  terlalu_banyak_objek: 'Berkas PDF terlalu rumit (terlalu banyak objek). Simpan ulang sebagai PDF biasa lalu unggah kembali.',
  aliran_terlalu_besar: 'Isi berkas PDF yang dimampatkan terlalu besar setelah dibuka. Simpan ulang sebagai PDF biasa lalu unggah kembali.',
  gambar_terlalu_besar: 'Berkas berisi gambar berukuran sangat besar. Perkecil resolusi gambar lalu unggah ulang.',
  zip_terlalu_besar: 'Isi berkas .docx terlalu besar untuk diproses.',
  zip_bom: 'Isi berkas .docx jauh lebih besar daripada ukuran berkasnya (dimampatkan secara tidak wajar). Berkas ditolak.',
  xml_terlalu_dalam: 'Struktur berkas .docx bersarang terlalu dalam untuk diproses.',
  xml_dtd: 'Berkas .docx berisi deklarasi DTD/entitas yang tidak diizinkan.',
  terlalu_lama: 'Berkas terlalu rumit untuk diperiksa dalam batas waktu. Simpan ulang sebagai berkas biasa lalu unggah kembali.',
  terlalu_rumit: 'Berkas terlalu rumit untuk diperiksa dalam batas memori. Simpan ulang sebagai berkas biasa lalu unggah kembali.',
};

type Outcome = { ok: true; pdf?: PdfFacts } | { ok: false; problem: UntrustedProblem | 'terlalu_lama' | 'terlalu_rumit'; detail?: string };

function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const file = path.join(path.dirname(here), `untrustedWorker${ext}`);
  const resourceLimits = { maxOldGenerationSizeMb: UNTRUSTED_HEAP_MB, maxYoungGenerationSizeMb: 32 };
  if (ext === '.ts') {
    // From source (tsx, vitest): the worker registers the TypeScript loader for its own thread.
    const boot = `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(new URL(`file://${file}`).href)}))`;
    return new Worker(boot, { eval: true, resourceLimits });
  }
  return new Worker(file, { resourceLimits });
}

/** One worker, one file at a time (the machine has few cores); others wait their turn. */
class UntrustedPool {
  private worker: Worker | null = null;
  private queue: Array<() => void> = [];
  private busy = false;
  private nextId = 1;

  async run(kind: 'pdf' | 'docx', bytes: Uint8Array): Promise<Outcome> {
    if (this.busy) await new Promise<void>((r) => this.queue.push(r));
    this.busy = true;
    try {
      return await this.once(kind, bytes);
    } finally {
      this.busy = false;
      this.queue.shift()?.();
    }
  }

  private once(kind: 'pdf' | 'docx', bytes: Uint8Array): Promise<Outcome> {
    const w = (this.worker ??= startWorker());
    w.unref();
    const id = this.nextId++;
    return new Promise<Outcome>((resolve) => {
      const done = (o: Outcome, kill: boolean) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        if (kill) {
          if (this.worker === w) this.worker = null;
          void w.terminate();
        }
        resolve(o);
      };
      const onMessage = (m: WorkerReply | WorkerStarted) => {
        if (m.id !== id) return;
        if ('started' in m) {
          // The file's time limit counts the check itself, not the worker's start-up (loading
          // the parsers takes seconds on a busy machine and is no fault of the file).
          clearTimeout(timer);
          timer = setTimeout(() => done({ ok: false, problem: 'terlalu_lama' }, true), UNTRUSTED_TIMEOUT_MS);
          return;
        }
        done(m.ok ? { ok: true, ...(m.pdf ? { pdf: m.pdf } : {}) } : { ok: false, problem: m.problem, ...(m.detail ? { detail: m.detail } : {}) }, false);
      };
      // ERR_WORKER_OUT_OF_MEMORY and friends: the file broke the heap limit.
      const onError = (e: Error) => done({ ok: false, problem: 'terlalu_rumit', detail: String(e.message).slice(0, 200) }, true);
      const onExit = () => done({ ok: false, problem: 'terlalu_rumit', detail: 'worker exited' }, true);
      // Until the worker starts on the file: a generous bound for its start-up.
      let timer = setTimeout(() => done({ ok: false, problem: 'terlalu_lama' }, true), UNTRUSTED_BOOT_TIMEOUT_MS);
      w.on('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      // A copy: the caller keeps its buffer (it is stored after the check).
      const req: WorkerRequest = { id, kind, bytes: new Uint8Array(bytes), limits: UNTRUSTED_LIMITS };
      w.postMessage(req, [req.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

const pool = new UntrustedPool();

/** Ends the worker (tests, shutdown). */
export function closeUntrustedWorker(): Promise<void> {
  return pool.close();
}

/** The PDF's page count and catalog version, found in the worker; PDF_INVALID / PDF_ENCRYPTED otherwise. */
export async function checkUntrustedPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const o = await pool.run('pdf', bytes);
  if (o.ok) {
    if (o.pdf!.encrypted) throw new AppError('PDF_ENCRYPTED');
    return o.pdf!;
  }
  if (o.problem === 'terenkripsi') throw new AppError('PDF_ENCRYPTED');
  throw new AppError('PDF_INVALID', { reason: o.problem, ...(o.detail ? { detail: o.detail } : {}) }, { id: MESSAGES[o.problem], en: `PDF refused: ${o.problem}` });
}

/** Refuses a .docx that breaks a limit (TEMPLATE_INVALID with the reason); parses nothing on the event loop. */
export async function checkUntrustedDocx(bytes: Uint8Array): Promise<void> {
  const o = await pool.run('docx', bytes);
  if (o.ok) return;
  throw new AppError('TEMPLATE_INVALID', { reason: o.problem, ...(o.detail ? { detail: o.detail } : {}) }, { id: MESSAGES[o.problem], en: `.docx refused: ${o.problem}` });
}
