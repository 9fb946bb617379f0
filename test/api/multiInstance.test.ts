// Two app instances on one PostgreSQL in one process, as behind a load balancer: sessions,
// batches, their progress and the signed files (PostgreSQL blob store) live in the database, so
// a bulk signing run started on instance A is followed and collected on instance B, and A's
// graceful shutdown lets the run finish first. PGlite serves a single session to one process,
// so this runs on the PostgreSQL project only.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { closeContext, createContext, type AppContext } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/client.js';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { startModules } from '../../src/server/modules.js';
import type { App } from '../../src/server/http/types.js';
import { DEMO_SIGNING_PASSPHRASE, verifyPdf } from '../../src/server/signature/index.js';
import { Client, createTestApp, grantOutsideWorkflowSigning, loginAs, type TestApp } from '../helpers/testApp.js';
import { letterPdf } from '../signature/pdfFixtures.js';
import { multipart } from '../signature/multipart.js';
import { testEngine } from '../helpers/templates.js';

describe.skipIf(testEngine() !== 'postgres')('two instances on one PostgreSQL', () => {
  let a: TestApp;
  let bCtx: AppContext;
  let b: App;
  let aClosed = false;

  beforeAll(async () => {
    a = await createTestApp({ NASKAH_BLOB_STORE: 'postgres', NASKAH_ROLE: 'web' });
    await seedDemo(a.ctx);
    await grantOutsideWorkflowSigning(a.ctx);
    // Instance B: its own pool, context, job queue client and HTTP app; same database and clock.
    const database = await openDatabase(a.ctx.config.database, { poolMax: 5 });
    bCtx = await createContext(a.ctx.config, { database, log: pino({ level: 'silent' }), now: () => a.ctx.clock.now, migrate: false });
    await startModules(bCtx);
    b = await buildApp(bCtx);
    await b.ready();
  });
  afterAll(async () => {
    await b?.close();
    if (bCtx) await closeContext(bCtx);
    if (!aClosed) await a?.app.close();
    await a?.ctx.close();
  });

  it('a bulk signing run started on A is followed on B, finishes through A\'s graceful shutdown, and B serves the signed files', async () => {
    const onA = await loginAs(a.app, a.ctx, 'kadis.kominfo');
    // The same browser session, now routed to B: nothing about it lives in A's memory.
    const onB = new Client(b);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    expect((await onB.get('/api/v1/me')).statusCode).toBe(200);

    const titles = ['SATU', 'DUA', 'TIGA', 'EMPAT'];
    const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level: 'B-B', visible: false }) }, await Promise.all(titles.map(async (t) => ({ field: 'files', name: `${t}.pdf`, bytes: await letterPdf({ title: t }) }))));
    const started = await onA.post('/api/v1/signature/batches', m.body, m.headers);
    expect(started.statusCode).toBe(202);
    const { batchId } = started.json();

    // B sees the run from its first report on.
    const early = await onB.get(`/api/v1/signature/batches/${batchId}`);
    expect(early.statusCode).toBe(200);
    expect(early.json()).toMatchObject({ id: batchId, total: 4 });

    // A is told to stop (SIGTERM): it drains the run before closing its database.
    expect(a.ctx.inflight.size).toBe(1);
    await a.app.close();
    aClosed = true;
    await a.ctx.jobs.stop();
    const { drainInflight } = await import('../../src/server/context.js');
    expect(await drainInflight(a.ctx, 60_000)).toBe(0);

    const progress = (await onB.get(`/api/v1/signature/batches/${batchId}`)).json();
    expect(progress).toMatchObject({ status: 'done', succeeded: 4, failed: 0 });
    for (const item of progress.items) {
      const dl = await onB.get(`/api/v1/signature/batches/${batchId}/items/${item.id}/file`);
      expect(dl.statusCode).toBe(200);
      const report = await verifyPdf(bCtx, dl.rawPayload);
      expect(report.verdict).toBe('valid');
      expect(report.signatures).toHaveLength(1);
    }
    // The bytes are in PostgreSQL, not in A's data directory.
    const { rows } = await bCtx.database.pool.query<{ n: number }>("select count(*)::int as n from blobs b join files f on f.sha256 = b.sha256 where f.name like '%-ttd.pdf'");
    expect(rows[0]!.n).toBeGreaterThanOrEqual(4);
  });
});
