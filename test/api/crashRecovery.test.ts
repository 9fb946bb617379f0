// Crash recovery of jobs (issue 12): a real Naskah process is killed with SIGKILL while a .docx
// conversion runs and a bulk signing batch is half done. On restart (same data directory in
// embedded mode, same database on PostgreSQL) the conversion is retried and completes, the
// batch's pending items are marked interrupted (failed, to be signed again), within a minute,
// and submit is not refused for a conversion that waits for a dead process; a .docx uploaded
// right after the restart converts within a minute too (nothing blocks new work meanwhile).
// Embedded mode has pg-boss's expiry sweep off, so without the worker heartbeat the job stayed
// active forever there (and 10 minutes on PostgreSQL).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { closeContext, createContext, type AppContext } from '../../src/server/context.js';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { startModules } from '../../src/server/modules.js';
import { useConverter } from '../../src/server/outgoing/converter.js';
import { CONVERT_JOB } from '../../src/server/outgoing/uploadVersion.js';
import type { App } from '../../src/server/http/types.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';
import { simpleLetterPdf } from '../helpers/documents.js';
import { extractPdfText } from '../../src/server/pdf/extractPdfText.js';
import { fillDocx } from '../../src/server/templates/fillDocx.js';
import { multipart } from '../helpers/multipart.js';
import { TEST_KEK } from '../helpers/testContext.js';
import { adminUrl, postgresTemplateName, testEngine, urlFor } from '../helpers/templates.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engine = testEngine();

const fastConverter = async () => {
  const pdf = await simpleLetterPdf('Uji pemulihan setelah kill -9');
  return { kind: 'wasm', stats: () => ({}), close: async () => {}, convert: async () => Buffer.from(pdf) } as never;
};

/** Pids of the processes below `pid` (its LibreOffice worker and soffice), from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) if (parent === p) out.push(child), walk(child);
  };
  walk(pid);
  return out;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^[^)]*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Registers a .docx draft of staf.perumahan and uploads its first version (its conversion is queued). */
async function uploadFreshDraft(app: App, db: AppContext['database']['db']): Promise<{ documentId: string; versionId: string; uploadedAt: number }> {
  const drafter = new Client(app);
  const login = await drafter.login('staf.perumahan', 'Naskah-Demo-2026');
  if (login.statusCode !== 200) throw new Error(`login: ${login.body}`);
  const types = (await drafter.get('/api/v1/document-types')).json() as Array<{ id: string; code: string }>;
  const surat = types.find((x) => x.code === 'surat')!.id;
  const kop = ((await drafter.get('/api/v1/letterheads')).json() as Array<{ id: string; name: string }>).find((x) => x.name === 'KOP Disperkimta')!.id;
  const position = async (name: string) => {
    const rows = (await db.execute(sql`select id::text as id from positions where name = ${name}`)).rows as Array<{ id: string }>;
    if (rows.length !== 1) throw new Error(`position ${name}: ${rows.length}`);
    return rows[0]!.id;
  };
  const reg = await drafter.post('/api/v1/documents', {
    documentTypeId: surat,
    letterheadId: kop,
    draftKind: 'docx',
    hal: 'Unggahan baru sesudah server dinyalakan ulang',
    sifat: 'biasa',
    urgensi: 'biasa',
    classificationCode: '600.2',
    recipients: [{ role: 'to', kind: 'position', positionId: await position('Sekretaris Dinas Perumahan, Kawasan Permukiman dan Pertanahan') }],
    verifierPositionIds: [await position('Kepala Bidang Perumahan')],
    signerPositionId: await position('Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan'),
  });
  if (reg.statusCode !== 201) throw new Error(`register: ${reg.body}`);
  const documentId = reg.json().id as string;
  const template = (await drafter.get(`/api/v1/templates/download?documentTypeId=${surat}&letterheadId=${kop}&paper=A4`)).rawPayload;
  const docx = fillDocx(template, { isi: 'Isi surat sesudah pemulihan.' }, { keepUnknown: true });
  const version = (await drafter.get(`/api/v1/documents/${documentId}`)).json().version as number;
  const { body, headers } = multipart({ version }, [{ field: 'file', filename: 'baru.docx', content: docx }]);
  const uploadedAt = Date.now();
  const up = await drafter.request('POST', `/api/v1/documents/${documentId}/versions`, body, headers);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);
  return { documentId, versionId: up.json().id as string, uploadedAt };
}

