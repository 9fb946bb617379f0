// Issue 9: OCR throughput (pages/minute with the default one OCR run at a time, 1 thread, nice
// 10) and /api/health latency while it runs (goal p99 <= 50 ms) on the real server.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';
import { inTransaction } from '../src/server/db/tx.js';
import { MIME, storeFile } from '../src/server/files/storeFile.js';
import { getOcrRun, requestOcr } from '../src/server/ocr/index.js';
import { letterPdf, scannedPdf } from '../test/helpers/letterScan.js';
import { round, type Bench } from './lib.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES = 4;
const LOAD_SECONDS = 15;

async function load(url: string, seconds: number) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'tools', 'httpLoad.ts'), url, '4', String(seconds)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { requests: number; errors: number; p50_ms: number; p99_ms: number; max_ms: number };
}

const bench: Bench = {
  name: 'ocr',
  description: `OCR of a ${PAGES}-page 200 dpi scan (ocrmypdf ind+eng, deskew, rotate, PDF/A) as a job; /api/health latency meanwhile`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-ocr-'));
    const server = await startServer(loadConfig({ NASKAH_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', NASKAH_DEMO: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' }, '0.0.0-bench'), { print: () => {} });
    try {
      const scan = scannedPdf(await letterPdf(undefined, { pages: PAGES }), 200);
      const idle = await load(`${server.url}/api/health`, 5);
      const ctx = server.ctx;
      const t0 = Date.now();
      const runId = await inTransaction(ctx.database, async (tx) => {
        const f = await storeFile(ctx, tx.db, { bytes: scan, name: 'bench.pdf', mime: MIME.pdf, createdBy: null });
        return (await requestOcr(ctx, tx, { sourceFileId: f.id })).runId;
      });
      const during = await load(`${server.url}/api/health`, LOAD_SECONDS);
      let r = await getOcrRun(ctx.database.db, runId);
      while (r.status === 'queued' || r.status === 'running') {
        await new Promise((res) => setTimeout(res, 250));
        r = await getOcrRun(ctx.database.db, runId);
      }
      const ms = Date.now() - t0;
      return {
        metrics: {
          pages: PAGES,
          status: r.status,
          ocr_seconds: round(ms / 1000, 1),
          pages_per_minute: round((PAGES * 60_000) / ms, 2),
          health_idle_p99_ms: round(idle.p99_ms),
          health_during_ocr_p50_ms: round(during.p50_ms),
          health_during_ocr_p99_ms: round(during.p99_ms),
          health_during_ocr_max_ms: round(during.max_ms),
          health_during_ocr_requests: during.requests,
          health_during_ocr_errors: during.errors,
          cpus: os.cpus().length,
          loadavg_1m: round(os.loadavg()[0] ?? 0),
        },
        goals: { health_during_ocr_p99_ms: '<= 50', pages_per_minute: 'reported (2 cores)' },
        notes: `health measured for the first ${LOAD_SECONDS} s of the OCR run, 4 keep-alive connections from a separate process; OCR_CONCURRENCY=1, OCR_THREADS=1, OCR_NICE=10`,
      };
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
