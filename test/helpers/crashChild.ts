// A Naskah process to be killed with SIGKILL by test/api/crashRecovery.test.ts: it opens the
// database of the environment (embedded data directory or DATABASE_URL), seeds the demo pemda,
// uploads a .docx draft whose conversion hangs (the converter never answers, as a LibreOffice
// stuck on a file; or, with CRASH_CONVERTER=libreoffice, runs in the real LibreOffice) and starts a bulk signing batch that it never finishes; then prints
// `READY {json}` and waits to be killed.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createContext } from '../../src/server/context.js';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { startModules } from '../../src/server/modules.js';
import { useConverter } from '../../src/server/outgoing/converter.js';
import { signBatches, signBatchItems } from '../../src/server/outgoing/schema.js';
import { fillDocx } from '../../src/server/templates/fillDocx.js';
import { Client } from './testApp.js';
import { multipart } from './multipart.js';

async function main(): Promise<void> {
  const ctx = await createContext(loadConfig(process.env, '0.0.0-test'), { log: pino({ level: 'silent' }) });
  await startModules(ctx);
  const ids = await seedDemo(ctx);
  // CRASH_CONVERTER=libreoffice: the real warm LibreOffice, killed while it starts and converts.
  if (process.env.CRASH_CONVERTER !== 'libreoffice') {
    useConverter(ctx, {
      kind: 'wasm',
      stats: () => ({}) as never,
      close: async () => {},
      convert: () => new Promise(() => {}), // hangs until the process dies
    } as never);
  }
  await ctx.jobs.work(0.5);
  const app = await buildApp(ctx);
  await app.ready();

  const drafter = new Client(app);
  const login = await drafter.login('staf.perumahan', 'Naskah-Demo-2026');
  if (login.statusCode !== 200) throw new Error(`login: ${login.body}`);
  const types = (await drafter.get('/api/v1/document-types')).json() as Array<{ id: string; code: string }>;
  const surat = types.find((x) => x.code === 'surat')!.id;
  const kops = (await drafter.get(`/api/v1/letterheads?unitId=${ids.units.get('perkimta-perumahan')}`)).json() as Array<{ id: string; name: string }>;
  const kop = kops.find((x) => x.name === 'KOP Disperkimta')!.id;
  const reg = await drafter.post('/api/v1/documents', {
    documentTypeId: surat,
    letterheadId: kop,
    draftKind: 'docx',
    hal: 'Uji pemulihan setelah kill -9',
    sifat: 'biasa',
    urgensi: 'biasa',
    classificationCode: '600.2',
    recipients: [{ role: 'to', kind: 'position', positionId: ids.positions.get('sekda') }],
    verifierPositionIds: [ids.positions.get('kabid-perumahan')],
    signerPositionId: ids.positions.get('kadis-perkimta'),
  });
  if (reg.statusCode !== 201) throw new Error(`register: ${reg.body}`);
  const documentId = reg.json().id as string;
  const template = (await drafter.get(`/api/v1/templates/download?documentTypeId=${surat}&letterheadId=${kop}&paper=A4`)).rawPayload;
  const docx = fillDocx(template, { isi: 'Isi surat uji pemulihan.' }, { keepUnknown: true });
  const version = (await drafter.get(`/api/v1/documents/${documentId}`)).json().version as number;
  const { body, headers } = multipart({ version }, [{ field: 'file', filename: 'uji.docx', content: docx }]);
  const up = await drafter.request('POST', `/api/v1/documents/${documentId}/versions`, body, headers);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);

  // A bulk signing run of this process, half done: one item signed, one still pending.
  await ctx.jobs.startHeartbeat();
  const [batch] = await ctx.database.db.insert(signBatches).values({ userId: ids.users.get('staf.perumahan')!, total: 2, createdAt: new Date(), workerId: ctx.jobs.workerId }).returning();
  await ctx.database.db.insert(signBatchItems).values([{ batchId: batch!.id, documentId, status: 'pending' }]);

  // Wait until the conversion is really running in this process.
  for (;;) {
    const { rows } = await ctx.database.db.execute(sql`select v.id::text as id, v.conversion_status as status from document_versions v join documents d on d.current_version_id = v.id where d.id = ${documentId}`);
    const row = rows[0] as { id: string; status: string } | undefined;
    if (row?.status === 'running') {
      process.stdout.write(`READY ${JSON.stringify({ documentId, versionId: row.id, batchId: batch!.id })}\n`);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  setInterval(() => {}, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
