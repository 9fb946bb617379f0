// Issue 2: in embedded mode, /api/health keeps answering while a heavy query runs.
// Measures health latency under a concurrent heavy query with our layout (PGlite in a child
// process behind a socket) and, for comparison, with PGlite inside the HTTP process.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';
import { round, type Bench } from './lib.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const HEAVY = 'select count(*) from generate_series(1, 8000000) a where a % 7 = 3';
const SECONDS = 6;

async function load(url: string): Promise<{ requests: number; errors: number; p50_ms: number; p99_ms: number; max_ms: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(here, 'tools', 'httpLoad.ts'), url, '8', String(SECONDS)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout);
}

/** Keep the database busy with heavy queries back to back for `ms`. */
async function busy(query: (sql: string) => Promise<unknown>, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let n = 0;
  while (Date.now() < until) {
    await query(HEAVY);
    n++;
  }
  return n;
}

const bench: Bench = {
  name: 'health',
  description: 'GET /api/health latency while heavy queries run (embedded PGlite): child-process layout vs in-process PGlite',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-health-'));
    // Our layout: the real server.
    const server = await startServer(loadConfig({ NASKAH_DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', NASKAH_DEMO: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000' }, '0.0.0-bench'), { print: () => {} });
    const t0 = Date.now();
    await server.ctx.database.pool.query(HEAVY);
    const heavyMs = Date.now() - t0;
    const idle = await load(`${server.url}/api/health`);
    const [loaded, queries] = await Promise.all([load(`${server.url}/api/health`), busy((s) => server.ctx.database.pool.query(s), (SECONDS + 1) * 1000)]);
    await server.stop();

    // Baseline: PGlite in the HTTP process.
    const db = await PGlite.create('memory://');
    const app = Fastify();
    app.get('/api/health', async () => ({ status: 'ok' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const [inProcess] = await Promise.all([load(`http://127.0.0.1:${port}/api/health`), busy((s) => db.query(s), (SECONDS + 1) * 1000)]);
    await app.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });

    return {
      metrics: {
        heavy_query_ms: heavyMs,
        heavy_queries_during_load: queries,
        idle_p50_ms: round(idle.p50_ms),
        idle_p99_ms: round(idle.p99_ms),
        under_heavy_query_p50_ms: round(loaded.p50_ms),
        under_heavy_query_p99_ms: round(loaded.p99_ms),
        under_heavy_query_max_ms: round(loaded.max_ms),
        under_heavy_query_requests: loaded.requests,
        in_process_pglite_p99_ms: round(inProcess.p99_ms),
        in_process_pglite_max_ms: round(inProcess.max_ms),
        in_process_pglite_requests: inProcess.requests,
      },
      goals: { under_heavy_query_p99_ms: 'small (health must keep answering); compare in_process_pglite_p99_ms' },
      notes: `8 keep-alive connections for ${SECONDS}s from a separate process; heavy query: ${HEAVY}`,
    };
  },
};

export default bench;
