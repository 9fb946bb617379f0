// Bulk signing (TTE massal) as a batch that outlives its process: a wrong passphrase creates
// nothing; shutdown stops the run at its next letter and writes down where; the signer finds
// the batch again and resumes it with his passphrase, each letter still bound to the version he
// chose; a letter whose signature committed just before a crash counts as signed, not failed.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainInflight } from '../../src/server/context.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, pdfDraft, pos, typeId } from '../helpers/documents.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['staf.umum', 'kabag.umum', 'sekda', 'bupati']) c[u] = await loginAs(t.app, t.ctx, u);
}, 120_000);
afterAll(async () => t?.close());

/** A letter of the Bagian Umum awaiting the Sekda's signature; returns id and version. */
async function awaitingSekda(hal: string): Promise<{ id: string; version: number }> {
  const staf = c['staf.umum']!;
  const id = await pdfDraft(staf, {
    documentTypeId: await typeId(staf, 'surat'),
    hal,
    recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
    verifierPositionIds: [pos(ids, 'kabag-umum')],
    signerPositionId: pos(ids, 'sekda'),
    submit: true,
  });
  const d = await act(c['kabag.umum']!, id, 'approve', { version: (await detail(c['kabag.umum']!, id)).version });
  expect(d.status).toBe('awaiting_signature');
  return { id, version: d.version };
}

const batchCount = async () => Number((await t.ctx.database.db.execute<{ n: string }>(sql`select count(*)::text as n from sign_batches`)).rows[0]!.n);
const auditActions = async (batchId: string) =>
  (await t.ctx.database.db.execute<{ action: string }>(sql`select action from audit_events where entity_id = ${batchId} order by seq`)).rows.map((r) => r.action);

