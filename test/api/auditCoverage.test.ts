// Every state-changing operation of the OpenAPI document is accounted for: walked here (a
// successful call must leave the audit event it should, with the request's clock), read-only
// despite its method, or listed as not yet walked. A new mutating route that is in none of the
// lists fails this test, and a walked route that stops writing its audit event fails it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { Client, createTestApp, loginAs, type TestApp } from '../helpers/testApp.js';
import { act, detail, pos, simpleLetterPdf, typeId, upload } from '../helpers/documents.js';
import { multipart } from '../helpers/multipart.js';
import { sealPng } from '../helpers/sealImage.js';

/** POST/PUT that change nothing (checks, previews, verifications, protocols). */
const READ_ONLY = new Set([
  'POST /api/v1/numbering/format-preview',
  'POST /api/v1/signature/verify',
  'POST /api/v1/signature/public/verify',
  'POST /pki/ocsp',
  'POST /pki/tsa',
  'POST /api/v1/auth/reauth',
]);

/**
 * Mutating operations this walk does not call yet (their audit events are written by the code and
 * asserted, where they are, by their domain's tests). Shrink this list; never grow it silently.
 */
const NOT_YET_WALKED = new Set([
  'POST /api/v1/org/units', 'PATCH /api/v1/org/units/{id}', 'POST /api/v1/org/positions', 'PATCH /api/v1/org/positions/{id}',
  'POST /api/v1/org/positions/{id}/holders', 'DELETE /api/v1/org/holders/{id}', 'POST /api/v1/org/users', 'PATCH /api/v1/org/users/{id}',
  'POST /api/v1/org/users/{id}/reset-password', 'POST /api/v1/org/users/{id}/unlock', 'POST /api/v1/org/users/{id}/reset-totp',
  'POST /api/v1/org/users/{id}/roles', 'DELETE /api/v1/org/roles/{id}', 'POST /api/v1/org/import',
  'PATCH /api/v1/me/preferences',
  'POST /api/v1/auth/password', 'POST /api/v1/auth/totp/setup', 'POST /api/v1/auth/totp/confirm', 'POST /api/v1/auth/totp/disable', 'POST /api/v1/auth/recovery-codes',
  'POST /api/v1/archive/berkas', 'PATCH /api/v1/archive/berkas/{id}', 'POST /api/v1/archive/berkas/{id}/close', 'POST /api/v1/archive/berkas/{id}/legal-hold',
  'POST /api/v1/archive/records/{id}/legal-hold', 'POST /api/v1/archive/records/{id}/move', 'POST /api/v1/archive/loans', 'POST /api/v1/archive/loans/{id}/return',
  'POST /api/v1/archive/classifications', 'PATCH /api/v1/archive/classifications/{code}', 'POST /api/v1/archive/classifications/import',
  'POST /api/v1/numbering/reservations', 'POST /api/v1/numbering/entries/{id}/cancel', 'PUT /api/v1/numbering/units/{unitId}/settings',
  'POST /api/v1/signature/enrol', 'POST /api/v1/signature/users/{userId}/enrolment-approval', 'POST /api/v1/signature/passphrase',
  'POST /api/v1/signature/certificate/renew', 'POST /api/v1/signature/certificate/revoke', 'POST /api/v1/signature/sign', 'POST /api/v1/signature/uploads',
  'POST /api/v1/signature/batches', 'POST /api/v1/signature/archive-timestamp',
  'PATCH /api/v1/document-types/{id}', 'POST /api/v1/templates',
  'POST /api/v1/documents/{id}/edit-and-approve', 'POST /api/v1/documents/{id}/sign', 'POST /api/v1/documents/sign-bulk', 'POST /api/v1/documents/{id}/read',
  'POST /api/v1/dispatches/{id}/send', 'PATCH /api/v1/dispatches/{id}/receipt', 'PUT /api/v1/me/notification-preferences',
  'POST /api/v1/sop-standards', 'PUT /api/v1/sop-standards/{id}', 'DELETE /api/v1/sop-standards/{id}',
  'POST /api/v1/archive/disposals', 'POST /api/v1/archive/disposals/{id}/assess', 'POST /api/v1/archive/disposals/{id}/anri-approval',
  'POST /api/v1/archive/disposals/{id}/decide', 'POST /api/v1/archive/disposals/{id}/execute', 'POST /api/v1/archive/disposals/{id}/sign',
  'POST /api/v1/incoming-letters', 'POST /api/v1/incoming-letters/scans', 'POST /api/v1/incoming-letters/{id}/register', 'POST /api/v1/incoming-letters/{id}/send',
  'POST /api/v1/incoming-letters/{id}/discard', 'POST /api/v1/incoming-letters/{id}/read', 'POST /api/v1/incoming-letters/from-document/{id}',
  'POST /api/v1/incoming-letters/{id}/replies', 'POST /api/v1/incoming-letters/{id}/dispositions', 'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/read',
  'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/cancel', 'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/withdraw',
  'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/report',
  'PUT /api/v1/mail-intake/mailboxes/{unitId}', 'POST /api/v1/mail-intake/mailboxes/{unitId}/check',
  'POST /api/v1/servicedesk/phone-verifications', 'POST /api/v1/servicedesk/phone-verifications/{id}/confirm', 'POST /api/v1/servicedesk/tickets',
  'POST /api/v1/servicedesk/tickets/{id}/actions', 'POST /api/v1/servicedesk/tickets/{id}/resubmit',
  'POST /api/v1/public/activation/{token}/code', 'POST /api/v1/public/activation/{token}/verify', 'POST /api/v1/public/activation/{token}/password',
  'POST /api/v1/public/activation/{token}/totp', 'POST /api/v1/public/activation/{token}/totp/confirm',
]);