// With a converter that hangs (a LibreOffice stuck on a file), and with the real warm
// LibreOffice, killed while it starts and converts.
describe.each(['hanging', 'libreoffice'] as const)('kill -9 during a conversion (%s converter) and a bulk signing', (converter) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-crash-'));
  let dbName: string | undefined;
  const env: Record<string, string> = {
    NASKAH_DATA_DIR: dataDir,
    NASKAH_KEK: TEST_KEK,
    LOG_LEVEL: 'silent',
    JOB_WORKER_TIMEOUT_SECONDS: '3',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  };
  let ctx: AppContext | undefined;
  let app: App | undefined;
  let ready: { documentId: string; versionId: string; batchId: string };
  let restartedAt = 0;
  let leftBehind: number[] = [];
  /** A new .docx draft uploaded right after the restart, while the interrupted job still waits for recovery. */
  let fresh: { documentId: string; versionId: string; uploadedAt: number };

  beforeAll(async () => {
    if (engine === 'postgres') {
      dbName = `naskah_crash_${process.pid}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`create database "${dbName}" template "${postgresTemplateName()}"`);
      await admin.end();
      env.DATABASE_URL = urlFor(dbName);
    }
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/crashChild.ts')], { cwd: root, env: { ...process.env, ...env, CRASH_CONVERTER: converter }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    ready = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`child not ready: ${err}`)), 150_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\{.*\})\n/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(JSON.parse(m[1]!));
        }
      });
      child.on('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    leftBehind = converter === 'libreoffice' ? descendants(child.pid!) : [];
    child.kill('SIGKILL');
    await exited;

    // Restart on the same data, with a converter that works now (or the real one again).
    restartedAt = Date.now();
    ctx = await createContext(loadConfig(env, '0.0.0-test'), { log: pino({ level: 'silent' }) });
    await startModules(ctx);
    if (converter === 'hanging') useConverter(ctx, await fastConverter());
    await ctx.jobs.work(0.5);
    app = await buildApp(ctx);
    await app.ready();
    fresh = await uploadFreshDraft(app, ctx.database.db);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    if (ctx) await closeContext(ctx);
    if (dbName) {
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the interrupted conversion is retried and completes within a minute of the restart; submit then works', async () => {
    const status = async () => ((await ctx!.database.db.execute(sql`select conversion_status as s from document_versions where id = ${ready.versionId}`)).rows[0] as { s: string }).s;
    expect(await status()).toBe('running'); // what the killed process left
    const deadline = restartedAt + 60_000;
    while ((await status()) !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await status()).toBe('done');
    expect(Date.now() - restartedAt).toBeLessThan(60_000);

    const drafter = new Client(app!);
    expect((await drafter.login('staf.perumahan', 'Naskah-Demo-2026')).statusCode).toBe(200);
    const d = (await drafter.get(`/api/v1/documents/${ready.documentId}`)).json();
    const submit = await drafter.post(`/api/v1/documents/${ready.documentId}/submit`, { version: d.version });
    expect(submit.statusCode, submit.body).toBe(200);
    if (converter === 'libreoffice') {
      // A real PDF of the letter, made by the restarted process's LibreOffice.
      const detail = (await drafter.get(`/api/v1/documents/${ready.documentId}`)).json() as { versions: Array<{ id: string; pdfFileId: string | null }> };
      const pdfFileId = detail.versions.find((v) => v.id === ready.versionId)!.pdfFileId;
      const pdf = await drafter.get(`/api/v1/documents/${ready.documentId}/files/${pdfFileId}`);
      expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
      expect((await extractPdfText(pdf.rawPayload)).replace(/\s+/g, ' ')).toContain('Isi surat uji pemulihan.');
    }
  }, 90_000);

  it('a .docx uploaded right after the restart is not blocked by the interrupted one: converted within a minute', async () => {
    const status = async () => ((await ctx!.database.db.execute(sql`select conversion_status as s from document_versions where id = ${fresh.versionId}`)).rows[0] as { s: string }).s;
    const deadline = fresh.uploadedAt + 60_000;
    while (!['done', 'failed'].includes(await status()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await status()).toBe('done');
    expect(Date.now() - fresh.uploadedAt).toBeLessThan(60_000);
  }, 90_000);

  it.runIf(converter === 'libreoffice')('the killed process leaves no LibreOffice running', async () => {
    // The worker was started by the killed process; it sees its input close and ends soffice.
    expect(leftBehind.length).toBeGreaterThan(0);
    const deadline = Date.now() + 30_000;
    while (leftBehind.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(leftBehind.filter(alive)).toEqual([]);
  }, 40_000);

  it('the half-done bulk signing batch is finished with its pending items marked interrupted', async () => {
    const signer = new Client(app!);
    expect((await signer.login('staf.perumahan', 'Naskah-Demo-2026')).statusCode).toBe(200);
    const deadline = restartedAt + 60_000;
    let b = (await signer.get(`/api/v1/sign-batches/${ready.batchId}`)).json();
    while (!b.finished && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      b = (await signer.get(`/api/v1/sign-batches/${ready.batchId}`)).json();
    }
    expect(b.finished).toBe(true);
    expect(b.items).toEqual([expect.objectContaining({ status: 'failed', errorCode: 'INTERRUPTED' })]);
    // Written down, not only reported: the row is finished.
    const row = (await ctx!.database.db.execute(sql`select finished_at from sign_batches where id = ${ready.batchId}`)).rows[0] as { finished_at: unknown };
    expect(row.finished_at).not.toBeNull();
  });
});

describe('a job given up after its last attempt died with its worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOB_WORKER_TIMEOUT_SECONDS: '2' });
  });
  afterAll(async () => t?.close());

  it('marks the version failed (upload again), instead of leaving it running', async () => {
    const ids = await seedDemo(t.ctx);
    const db = t.ctx.database.db;
    const drafter = await loginAs(t.app, t.ctx, 'staf.perumahan');
    // A version whose conversion job is active on its last attempt, claimed by a worker that is gone.
    const reg = await drafter.post('/api/v1/documents', {
      documentTypeId: ((await drafter.get('/api/v1/document-types')).json() as Array<{ id: string; code: string }>).find((x) => x.code === 'surat')!.id,
      draftKind: 'pdf',
      hal: 'Uji konversi yang ditinggalkan',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '600.2',
      recipients: [{ role: 'to', kind: 'position', positionId: ids.positions.get('sekda') }],
      verifierPositionIds: [ids.positions.get('kabid-perumahan')],
      signerPositionId: ids.positions.get('kadis-perkimta'),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const documentId = reg.json().id as string;
    const [v] = (await db.execute(sql`insert into document_versions (id, document_id, n, kind, source_file_id, conversion_status, created_by) select gen_random_uuid(), ${documentId}, 99, 'upload_docx', f.id, 'running', ${ids.users.get('staf.perumahan')!} from files f limit 1 returning id::text as id`)).rows as Array<{ id: string }>;
    const jobId = await t.ctx.jobs.send(null, CONVERT_JOB, { versionId: v!.id });
    const deadWorker = '00000000-0000-4000-8000-00000000dead';
    await db.execute(sql`update pgboss.job set state = 'active', started_on = now(), retry_count = retry_limit where id = ${jobId}`);
    await db.execute(sql`insert into job_claims (job_id, queue, worker_id) values (${jobId}, ${CONVERT_JOB.name}, ${deadWorker})`);
    expect(await t.ctx.jobs.recoverOrphans()).toBe(1);
    const row = (await db.execute(sql`select conversion_status as s, conversion_error as e from document_versions where id = ${v!.id}`)).rows[0] as { s: string; e: string };
    expect(row.s).toBe('failed');
    expect(row.e).toMatch(/Unggah ulang/);
    expect((await t.ctx.jobs.getJob(CONVERT_JOB.name, jobId))?.state).toBe('failed');
    // A job of a live worker is left alone.
    const other = await t.ctx.jobs.send(null, CONVERT_JOB, { versionId: v!.id });
    await db.execute(sql`update pgboss.job set state = 'active', started_on = now() where id = ${other}`);
    await t.ctx.jobs.startHeartbeat();
    await db.execute(sql`insert into job_claims (job_id, queue, worker_id) values (${other}, ${CONVERT_JOB.name}, ${t.ctx.jobs.workerId})`);
    expect(await t.ctx.jobs.recoverOrphans()).toBe(0);
  });
});
