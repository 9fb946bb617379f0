// Every state-changing operation of the OpenAPI document is accounted for: walked here (a
// successful call must leave the audit event it should, with the request's clock), read-only
// despite its method, or listed as not yet walked. A new mutating route that is in none of the
// lists fails this test, and a walked route that stops writing its audit event fails it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drainInflight } from '../../src/server/context.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { Client, createTestApp, loginAs, reauth, type TestApp } from '../helpers/testApp.js';
import { act, DEMO_PASSPHRASE, detail, downloadTemplate, nextTotp, pdfDraft, pos, simpleLetterPdf, typeId, upload } from '../helpers/documents.js';
import { multipart } from '../helpers/multipart.js';
import { sealPng } from '../helpers/sealImage.js';
import { letterPdf } from '../helpers/scans.js';
import { letterPdf as markedPdf } from '../signature/pdfFixtures.js';
import { requestLetterPdf } from '../servicedesk/letters.js';
import { open } from '../../src/server/crypto/kek.js';
import type { Directory } from '../../src/server/directory/directory.js';
import { setServiceDeskDeps } from '../../src/server/servicedesk/deps.js';
import { runProvisionJob } from '../../src/server/servicedesk/jobs.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { declareRecord } from '../../src/server/archive/index.js';

/** POST/PUT that change nothing (checks, previews, verifications, protocols). */
const READ_ONLY = new Set([
  'POST /api/v1/numbering/format-preview',
  'POST /api/v1/signature/verify',
  'POST /api/v1/signature/public/verify',
  'POST /pki/ocsp',
  'POST /pki/tsa',
  'POST /api/v1/auth/reauth',
  // Answers with the uploaded PDF plus validation data and a document timestamp; stores nothing.
  'POST /api/v1/signature/archive-timestamp',
]);

/**
 * Mutating operations this walk does not call yet. Shrink this list; never grow it silently.
 */
const NOT_YET_WALKED = new Set<string>([]);

let t: TestApp;
let ids: DemoIds;
let mutating: string[] = [];
const walked = new Map<string, string[]>();
const c: Record<string, Client> = {};