describe('bulk signing survives shutdown and restart', () => {
  const letters: Array<{ id: string; version: number }> = [];
  let batchId = '';

  it('a wrong passphrase is refused at once and creates no batch', async () => {
    for (const hal of ['Undangan rapat koordinasi', 'Pemberitahuan libur', 'Permohonan data kepegawaian']) letters.push(await awaitingSekda(`TTE massal: ${hal}`));
    const before = await batchCount();
    const res = await c['sekda']!.post('/api/v1/documents/sign-bulk', { items: letters, passphrase: 'Salah-Sekali-2026' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('PASSPHRASE_WRONG');
    expect(await batchCount()).toBe(before);
  });

  it('shutdown stops the run after the letter in hand; the rest is written down as interrupted', async () => {
    const res = await c['sekda']!.post('/api/v1/documents/sign-bulk', { items: letters, passphrase: DEMO_PASSPHRASE });
    expect(res.statusCode, res.body).toBe(202);
    batchId = res.json().batchId;
    // SIGTERM: the run is on its first letter; shutdown is signalled and drained.
    t.ctx.shutdown.abort();
    expect(await drainInflight(t.ctx, 60_000)).toBe(0);
    t.ctx.shutdown = new AbortController(); // the "restarted" process

    const b = (await c['sekda']!.get(`/api/v1/sign-batches/${batchId}`)).json();
    expect(b).toMatchObject({ total: 3, signed: 1, failed: 2, interrupted: 2, resumable: 2, finished: true });
    expect(b.items.map((i: { documentId: string }) => i.documentId)).toEqual(letters.map((l) => l.id)); // in the signer's order
    expect(b.items.map((i: { status: string; errorCode: string | null }) => [i.status, i.errorCode])).toEqual([
      ['signed', null],
      ['failed', 'INTERRUPTED'],
      ['failed', 'INTERRUPTED'],
    ]);
    expect((await detail(c['sekda']!, letters[1]!.id)).status).toBe('awaiting_signature');
    expect(await auditActions(batchId)).toEqual(['outgoing.bulk_sign_started']);
  }, 120_000);

  it('the signer finds the batch again; nobody else sees or resumes it', async () => {
    const list = (await c['sekda']!.get('/api/v1/sign-batches')).json();
    expect(list.items[0]).toMatchObject({ id: batchId, resumable: 2 });
    expect((await c['bupati']!.get('/api/v1/sign-batches')).json().items.map((b: { id: string }) => b.id)).not.toContain(batchId);
    expect((await c['bupati']!.get(`/api/v1/sign-batches/${batchId}`)).statusCode).toBe(404);
    const foreign = await c['bupati']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: DEMO_PASSPHRASE });
    expect(foreign.statusCode).toBe(404);
  });

  it('resume needs the passphrase again, then signs the rest; a second resume has nothing to do', async () => {
    const wrong = await c['sekda']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: 'Salah-Sekali-2026' });
    expect(wrong.statusCode).toBe(400);
    expect((await c['sekda']!.get(`/api/v1/sign-batches/${batchId}`)).json()).toMatchObject({ signed: 1, interrupted: 2 });

    const res = await c['sekda']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: DEMO_PASSPHRASE });
    expect(res.statusCode, res.body).toBe(202);
    // While it runs, a second resume is refused.
    const again = await c['sekda']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: DEMO_PASSPHRASE });
    expect([409]).toContain(again.statusCode);
    expect(['SIGN_BATCH_RUNNING', 'SIGN_BATCH_NOTHING_TO_RESUME']).toContain(again.json().code);
    expect(await drainInflight(t.ctx, 120_000)).toBe(0);

    const b = (await c['sekda']!.get(`/api/v1/sign-batches/${batchId}`)).json();
    expect(b).toMatchObject({ total: 3, signed: 3, failed: 0, interrupted: 0, resumable: 0, finished: true });
    for (const l of letters) expect((await detail(c['sekda']!, l.id)).status).toBe('delivered');
    expect(await auditActions(batchId)).toEqual(['outgoing.bulk_sign_started', 'outgoing.bulk_sign_resumed']);
    const none = await c['sekda']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: DEMO_PASSPHRASE });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('SIGN_BATCH_NOTHING_TO_RESUME');
  }, 180_000);

  it('a batch started while the process stops signs nothing; resumed, it signs only the version the signer chose', async () => {
    const l = await awaitingSekda('TTE massal: versi berubah');
    t.ctx.shutdown.abort();
    const res = await c['sekda']!.post('/api/v1/documents/sign-bulk', { items: [l], passphrase: DEMO_PASSPHRASE });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().batchId as string;
    await drainInflight(t.ctx, 60_000);
    t.ctx.shutdown = new AbortController();
    expect((await c['sekda']!.get(`/api/v1/sign-batches/${id}`)).json()).toMatchObject({ signed: 0, interrupted: 1, resumable: 1 });
    // Meanwhile the letter goes back to the drafter and returns with a change.
    let d = await act(c['sekda']!, l.id, 'return', { version: l.version, reason: 'Perbaiki tanggal acara' });
    d = await act(c['staf.umum']!, l.id, 'submit', { version: d.version });
    d = await act(c['kabag.umum']!, l.id, 'approve', { version: d.version });
    expect(d.status).toBe('awaiting_signature');
    const r = await c['sekda']!.post(`/api/v1/sign-batches/${id}/resume`, { passphrase: DEMO_PASSPHRASE });
    expect(r.statusCode, r.body).toBe(202);
    await drainInflight(t.ctx, 60_000);
    const b = (await c['sekda']!.get(`/api/v1/sign-batches/${id}`)).json();
    expect(b.items[0]).toMatchObject({ status: 'failed', errorCode: 'STALE_VERSION' });
    expect((await detail(c['sekda']!, l.id)).status).toBe('awaiting_signature');
  }, 120_000);

  it('after a crash, a letter whose signature had committed counts as signed; the others as interrupted', async () => {
    const signedOne = await awaitingSekda('TTE massal: sudah ditandatangani sebelum mati');
    const other = await awaitingSekda('TTE massal: belum');
    const s = await c['sekda']!.post(`/api/v1/documents/${signedOne.id}/sign`, { version: signedOne.version, passphrase: DEMO_PASSPHRASE });
    expect(s.statusCode, s.body).toBe(200);
    // What a SIGKILLed process leaves: an unfinished batch of a worker without heartbeat, both items pending.
    const sekdaId = ids.users.get('sekda')!;
    const bid = randomUUID();
    await t.ctx.database.db.execute(sql`insert into sign_batches (id, user_id, total, created_at, worker_id) values (${bid}, ${sekdaId}, 2, ${t.ctx.now().toISOString()}, ${randomUUID()})`);
    await t.ctx.database.db.execute(sql`insert into sign_batch_items (id, batch_id, document_id, version, position) values (${randomUUID()}, ${bid}, ${signedOne.id}, ${signedOne.version}, 0), (${randomUUID()}, ${bid}, ${other.id}, ${other.version}, 1)`);
    const b = (await c['sekda']!.get(`/api/v1/sign-batches/${bid}`)).json();
    expect(b).toMatchObject({ finished: true, signed: 1, interrupted: 1, resumable: 1 });
    expect(b.items.map((i: { status: string }) => i.status)).toEqual(['signed', 'failed']);
  });
});