let t: TestApp;
let ids: DemoIds;
let mutating: string[] = [];
const walked = new Map<string, string[]>();
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) if (['post', 'put', 'patch', 'delete'].includes(m)) mutating.push(`${m.toUpperCase()} ${path}`);
  for (const u of ['staf.umum', 'kabag.umum', 'kasubag.tu', 'admin']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

const lastSeq = async () => Number((await t.ctx.database.db.execute<{ s: string | null }>(sql`select max(seq)::text as s from audit_events`)).rows[0]!.s ?? 0);

/** Call one operation; it must succeed and leave the named audit event(s), stamped with ctx.now(). */
async function walk(op: string, expected: string[], call: () => Promise<{ statusCode: number; body: string }>) {
  const before = await lastSeq();
  const res = await call();
  expect(res.statusCode, `${op}: ${res.body}`).toBeLessThan(300);
  const events = (
    await t.ctx.database.db.execute<{ action: string; at: Date }>(sql`select action, at from audit_events where seq > ${before} order by seq`)
  ).rows;
  expect(events.map((e) => e.action), op).toEqual(expect.arrayContaining(expected));
  for (const e of events) expect(new Date(e.at).getTime(), `${op}: ${e.action} at ctx.now()`).toBe(t.ctx.now().getTime());
  walked.set(op, events.map((e) => e.action));
}

describe('audit coverage', () => {
  it('every mutating operation is walked, read-only, or listed as not yet walked', () => {
    expect(mutating.length).toBeGreaterThan(50);
    const unaccounted = mutating.filter((op) => !READ_ONLY.has(op) && !NOT_YET_WALKED.has(op) && !WALKED.has(op));
    expect(unaccounted, 'classify these operations in auditCoverage.test.ts').toEqual([]);
    const stale = [...READ_ONLY, ...NOT_YET_WALKED, ...WALKED].filter((op) => !mutating.includes(op));
    expect(stale, 'operations no longer in the OpenAPI document').toEqual([]);
  });

  it('the outgoing workflow, drafts, versions, attachments and recipient groups leave their audit events', async () => {
    const staf = c['staf.umum']!;
    const kabag = c['kabag.umum']!;
    const body = (hal: string) => ({
      documentTypeId: '',
      draftKind: 'pdf',
      hal,
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.1',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
    });
    const surat = await typeId(staf, 'surat');
    let id = '';
    await walk('POST /api/v1/documents', ['outgoing.created'], async () => {
      const r = await staf.post('/api/v1/documents', { ...body('Audit: undangan rapat'), documentTypeId: surat });
      id = r.json().id;
      return r;
    });
    await walk('POST /api/v1/documents/{id}/versions', ['outgoing.version_added'], async () =>
      upload(staf, `/api/v1/documents/${id}/versions`, { version: (await detail(staf, id)).version }, [{ field: 'file', filename: 'konsep.pdf', content: await simpleLetterPdf('Audit: undangan rapat') }]),
    );
    const marks = { number: { page: 1, x: 120, y: 700 }, date: { page: 1, x: 400, y: 740 }, signature: { page: 1, x: 320, y: 120, width: 230, height: 72 } };
    await walk('PATCH /api/v1/documents/{id}', ['outgoing.metadata_updated'], async () => staf.patch(`/api/v1/documents/${id}`, { version: (await detail(staf, id)).version, pdfMarks: marks }));
    let attachmentId = '';
    await walk('POST /api/v1/documents/{id}/attachments', ['outgoing.attachment_added'], async () => {
      const r = await upload(staf, `/api/v1/documents/${id}/attachments`, { version: (await detail(staf, id)).version }, [{ field: 'file', filename: 'lampiran.pdf', content: await simpleLetterPdf('Lampiran') }]);
      attachmentId = (await detail(staf, id)).attachments?.[0]?.id ?? '';
      return r;
    });
    expect(attachmentId).not.toBe('');
    await walk('DELETE /api/v1/documents/{id}/attachments/{attachmentId}', ['outgoing.attachment_removed'], async () => staf.delete(`/api/v1/documents/${id}/attachments/${attachmentId}?version=${(await detail(staf, id)).version}`));
    await walk('POST /api/v1/documents/{id}/submit', ['outgoing.submitted'], async () => staf.post(`/api/v1/documents/${id}/submit`, { version: (await detail(staf, id)).version }));
    await walk('POST /api/v1/documents/{id}/return', ['outgoing.returned'], async () => kabag.post(`/api/v1/documents/${id}/return`, { version: (await detail(kabag, id)).version, reason: 'Perbaiki', to: 'drafter' }));
    await walk('POST /api/v1/documents/{id}/cancel', ['outgoing.cancelled'], async () => staf.post(`/api/v1/documents/${id}/cancel`, { version: (await detail(staf, id)).version, reason: 'Tidak jadi' }));
    // A second letter for the approval.
    const r2 = await staf.post('/api/v1/documents', { ...body('Audit: laporan'), documentTypeId: surat });
    const id2 = r2.json().id as string;
    await upload(staf, `/api/v1/documents/${id2}/versions`, { version: (await detail(staf, id2)).version }, [{ field: 'file', filename: 'konsep.pdf', content: await simpleLetterPdf('Audit: laporan') }]);
    await staf.patch(`/api/v1/documents/${id2}`, { version: (await detail(staf, id2)).version, pdfMarks: marks });
    await act(staf, id2, 'submit', { version: (await detail(staf, id2)).version });
    await walk('POST /api/v1/documents/{id}/approve', ['outgoing.approved'], async () => kabag.post(`/api/v1/documents/${id2}/approve`, { version: (await detail(kabag, id2)).version }));
    await walk('POST /api/v1/recipient-groups', ['catalog.recipient_group_created'], () =>
      c['kasubag.tu']!.post('/api/v1/recipient-groups', { name: 'Kelompok uji audit', members: [{ kind: 'position', positionId: pos(ids, 'kadis-kominfo') }] }),
    );
    await walk('PUT /api/v1/admin/mfa-policy', ['auth.mfa_policy_changed'], () => c['admin']!.put('/api/v1/admin/mfa-policy', { role: 'records_officer', required: false }));
    // Sessions of a user nothing else here signs in as: sign in twice, end the other session,
    // log out, then log out everywhere from a third.
    const s1 = new Client(t.app);
    const s2 = new Client(t.app);
    const s3 = new Client(t.app);
    await walk('POST /api/v1/auth/login', ['auth.login'], () => s1.login('staf.perumahan', 'Naskah-Demo-2026'));
    await s2.login('staf.perumahan', 'Naskah-Demo-2026');
    const other = ((await s1.get('/api/v1/me/sessions')).json() as Array<{ id: string; current: boolean }>).find((x) => !x.current)!.id;
    await walk('DELETE /api/v1/me/sessions/{id}', ['auth.session_ended'], () => s1.delete(`/api/v1/me/sessions/${other}`));
    await walk('POST /api/v1/auth/logout', ['auth.logged_out'], () => s1.post('/api/v1/auth/logout'));
    await s3.login('staf.perumahan', 'Naskah-Demo-2026');
    await walk('POST /api/v1/auth/logout-all', ['auth.logged_out_everywhere'], () => s3.post('/api/v1/auth/logout-all'));
    const setda = ids.units.get('setda')!;
    await walk('PUT /api/v1/org/units/{id}/seal', ['org.unit_seal_uploaded'], () => {
      const { body, headers } = multipart({}, [{ field: 'file', filename: 'cap.png', content: sealPng(200), contentType: 'image/png' }]);
      return c['admin']!.request('PUT', `/api/v1/org/units/${setda}/seal`, body, headers);
    });
    await walk('DELETE /api/v1/org/units/{id}/seal', ['org.unit_seal_removed'], () => c['admin']!.request('DELETE', `/api/v1/org/units/${setda}/seal`));
    for (const op of WALKED) expect(walked.has(op), `${op} was walked`).toBe(true);
  }, 300_000);
});

/** The operations walked above (checked against the walk at its end). */
const WALKED = new Set([
  'PUT /api/v1/org/units/{id}/seal',
  'DELETE /api/v1/org/units/{id}/seal',
  'POST /api/v1/documents',
  'POST /api/v1/documents/{id}/versions',
  'PATCH /api/v1/documents/{id}',
  'POST /api/v1/documents/{id}/attachments',
  'DELETE /api/v1/documents/{id}/attachments/{attachmentId}',
  'POST /api/v1/documents/{id}/submit',
  'POST /api/v1/documents/{id}/return',
  'POST /api/v1/documents/{id}/cancel',
  'POST /api/v1/documents/{id}/approve',
  'POST /api/v1/recipient-groups',
  'PUT /api/v1/admin/mfa-policy',
  'POST /api/v1/auth/login',
  'DELETE /api/v1/me/sessions/{id}',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
]);