beforeAll(async () => {
  // A WhatsApp gateway is configured (service requests need one); no job runs, so nothing is sent.
  t = await createTestApp({ WHATSAPP: 'fonnte', WHATSAPP_URL: 'http://127.0.0.1:9', WHATSAPP_TOKEN: 'tidak-dipakai', PUBLIC_URL: 'https://naskah.contoh.go.id' });
  ids = await seedDemo(t.ctx);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) if (['post', 'put', 'patch', 'delete'].includes(m)) mutating.push(`${m.toUpperCase()} ${path}`);
  for (const u of ['staf.umum', 'kabag.umum', 'kasubag.tu', 'admin']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

const lastSeq = async () => Number((await t.ctx.database.db.execute<{ s: string | null }>(sql`select max(seq)::text as s from audit_events`)).rows[0]!.s ?? 0);

/** The text of the newest WhatsApp message queued for a number (the gateway would send it). */
async function lastWhatsApp(to: string, purpose = 'servicedesk.%'): Promise<string> {
  const [m] = (await t.ctx.database.db.execute<{ id: string; payload_sealed: string }>(sql`select id::text, payload_sealed from notification_messages where recipient = ${to} and purpose like ${purpose} order by created_at desc, id desc limit 1`)).rows;
  expect(m, `a WhatsApp message to ${to}`).toBeDefined();
  return (JSON.parse(open(t.ctx.kek, m!.payload_sealed, `notification:${m!.id}`).toString('utf8')) as { text: string }).text;
}
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

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
  }, 300_000);

  it('organisation administration, own account and two-factor operations leave their audit events', async () => {
    const admin = c['admin']!;
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    let unit = { id: '', version: 0 };
    await walk('POST /api/v1/org/units', ['org.unit_created'], async () => {
      const r = await admin.post('/api/v1/org/units', { parentId: ids.units.get('setda')!, name: 'Bagian Uji Audit', kind: 'bagian', code: 'UJI/410.01' });
      unit = r.json();
      return r;
    });
    await walk('PATCH /api/v1/org/units/{id}', ['org.unit_updated'], () => admin.patch(`/api/v1/org/units/${unit.id}`, { version: unit.version, shortName: 'Bag. Uji' }));
    let position = { id: '', version: 0 };
    await walk('POST /api/v1/org/positions', ['org.position_created'], async () => {
      const r = await admin.post('/api/v1/org/positions', { unitId: unit.id, name: 'Pelaksana Bagian Uji', level: 'pelaksana', parentPositionId: pos(ids, 'kabag-umum') });
      position = r.json();
      return r;
    });
    await walk('PATCH /api/v1/org/positions/{id}', ['org.position_updated'], () => admin.patch(`/api/v1/org/positions/${position.id}`, { version: position.version, name: 'Pengadministrasi Bagian Uji' }));
    let user = { id: '', version: 0 };
    let temporary = '';
    await walk('POST /api/v1/org/users', ['org.user_created'], async () => {
      const r = await admin.post('/api/v1/org/users', { username: 'pegawai.audit', name: 'Pegawai Uji Audit', nip: '199901012024011001' });
      ({ user, temporaryPassword: temporary } = r.json());
      return r;
    });
    expect(temporary).not.toBe('');
    await walk('PATCH /api/v1/org/users/{id}', ['org.user_updated'], () => admin.patch(`/api/v1/org/users/${user.id}`, { version: user.version, email: 'pegawai.audit@contohkab.go.id' }));
    let holder = '';
    await walk('POST /api/v1/org/positions/{id}/holders', ['org.holder_assigned'], async () => {
      const r = await admin.post(`/api/v1/org/positions/${position.id}/holders`, { userId: user.id, kind: 'definitif', startsOn: today });
      holder = r.json().id;
      return r;
    });
    let grant = '';
    await walk('POST /api/v1/org/users/{id}/roles', ['org.role_granted'], async () => {
      const r = await admin.post(`/api/v1/org/users/${user.id}/roles`, { role: 'drafter', unitId: unit.id });
      grant = r.json().id;
      return r;
    });
    await walk('DELETE /api/v1/org/roles/{id}', ['org.role_revoked'], () => admin.delete(`/api/v1/org/roles/${grant}`));
    await walk('POST /api/v1/org/users/{id}/reset-password', ['org.user_password_reset'], async () => {
      const r = await admin.post(`/api/v1/org/users/${user.id}/reset-password`);
      temporary = r.json().temporaryPassword;
      return r;
    });
    await walk('POST /api/v1/org/users/{id}/unlock', ['org.user_unlocked'], () => admin.post(`/api/v1/org/users/${user.id}/unlock`));
    await walk('POST /api/v1/org/import', ['org.imported'], () =>
      admin.request('POST', '/api/v1/org/import', 'kode;nama;jenis;kode_induk\nUJI2/410.01;Bagian Uji Impor;bagian;410.01\n', { 'content-type': 'text/csv' }),
    );

    // The new account: its own password, preferences, notices and 2FA.
    const own = new Client(t.app);
    expect((await own.login('pegawai.audit', temporary)).statusCode).toBe(200);
    await walk('POST /api/v1/auth/password', ['auth.password_changed'], () => own.post('/api/v1/auth/password', { currentPassword: temporary, newPassword: 'Audit-Baru-2026' }));
    await walk('PATCH /api/v1/me/preferences', ['auth.preferences_updated'], () => own.patch('/api/v1/me/preferences', { lang: 'en' }));
    await walk('PUT /api/v1/me/notification-preferences', ['notify.preferences_updated'], () => own.put('/api/v1/me/notification-preferences', { events: { disposition_received: ['email'] }, quietStart: '21:00', quietEnd: '06:00' }));
    let secret = '';
    await walk('POST /api/v1/auth/totp/setup', ['auth.totp_enrolment_started'], async () => {
      const r = await own.post('/api/v1/auth/totp/setup');
      secret = r.json().secret;
      return r;
    });
    await walk('POST /api/v1/auth/totp/confirm', ['auth.totp_enabled'], () => own.post('/api/v1/auth/totp/confirm', { code: totpCode(secret, t.ctx.now()) }));
    await walk('POST /api/v1/auth/recovery-codes', ['auth.recovery_codes_renewed'], () => own.post('/api/v1/auth/recovery-codes', { code: nextTotp(t.ctx, secret) }));
    await walk('POST /api/v1/auth/totp/disable', ['auth.totp_disabled'], () => own.post('/api/v1/auth/totp/disable', { password: 'Audit-Baru-2026', code: nextTotp(t.ctx, secret) }));
    await own.post('/api/v1/auth/totp/setup').then((r) => own.post('/api/v1/auth/totp/confirm', { code: nextTotp(t.ctx, r.json().secret) }));
    await walk('POST /api/v1/org/users/{id}/reset-totp', ['org.user_totp_reset'], () => admin.post(`/api/v1/org/users/${user.id}/reset-totp`));
    await walk('DELETE /api/v1/org/holders/{id}', ['org.holder_ended'], () => admin.delete(`/api/v1/org/holders/${holder}?endsOn=${today}`));
  }, 300_000);

  it('catalogue, SOP standards and numbering operations leave their audit events', async () => {
    const admin = c['admin']!;
    const surat = await typeId(admin, 'surat');
    const type = ((await admin.get('/api/v1/document-types')).json() as Array<{ id: string; version: number; selfApprovalAllowed: boolean }>).find((x) => x.id === surat)!;
    await walk('PATCH /api/v1/document-types/{id}', ['catalog.document_type_policy_changed'], () => admin.patch(`/api/v1/document-types/${surat}`, { version: type.version, selfApprovalAllowed: type.selfApprovalAllowed }));
    const kop = ((await admin.get('/api/v1/letterheads')).json() as Array<{ id: string }>)[0]!.id;
    const docx = await downloadTemplate(admin, surat, kop);
    await walk('POST /api/v1/templates', ['catalog.template_uploaded'], () =>
      upload(admin, '/api/v1/templates', { documentTypeId: surat, letterheadId: kop, paper: 'A4' }, [{ field: 'file', filename: 'templat.docx', content: docx }]),
    );
    const steps = [
      { no: 1, activity: 'Konsep', phase: 'draft', minutes: 30 },
      { no: 2, activity: 'Verifikasi Kabid', phase: 'verify', minutes: 10 },
      { no: 3, activity: 'TTE', phase: 'sign', minutes: 5 },
    ];
    let std = { id: '', version: 0 };
    await walk('POST /api/v1/sop-standards', ['catalog.sop_standard_created'], async () => {
      const r = await admin.post('/api/v1/sop-standards', { unitId: ids.units.get('perkimta')!, documentTypeId: surat, sopName: 'Surat Dinas Disperkimta (uji audit)', steps });
      std = r.json();
      return r;
    });
    await walk('PUT /api/v1/sop-standards/{id}', ['catalog.sop_standard_updated'], async () => {
      const r = await admin.put(`/api/v1/sop-standards/${std.id}`, { version: std.version, sopName: 'Surat Dinas Disperkimta (uji audit)', steps, statedTotalMinutes: 45 });
      std = r.json();
      return r;
    });
    await walk('DELETE /api/v1/sop-standards/{id}', ['catalog.sop_standard_deleted'], () => admin.delete(`/api/v1/sop-standards/${std.id}?version=${std.version}`));

    const officer = await loginAs(t.app, t.ctx, 'arsip.dukcapil');
    let entryId = '';
    await walk('POST /api/v1/numbering/reservations', ['numbering.reserved'], async () => {
      const r = await officer.post('/api/v1/numbering/reservations', { unitId: ids.units.get('dukcapil')!, classificationCode: '400.12.2', hal: 'Undangan sosialisasi uji audit' });
      entryId = r.json().entryId;
      return r;
    });
    const entry = ((await officer.get(`/api/v1/numbering/units/${ids.units.get('dukcapil')!}/entries?status=reserved`)).json().items as Array<{ id: string; version: number }>).find((e) => e.id === entryId)!;
    await walk('POST /api/v1/numbering/entries/{id}/cancel', ['numbering.cancelled'], () => officer.post(`/api/v1/numbering/entries/${entryId}/cancel`, { reason: 'Acara ditunda', version: entry.version }));
    await walk('PUT /api/v1/numbering/units/{unitId}/settings', ['numbering.settings_updated'], () =>
      admin.put(`/api/v1/numbering/units/${ids.units.get('perkimta-perumahan')!}/settings`, { mode: null, defaultFormat: null, typeFormats: {}, version: null }),
    );
  }, 300_000);

  it('classification, berkas, record, legal hold and loan operations leave their audit events', async () => {
    const admin = c['admin']!;
    const kabag = c['kabag.umum']!;
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    await walk('POST /api/v1/archive/classifications', ['archive.classification_created'], () =>
      admin.post('/api/v1/archive/classifications', { code: '400.12.2.9', name: 'Pelayanan Keliling', retentionActiveYears: 2, retentionInactiveYears: 3, finalDisposition: 'dinilai_kembali' }),
    );
    await walk('PATCH /api/v1/archive/classifications/{code}', ['archive.classification_updated'], () => admin.patch('/api/v1/archive/classifications/400.12.2.9', { name: 'Pelayanan Keliling Kependudukan', version: 1 }));
    await walk('POST /api/v1/archive/classifications/import', ['archive.classifications_imported'], () =>
      admin.post('/api/v1/archive/classifications/import', 'kode;nama;retensi_aktif;retensi_inaktif;keterangan_akhir\n500.12.3;Layanan Aplikasi;2;3;musnah\n', { 'content-type': 'text/csv' }),
    );

    // A record of the Bagian Umum, filed in its unit × code × year berkas on declaration.
    const unitId = ids.units.get('bagian-umum')!;
    const { recordId, berkasId: filed } = await declareRecord(t.ctx.database.db, {
      sourceKind: 'incoming',
      sourceId: '00000000-0000-7000-8000-0000000a0d17',
      unitId,
      classificationCode: '800.1.11.1',
      number: '800/17/AUDIT/2026',
      title: 'Surat tugas uji audit',
      documentDate: today,
      sifat: 'biasa',
      files: [],
      participants: { userIds: [], positionIds: [] },
      snapshot: { kind: 'incoming' },
      declaredByUserId: null,
      now: t.ctx.now(),
    });
    const berkasOf = async (id: string) => (await kabag.get(`/api/v1/archive/berkas/${id}`)).json();
    let berkas = { id: '', version: 0 };
    await walk('POST /api/v1/archive/berkas', ['archive.berkas_created'], async () => {
      const r = await kabag.post('/api/v1/archive/berkas', { unitId, classificationCode: '800.1.11.1', year: Number(today.slice(0, 4)), activity: 'Perjalanan dinas uji audit' });
      berkas = r.json();
      return r;
    });
    await walk('PATCH /api/v1/archive/berkas/{id}', ['archive.berkas_updated'], () => kabag.patch(`/api/v1/archive/berkas/${berkas.id}`, { version: berkas.version, locationBuilding: 'Gedung A', locationRoom: 'Ruang Arsip' }));
    const item = (await berkasOf(filed)).items.find((x: { id: string }) => x.id === recordId);
    await walk('POST /api/v1/archive/records/{id}/move', ['archive.record_moved'], () => kabag.post(`/api/v1/archive/records/${recordId}/move`, { berkasId: berkas.id, version: item.version }));
    const moved = (await berkasOf(berkas.id)).items.find((x: { id: string }) => x.id === recordId);
    await walk('POST /api/v1/archive/records/{id}/legal-hold', ['archive.legal_hold_set'], () => kabag.post(`/api/v1/archive/records/${recordId}/legal-hold`, { version: moved.version, hold: true, reason: 'Perkara uji audit' }));
    await walk('POST /api/v1/archive/berkas/{id}/legal-hold', ['archive.legal_hold_set'], async () =>
      kabag.post(`/api/v1/archive/berkas/${berkas.id}/legal-hold`, { version: (await berkasOf(berkas.id)).version, hold: true, reason: 'Perkara uji audit' }),
    );
    let loan = { id: '', version: 0 };
    await walk('POST /api/v1/archive/loans', ['archive.loaned'], async () => {
      const r = await kabag.post('/api/v1/archive/loans', { berkasId: berkas.id, borrowerUserId: ids.users.get('staf.umum')!, purpose: 'Bahan pemeriksaan uji audit', dueOn: today });
      loan = r.json();
      return r;
    });
    await walk('POST /api/v1/archive/loans/{id}/return', ['archive.loan_returned'], () => kabag.post(`/api/v1/archive/loans/${loan.id}/return`, { version: loan.version }));
    await walk('POST /api/v1/archive/berkas/{id}/close', ['archive.berkas_closed'], async () => kabag.post(`/api/v1/archive/berkas/${berkas.id}/close`, { version: (await berkasOf(berkas.id)).version }));
  }, 300_000);

  it('incoming letters and dispositions leave their audit events', async () => {
    for (const u of ['arsip.kominfo', 'kadis.kominfo', 'kabid.persandian', 'kabid.ikp']) c[u] ??= await loginAs(t.app, t.ctx, u);
    const arsip = c['arsip.kominfo']!;
    const kadis = c['kadis.kominfo']!;
    const kabid = c['kabid.persandian']!;
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    const data = (letterNumber: string) => ({
      sender: { instansi: 'Dinas Pendidikan Kabupaten Contoh', jabatan: 'Kepala Dinas Pendidikan' },
      letterNumber,
      letterDate: today,
      hal: `Permohonan akun e-mail dinas ${letterNumber}`,
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.6',
      addressedPositionId: pos(ids, 'kadis-kominfo'),
    });
    const scan = async (n: string) => [{ field: 'scan', filename: 'surat.pdf', content: await letterPdf(['DINAS PENDIDIKAN KABUPATEN CONTOH', `Nomor : ${n}`]) }];
    const letter = async (cl: Client, id: string) => (await cl.get(`/api/v1/incoming-letters/${id}`)).json();
    let id = '';
    await walk('POST /api/v1/incoming-letters', ['incoming.registered', 'archive.record_declared'], async () => {
      const r = await upload(arsip, '/api/v1/incoming-letters', { data: JSON.stringify(data('045/1/AUDIT/2026')) }, await scan('045/1/AUDIT/2026'));
      id = r.json().id;
      return r;
    });
    let pending = { id: '', version: 0 };
    await walk('POST /api/v1/incoming-letters/scans', ['incoming.pending_created'], async () => {
      const r = await upload(arsip, '/api/v1/incoming-letters/scans', {}, await scan('045/2/AUDIT/2026'));
      pending = r.json();
      return r;
    });
    await walk('POST /api/v1/incoming-letters/{id}/register', ['incoming.registered', 'archive.record_declared'], () =>
      upload(arsip, `/api/v1/incoming-letters/${pending.id}/register`, { version: pending.version, data: JSON.stringify(data('045/2/AUDIT/2026')) }, []),
    );
    const junk = (await upload(arsip, '/api/v1/incoming-letters/scans', {}, await scan('045/3/AUDIT/2026'))).json();
    await walk('POST /api/v1/incoming-letters/{id}/discard', ['incoming.discarded'], () => arsip.post(`/api/v1/incoming-letters/${junk.id}/discard`, { version: junk.version, reason: 'Bukan surat dinas' }));
    await walk('POST /api/v1/incoming-letters/{id}/send', ['incoming.sent'], async () => arsip.post(`/api/v1/incoming-letters/${id}/send`, { version: (await letter(arsip, id)).version }));
    await walk('POST /api/v1/incoming-letters/{id}/read', ['incoming.read'], () => kadis.post(`/api/v1/incoming-letters/${id}/read`));
    const dispose = (receiver: string) => kadis.post(`/api/v1/incoming-letters/${id}/dispositions`, { receiverPositionIds: [pos(ids, receiver)], instructions: ['tindak_lanjut'] });
    let node = { id: '', version: 0 };
    await walk('POST /api/v1/incoming-letters/{id}/dispositions', ['disposition.disposed'], async () => {
      const r = await dispose('kabid-sp');
      node = r.json()[0];
      return r;
    });
    await walk('POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/read', ['disposition.read'], () => kabid.post(`/api/v1/incoming-letters/${id}/dispositions/${node.id}/read`));
    const unread = (await dispose('sekdis-kominfo')).json()[0];
    await walk('POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/cancel', ['disposition.cancelled'], () => kadis.post(`/api/v1/incoming-letters/${id}/dispositions/${unread.id}/cancel`, { version: unread.version }));
    const other = (await dispose('kabid-ikp')).json()[0];
    await c['kabid.ikp']!.post(`/api/v1/incoming-letters/${id}/dispositions/${other.id}/read`);
    await walk('POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/withdraw', ['disposition.withdrawn'], async () => {
      const n = (await letter(kadis, id)).dispositions.find((x: { id: string }) => x.id === other.id);
      return kadis.post(`/api/v1/incoming-letters/${id}/dispositions/${other.id}/withdraw`, { version: n.version, reason: 'Sudah ditangani bidang lain' });
    });
    const reply = await kabid.post('/api/v1/documents', {
      documentTypeId: await typeId(kabid, 'surat'),
      draftKind: 'pdf',
      hal: 'Balasan: permohonan akun e-mail dinas',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.6',
      recipients: [{ role: 'to', kind: 'external', externalName: 'Kepala Dinas Pendidikan Kabupaten Contoh' }],
      verifierPositionIds: [],
      signerPositionId: pos(ids, 'kadis-kominfo'),
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await walk('POST /api/v1/incoming-letters/{id}/replies', ['incoming.reply_drafted'], () => kabid.post(`/api/v1/incoming-letters/${id}/replies`, { documentId: reply.json().id }));
    // The receiver has no disposition below him: his report completes the node.
    await walk('POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/report', ['disposition.completed'], async () => {
      const n = (await letter(kabid, id)).dispositions.find((x: { id: string }) => x.id === node.id);
      return upload(kabid, `/api/v1/incoming-letters/${id}/dispositions/${node.id}/report`, { version: n.version, text: 'Akun sudah dibuat.' }, []);
    });
    // A signed letter of Disperkimta delivered to the Kepala Diskominfo, taken in as an incoming letter.
    const db = t.ctx.database.db;
    const documentId = (
      await db.execute<{ id: string }>(sql`
        insert into documents (id, document_type_id, issuing_unit_id, drafter_user_id, hal, sifat, urgensi, classification_code, lampiran, draft_kind, signer_position_id, status, numbering_mode, number, document_date, signed_as)
        values (gen_random_uuid(), ${await typeId(kadis, 'surat')}, ${ids.units.get('perkimta')}, ${ids.users.get('staf.perumahan')}, 'Permohonan data rumah uji audit', 'biasa', 'biasa', '600.2', '-', 'pdf', ${pos(ids, 'kadis-perkimta')}, 'delivered', 'at_signing', '600.2/99/410.30/2026', ${today}, 'Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan')
        returning id`)
    ).rows[0]!.id;
    await db.execute(sql`insert into document_deliveries (id, document_id, role, recipient_position_id, delivered_at) values (gen_random_uuid(), ${documentId}, 'to', ${pos(ids, 'kadis-kominfo')}, now())`);
    await walk('POST /api/v1/incoming-letters/from-document/{id}', ['incoming.taken_from_delivery'], () => kadis.post(`/api/v1/incoming-letters/from-document/${documentId}`));
  }, 300_000);

  it('a verifier\'s edit, the signature and the dispatch of an outgoing letter leave their audit events', async () => {
    c['sekda'] ??= await loginAs(t.app, t.ctx, 'sekda');
    const kabag = c['kabag.umum']!;
    const id = await pdfDraft(c['staf.umum']!, {
      documentTypeId: await typeId(kabag, 'surat'),
      hal: 'Audit: surat bertanda tangan',
      recipients: [
        { role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') },
        { role: 'to', kind: 'external', externalName: 'Kepala Kantor Pos Contoh', externalAddress: 'Jl. Pemuda 1' },
      ],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
      submit: true,
    });
    await walk('POST /api/v1/documents/{id}/edit-and-approve', ['outgoing.version_added', 'outgoing.edited_and_approved'], async () =>
      upload(kabag, `/api/v1/documents/${id}/edit-and-approve`, { version: (await detail(kabag, id)).version, note: 'Diperbaiki verifikator' }, [{ field: 'file', filename: 'konsep-kabag.pdf', content: await simpleLetterPdf('Audit: surat bertanda tangan (perbaikan)') }]),
    );
    await walk('POST /api/v1/documents/{id}/sign', ['numbering.allocated', 'outgoing.signed', 'signature.pdf_signed', 'outgoing.delivered'], async () =>
      c['sekda']!.post(`/api/v1/documents/${id}/sign`, { version: (await detail(c['sekda']!, id)).version, passphrase: DEMO_PASSPHRASE }),
    );
    c['kadis.kominfo'] ??= await loginAs(t.app, t.ctx, 'kadis.kominfo');
    await walk('POST /api/v1/documents/{id}/read', ['outgoing.read'], () => c['kadis.kominfo']!.post(`/api/v1/documents/${id}/read`));
    const officer = c['kasubag.tu']!;
    const dispatch = ((await officer.get('/api/v1/outbox')).json().items as Array<{ id: string; documentId: string }>).find((i) => i.documentId === id)!;
    await walk('POST /api/v1/dispatches/{id}/send', ['correspondence.dispatched'], () => officer.post(`/api/v1/dispatches/${dispatch.id}/send`, { channel: 'post', note: 'Diantar kurir dinas', receiptNumber: 'RR987654321ID' }));
    await walk('PATCH /api/v1/dispatches/{id}/receipt', ['correspondence.dispatch_receipt_recorded'], () =>
      officer.patch(`/api/v1/dispatches/${dispatch.id}/receipt`, { receivedByName: 'Sri Wahyuni', receivedOn: isoDateIn(t.ctx.config.timeZone, t.ctx.now()) }),
    );
  }, 300_000);

  it('the mailbox of a unit leaves its audit events', async () => {
    const unitId = ids.units.get('kominfo')!;
    await walk('PUT /api/v1/mail-intake/mailboxes/{unitId}', ['mailintake.configured'], () =>
      c['admin']!.put(`/api/v1/mail-intake/mailboxes/${unitId}`, { host: 'imap.contohkab.go.id', port: 993, tls: true, username: 'diskominfo@contohkab.go.id', password: 'Rahasia-Kotak-2026', enabled: false }),
    );
    await walk('POST /api/v1/mail-intake/mailboxes/{unitId}/check', ['mailintake.check_requested'], () => c['admin']!.post(`/api/v1/mail-intake/mailboxes/${unitId}/check`));
  });

  it('a destruction proposal, from the panitia to the signed berita acara, leaves its audit events', async () => {
    c['sekda'] ??= await loginAs(t.app, t.ctx, 'sekda');
    const kabag = c['kabag.umum']!;
    const sekda = c['sekda']!;
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    const lastYear = Number(today.slice(0, 4)) - 1;
    // A berkas of last year, closed and past its (ten-year) retention, so the Kepala ANRI's approval is needed.
    const { berkasId } = await declareRecord(t.ctx.database.db, {
      sourceKind: 'incoming',
      sourceId: '00000000-0000-7000-8000-0000000d15a1',
      unitId: ids.units.get('bagian-umum')!,
      classificationCode: '800.1.11.1',
      number: `800/3/AUDIT/${lastYear}`,
      title: 'Surat tugas pemeriksaan gudang (uji audit)',
      documentDate: `${lastYear}-03-10`,
      sifat: 'biasa',
      files: [],
      participants: { userIds: [], positionIds: [] },
      snapshot: { kind: 'incoming' },
      declaredByUserId: null,
      now: t.ctx.now(),
    });
    await t.ctx.database.db.execute(sql`update archive_berkas set status = 'closed', closed_at = now(), retention_active_years = 5, retention_inactive_years = 5, final_disposition = 'musnah',
      active_until = ${`${lastYear}-06-01`}, inactive_until = ${`${lastYear}-12-31`}, state = 'inaktif' where id = ${berkasId}`);
    let d = { id: '', version: 0 };
    const step = async (r: Promise<{ statusCode: number; body: string; json(): unknown }>) => {
      const res = await r;
      if (res.statusCode < 300) d = res.json() as typeof d;
      return res;
    };
    await walk('POST /api/v1/archive/disposals', ['archive.disposal_proposed'], () =>
      step(kabag.post('/api/v1/archive/disposals', { kind: 'musnah', unitId: ids.units.get('bagian-umum')!, berkasIds: [berkasId], panitiaUserIds: [ids.users.get('kasubag.tu')!] })),
    );
    await walk('POST /api/v1/archive/disposals/{id}/assess', ['archive.disposal_assessed'], () =>
      step(c['kasubag.tu']!.post(`/api/v1/archive/disposals/${d.id}/assess`, { version: d.version, items: [{ berkasId, approved: true, pertimbangan: 'Tidak bernilai guna lagi' }] })),
    );
    await walk('POST /api/v1/archive/disposals/{id}/anri-approval', ['archive.disposal_anri_approval'], async () =>
      step(upload(kabag, `/api/v1/archive/disposals/${d.id}/anri-approval`, { version: d.version, number: 'B-123/ANRI/2026', date: today }, [{ field: 'file', filename: 'persetujuan-anri.pdf', content: await simpleLetterPdf('Persetujuan Kepala ANRI') }])),
    );
    await walk('POST /api/v1/archive/disposals/{id}/decide', ['archive.disposal_decided'], () => step(sekda.post(`/api/v1/archive/disposals/${d.id}/decide`, { version: d.version, keputusanNumber: '000.5.7/99/2026', keputusanDate: today })));
    await walk('POST /api/v1/archive/disposals/{id}/execute', ['archive.disposal_executed', 'archive.record_destroyed'], () => step(kabag.post(`/api/v1/archive/disposals/${d.id}/execute`, { version: d.version })));
    await walk('POST /api/v1/archive/disposals/{id}/sign', ['archive.disposal_signed', 'signature.pdf_signed'], () => step(sekda.post(`/api/v1/archive/disposals/${d.id}/sign`, { version: d.version, passphrase: DEMO_PASSPHRASE })));
  }, 300_000);

  it('signing key operations leave their audit events', async () => {
    const signer = await loginAs(t.app, t.ctx, 'kadis.perkimta');
    const certificate = async () => (await signer.get('/api/v1/signature/certificate')).json();
    const next = 'Passphrase-Lain-2026';
    expect((await reauth(signer, t.ctx, 'kadis.perkimta')).statusCode).toBe(200);
    await walk('POST /api/v1/signature/passphrase', ['signature.passphrase_changed'], async () =>
      signer.post('/api/v1/signature/passphrase', { current: DEMO_PASSPHRASE, next, version: (await certificate()).version }),
    );
    await walk('POST /api/v1/signature/certificate/renew', ['signature.certificate_renewed'], async () => signer.post('/api/v1/signature/certificate/renew', { passphrase: next, version: (await certificate()).version }));
    await walk('POST /api/v1/signature/certificate/revoke', ['signature.certificate_revoked'], async () =>
      signer.post('/api/v1/signature/certificate/revoke', { reason: 'keyCompromise', version: (await certificate()).version }),
    );
    await walk('POST /api/v1/signature/enrol', ['signature.enrolled'], () => signer.post('/api/v1/signature/enrol', { passphrase: DEMO_PASSPHRASE }));
    // An account the administrator created: its first key needs a registration authority's approval.
    const created = await c['admin']!.post('/api/v1/org/users', { username: 'pejabat.audit', name: 'Pejabat Uji Audit', nip: '198502022010011099' });
    expect(created.statusCode, created.body).toBe(201);
    const ra = await loginAs(t.app, t.ctx, 'ra.persandian');
    expect((await reauth(ra, t.ctx, 'ra.persandian')).statusCode).toBe(200);
    await walk('POST /api/v1/signature/users/{userId}/enrolment-approval', ['signature.enrolment_approved'], () =>
      ra.post(`/api/v1/signature/users/${created.json().user.id}/enrolment-approval`, { note: 'Identitas diperiksa langsung (KTP, SK jabatan)' }),
    );
    // Signing a PDF outside the workflow, with the role the administrator grants for it.
    c['kadis.kominfo'] ??= await loginAs(t.app, t.ctx, 'kadis.kominfo');
    expect((await c['admin']!.post(`/api/v1/org/users/${ids.users.get('kadis.kominfo')!}/roles`, { role: 'tte_outside_workflow', unitId: null })).statusCode).toBe(201);
    await walk('POST /api/v1/signature/sign', ['signature.pdf_signed'], async () => {
      const { body, headers } = multipart({ passphrase: DEMO_PASSPHRASE, options: '{}' }, [{ field: 'file', filename: 'nota.pdf', content: await markedPdf({ title: 'Nota di luar alur' }), contentType: 'application/pdf' }]);
      return c['kadis.kominfo']!.request('POST', '/api/v1/signature/sign', body, headers);
    });
    // The office's electronic seal: issued and revoked by the administrator, re-authenticated.
    const admin = c['admin']!;
    const sealUnit = ids.units.get('kominfo')!;
    expect((await reauth(admin, t.ctx, 'admin')).statusCode).toBe(200);
    await walk('POST /api/v1/signature/units/{unitId}/seal', ['signature.seal_issued'], () => admin.post(`/api/v1/signature/units/${sealUnit}/seal`, {}));
    await walk('POST /api/v1/signature/units/{unitId}/seal/revoke', ['signature.seal_revoked'], async () =>
      admin.post(`/api/v1/signature/units/${sealUnit}/seal/revoke`, { reason: 'superseded', version: (await admin.get(`/api/v1/signature/units/${sealUnit}/seal`)).json().own.version }),
    );
  }, 300_000);

  it('a service request, from the verified WhatsApp number to the activated mailbox, leaves its audit events', async () => {
    // The mailbox directory: a stand-in that accepts everything (the directory tests drive the real ones).
    const directory: Directory = {
      kind: 'ldap',
      addressTaken: async () => false,
      createAccount: async (a) => ({ accountId: `uid=${a.address}`, address: a.address, created: true, temporaryPassword: 'Sementara-Acak-2026', attributes: {} }),
      activate: async () => {},
      resetPassword: async () => 'Sementara-Lagi-2026',
      setSuspended: async () => {},
      passwordPolicy: async () => ({ minLength: 10, history: 0, requireMixed: true }),
      close: async () => {},
    };
    setServiceDeskDeps(t.ctx, { directory });
    for (const u of ['staf.perumahan', 'kadis.kominfo', 'kabid.persandian', 'kasi.kamsinfo', 'admin.email']) c[u] ??= await loginAs(t.app, t.ctx, u);
    const applicant = c['staf.perumahan']!;
    const number = '6281234500011';
    let verification = '';
    await walk('POST /api/v1/servicedesk/phone-verifications', ['servicedesk.phone_code_requested'], async () => {
      const r = await applicant.post('/api/v1/servicedesk/phone-verifications', { whatsapp: '081234500011' });
      verification = r.json().id;
      return r;
    });
    await walk('POST /api/v1/servicedesk/phone-verifications/{id}/confirm', ['servicedesk.phone_verified'], async () =>
      applicant.post(`/api/v1/servicedesk/phone-verifications/${verification}/confirm`, { code: codeIn(await lastWhatsApp(number)) }),
    );
    let id = '';
    await walk('POST /api/v1/servicedesk/tickets', ['servicedesk.requested'], async () => {
      const r = await upload(applicant, '/api/v1/servicedesk/tickets', { serviceKey: 'email-kedinasan', applicantName: 'Slamet Riyadi', nip: '199202142017081001', unitId: ids.units.get('perkimta-perumahan')!, positionTitle: 'Pelaksana Bidang Perumahan', desiredAddress: 'slamet.riyadi', whatsappVerificationId: verification }, [
        { field: 'file', filename: 'surat-permohonan.pdf', content: await requestLetterPdf('Slamet Riyadi'), contentType: 'application/pdf' },
      ]);
      id = r.json().id;
      return r;
    });
    const ticket = async () => (await c['admin.email']!.get(`/api/v1/servicedesk/tickets/${id}`)).json();
    const actOn = async (u: string, body: Record<string, unknown>) => c[u]!.post(`/api/v1/servicedesk/tickets/${id}/actions`, { version: (await ticket()).version, ...body });
    await walk('POST /api/v1/servicedesk/tickets/{id}/actions', ['servicedesk.disposed'], () => actOn('kadis.kominfo', { action: 'dispose', note: 'Untuk ditindaklanjuti' }));
    expect((await actOn('kabid.persandian', { action: 'dispose' })).statusCode).toBe(200);
    expect((await actOn('kasi.kamsinfo', { action: 'return', reason: 'Surat permohonan belum ditandatangani' })).statusCode).toBe(200);
    await walk('POST /api/v1/servicedesk/tickets/{id}/resubmit', ['servicedesk.resubmitted'], async () =>
      upload(applicant, `/api/v1/servicedesk/tickets/${id}/resubmit`, { version: (await ticket()).version, note: 'Sudah ditandatangani' }, [
        { field: 'file', filename: 'surat-ttd.pdf', content: await requestLetterPdf('Slamet Riyadi', true), contentType: 'application/pdf' },
      ]),
    );
    expect((await actOn('kasi.kamsinfo', { action: 'accept', checklist: { letter_signed: true } })).statusCode).toBe(200);
    expect((await actOn('admin.email', { action: 'provision' })).statusCode).toBe(200);
    await runProvisionJob(t.ctx, { ticketId: id }, { id: 'audit-coverage', retryCount: 0 });
    expect((await ticket()).status).toBe('awaiting_activation');
    // The one-time link in the WhatsApp message; the owner's steps on the public page.
    const token = /\/aktivasi\/([A-Za-z0-9_-]+)/.exec(await lastWhatsApp(number, 'servicedesk.activation%'))![1]!;
    const page = new Client(t.app);
    const base = `/api/v1/public/activation/${token}`;
    let code = { verificationId: '' };
    await walk('POST /api/v1/public/activation/{token}/code', ['servicedesk.activation_code_sent'], async () => {
      const r = await page.post(`${base}/code`);
      code = r.json();
      return r;
    });
    await walk('POST /api/v1/public/activation/{token}/verify', ['servicedesk.activation_code_verified'], async () =>
      page.post(`${base}/verify`, { verificationId: code.verificationId, code: codeIn(await lastWhatsApp(number)) }),
    );
    await walk('POST /api/v1/public/activation/{token}/password', ['servicedesk.activation_password_set'], () => page.post(`${base}/password`, { password: 'Slamet-Riyadi-Kedinasan-2026' }));
    let secret = '';
    await walk('POST /api/v1/public/activation/{token}/totp', ['servicedesk.activation_totp_started'], async () => {
      const r = await page.post(`${base}/totp`);
      secret = r.json().secret;
      return r;
    });
    await walk('POST /api/v1/public/activation/{token}/totp/confirm', ['servicedesk.activated'], () => page.post(`${base}/totp/confirm`, { code: totpCode(secret, t.ctx.now()) }));
  }, 300_000);

  it('bulk signing, stopped by a shutdown and resumed, and a bulk run of uploaded PDFs leave their audit events', async () => {
    c['sekda'] ??= await loginAs(t.app, t.ctx, 'sekda');
    const kabag = c['kabag.umum']!;
    const id = await pdfDraft(c['staf.umum']!, {
      documentTypeId: await typeId(kabag, 'surat'),
      hal: 'Audit: TTE massal',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
      submit: true,
    });
    const approved = await act(kabag, id, 'approve', { version: (await detail(kabag, id)).version });
    // Shutdown begins as the batch is accepted: it is written down, nothing is signed.
    t.ctx.shutdown.abort();
    let batchId = '';
    await walk('POST /api/v1/documents/sign-bulk', ['outgoing.bulk_sign_started'], async () => {
      const r = await c['sekda']!.post('/api/v1/documents/sign-bulk', { items: [{ id, version: approved.version }], passphrase: DEMO_PASSPHRASE });
      batchId = r.json().batchId;
      return r;
    });
    await drainInflight(t.ctx, 60_000);
    t.ctx.shutdown = new AbortController();
    await walk('POST /api/v1/sign-batches/{id}/resume', ['outgoing.bulk_sign_resumed'], () => c['sekda']!.post(`/api/v1/sign-batches/${batchId}/resume`, { passphrase: DEMO_PASSPHRASE }));
    await drainInflight(t.ctx, 60_000);
    expect((await detail(c['sekda']!, id)).status).toBe('delivered');

    // Uploaded PDFs signed outside the workflow (kadis.kominfo holds that role from the walk above).
    const signer = (c['kadis.kominfo'] ??= await loginAs(t.app, t.ctx, 'kadis.kominfo'));
    let fileId = '';
    await walk('POST /api/v1/signature/uploads', ['signature.pdf_uploaded'], async () => {
      const { body, headers } = multipart({}, [{ field: 'file', filename: 'nota-massal.pdf', content: await markedPdf({ title: 'Nota massal' }), contentType: 'application/pdf' }]);
      const r = await signer.request('POST', '/api/v1/signature/uploads', body, headers);
      fileId = r.json().id;
      return r;
    });
    await walk('POST /api/v1/signature/batches', ['signature.bulk_started', 'signature.pdf_signed', 'signature.bulk_finished'], () =>
      signer.post('/api/v1/signature/batches?wait=true', { fileIds: [fileId], passphrase: DEMO_PASSPHRASE, options: {} }),
    );
  }, 300_000);

  it('walked every operation it lists as walked', () => {
    for (const op of WALKED) expect(walked.has(op), `${op} was walked`).toBe(true);
  });
});

/** The operations walked above (checked against the walk at its end). */
const WALKED = new Set([
  'PUT /api/v1/org/units/{id}/seal', 'DELETE /api/v1/org/units/{id}/seal', 'POST /api/v1/org/units', 'PATCH /api/v1/org/units/{id}', 'POST /api/v1/org/positions',
  'PATCH /api/v1/org/positions/{id}', 'POST /api/v1/org/positions/{id}/holders', 'DELETE /api/v1/org/holders/{id}', 'POST /api/v1/org/users',
  'PATCH /api/v1/org/users/{id}', 'POST /api/v1/org/users/{id}/reset-password', 'POST /api/v1/org/users/{id}/unlock', 'POST /api/v1/org/users/{id}/reset-totp',
  'POST /api/v1/org/users/{id}/roles', 'DELETE /api/v1/org/roles/{id}', 'POST /api/v1/org/import',
  'POST /api/v1/documents', 'POST /api/v1/documents/{id}/versions', 'PATCH /api/v1/documents/{id}', 'POST /api/v1/documents/{id}/attachments',
  'DELETE /api/v1/documents/{id}/attachments/{attachmentId}', 'POST /api/v1/documents/{id}/submit', 'POST /api/v1/documents/{id}/return',
  'POST /api/v1/documents/{id}/cancel', 'POST /api/v1/documents/{id}/approve', 'POST /api/v1/recipient-groups', 'POST /api/v1/documents/{id}/edit-and-approve',
  'POST /api/v1/documents/{id}/sign', 'POST /api/v1/dispatches/{id}/send', 'PATCH /api/v1/dispatches/{id}/receipt',
  'PUT /api/v1/admin/mfa-policy', 'POST /api/v1/auth/login', 'DELETE /api/v1/me/sessions/{id}', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all',
  'PATCH /api/v1/me/preferences', 'POST /api/v1/auth/password', 'POST /api/v1/auth/totp/setup', 'POST /api/v1/auth/totp/confirm', 'POST /api/v1/auth/totp/disable',
  'POST /api/v1/auth/recovery-codes', 'PUT /api/v1/me/notification-preferences',
  'PATCH /api/v1/document-types/{id}', 'POST /api/v1/templates', 'POST /api/v1/sop-standards', 'PUT /api/v1/sop-standards/{id}', 'DELETE /api/v1/sop-standards/{id}',
  'POST /api/v1/numbering/reservations', 'POST /api/v1/numbering/entries/{id}/cancel', 'PUT /api/v1/numbering/units/{unitId}/settings',
  'POST /api/v1/archive/classifications', 'PATCH /api/v1/archive/classifications/{code}', 'POST /api/v1/archive/classifications/import', 'POST /api/v1/archive/berkas',
  'PATCH /api/v1/archive/berkas/{id}', 'POST /api/v1/archive/records/{id}/move', 'POST /api/v1/archive/records/{id}/legal-hold',
  'POST /api/v1/archive/berkas/{id}/legal-hold', 'POST /api/v1/archive/loans', 'POST /api/v1/archive/loans/{id}/return', 'POST /api/v1/archive/berkas/{id}/close',
  'POST /api/v1/archive/disposals', 'POST /api/v1/archive/disposals/{id}/assess', 'POST /api/v1/archive/disposals/{id}/anri-approval',
  'POST /api/v1/archive/disposals/{id}/decide', 'POST /api/v1/archive/disposals/{id}/execute', 'POST /api/v1/archive/disposals/{id}/sign',
  'POST /api/v1/incoming-letters', 'POST /api/v1/incoming-letters/scans', 'POST /api/v1/incoming-letters/{id}/register', 'POST /api/v1/incoming-letters/{id}/discard',
  'POST /api/v1/incoming-letters/{id}/send', 'POST /api/v1/incoming-letters/{id}/read', 'POST /api/v1/incoming-letters/{id}/dispositions',
  'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/read', 'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/cancel',
  'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/withdraw', 'POST /api/v1/incoming-letters/{id}/replies',
  'POST /api/v1/incoming-letters/{id}/dispositions/{nodeId}/report', 'POST /api/v1/incoming-letters/from-document/{id}', 'PUT /api/v1/mail-intake/mailboxes/{unitId}',
  'POST /api/v1/mail-intake/mailboxes/{unitId}/check',
  'POST /api/v1/signature/passphrase', 'POST /api/v1/signature/units/{unitId}/seal', 'POST /api/v1/signature/units/{unitId}/seal/revoke', 'POST /api/v1/signature/certificate/renew', 'POST /api/v1/signature/certificate/revoke', 'POST /api/v1/signature/enrol',
  'POST /api/v1/signature/users/{userId}/enrolment-approval', 'POST /api/v1/signature/sign',
  'POST /api/v1/documents/{id}/read', 'POST /api/v1/documents/sign-bulk', 'POST /api/v1/sign-batches/{id}/resume', 'POST /api/v1/signature/uploads', 'POST /api/v1/signature/batches',
  'POST /api/v1/servicedesk/phone-verifications', 'POST /api/v1/servicedesk/phone-verifications/{id}/confirm', 'POST /api/v1/servicedesk/tickets',
  'POST /api/v1/servicedesk/tickets/{id}/actions', 'POST /api/v1/servicedesk/tickets/{id}/resubmit', 'POST /api/v1/public/activation/{token}/code',
  'POST /api/v1/public/activation/{token}/verify', 'POST /api/v1/public/activation/{token}/password', 'POST /api/v1/public/activation/{token}/totp',
  'POST /api/v1/public/activation/{token}/totp/confirm',
]);
