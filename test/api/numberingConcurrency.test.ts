// Issue 4: 32 concurrent number reservations through the HTTP API, split across two server
// instances on one database, give sequence 1..32 exactly once and 32 distinct numbers.
// PostgreSQL: two real `naskah serve` processes. PGlite (one process owns the embedded
// database): two app instances in one process on the shared connection.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import type { App } from '../../src/server/http/types.js';
import { numberEntries } from '../../src/server/numbering/schema.js';
import { packageRoot } from '../../src/server/paths.js';
import { Client, createTestApp, type TestApp } from '../helpers/testApp.js';
import { TEST_KEK } from '../helpers/testContext.js';
import { testEngine } from '../helpers/templates.js';

const N = 32;
const PASSWORD = 'Naskah-Demo-2026';
let t: TestApp;
let ids: DemoIds;

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
});
afterAll(async () => t?.close());

interface Reserved {
  seq: number;
  number: string;
}

function expectGapFreeAndDistinct(results: Reserved[], year: number): void {
  expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
  expect(new Set(results.map((r) => r.number)).size).toBe(N);
  for (const r of results) expect(r.number).toBe(`400.12.2/${r.seq}/410.20/${year}`);
}

async function storedSeqs(): Promise<number[]> {
  const rows = await t.ctx.database.db
    .select({ seq: numberEntries.seq })
    .from(numberEntries)
    .where(and(eq(numberEntries.unitId, ids.units.get('dukcapil')!), eq(numberEntries.status, 'reserved')))
    .orderBy(numberEntries.seq);
  return rows.map((r) => r.seq);
}

const body = (i: number) => ({ unitId: ids.units.get('dukcapil')!, classificationCode: '400.12.2', hal: `Permohonan data penduduk ${i + 1}` });

if (testEngine() === 'postgres') {
  describe('two `naskah serve` processes on one PostgreSQL database', () => {
    const children: ChildProcess[] = [];

    function startServer(name: string): Promise<string> {
      const dataDir = path.join(t.ctx.tmpDir, name);
      fs.mkdirSync(dataDir, { recursive: true });
      const dbUrl = t.ctx.config.database.kind === 'postgres' ? t.ctx.config.database.url : '';
      const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'naskah.js'), 'serve'], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NASKAH_FROM_SOURCE: '1',
          DATABASE_URL: dbUrl,
          PORT: '0',
          HOST: '127.0.0.1',
          NASKAH_DATA_DIR: dataDir,
          NASKAH_KEK: TEST_KEK,
          NASKAH_DEMO: 'false',
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_MINUTE: '100000',
          LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      return new Promise((resolve, reject) => {
        let out = '';
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /berjalan di (http:\/\/localhost:\d+)/.exec(out);
          if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening:\n${out}`)));
      });
    }

    afterAll(async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    });

    it('32 concurrent reservations split across both servers: sequence 1..32, no duplicate, no gap', { timeout: 120_000 }, async () => {
      const [a, b] = await Promise.all([startServer('a'), startServer('b')]);
      expect(a).not.toBe(b);
      const login = await fetch(`${a}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'arsip.dukcapil', password: PASSWORD }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith('naskah_session='))!.split(';')[0]!;
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const responses = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          fetch(`${i % 2 ? b : a}/api/v1/numbering/reservations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
            body: JSON.stringify(body(i)),
          }),
        ),
      );
      const results = await Promise.all(
        responses.map(async (r) => {
          expect(r.status).toBe(201);
          return (await r.json()) as Reserved & { year: number };
        }),
      );
      expectGapFreeAndDistinct(results, results[0]!.year);
      expect(await storedSeqs()).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    });
  });
} else {
  describe('two app instances in one process on embedded PGlite', () => {
    let second: App;
    beforeAll(async () => {
      second = await buildApp(t.ctx);
      await second.ready();
    });
    afterAll(async () => second?.close());

    it('32 concurrent reservations split across both instances: sequence 1..32, no duplicate, no gap', async () => {
      const first = new Client(t.app);
      expect((await first.login('arsip.dukcapil', PASSWORD)).statusCode).toBe(200);
      const other = new Client(second);
      other.cookie = first.cookie;
      other.csrf = first.csrf;
      const responses = await Promise.all(Array.from({ length: N }, (_, i) => (i % 2 ? other : first).post('/api/v1/numbering/reservations', body(i))));
      for (const r of responses) expect(r.statusCode).toBe(201);
      const results = responses.map((r) => r.json() as Reserved & { year: number });
      expectGapFreeAndDistinct(results, results[0]!.year);
      expect(await storedSeqs()).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    });
  });
}
