// Seed 004 (Diskominfo, Layanan Penerbitan Email Kedinasan) over the API, against a real slapd
// (ppolicy) and a WhatsApp gateway fake: request with a verified number → Kepala Dinas →
// Kabid → Kasi (checklist, return, resubmit) → Admin Email (directory job) → activation link →
// code, own password (ldapwhoami), Google Authenticator (oathtool) → active. Personal data:
// every demo role × an open and a done ticket × the request file.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { open } from '../../src/server/crypto/kek.js';
import { LdapDirectory } from '../../src/server/directory/ldapDirectory.js';
import { setServiceDeskDeps } from '../../src/server/servicedesk/deps.js';
import { runProvisionJob, PROVISION_RETRIES } from '../../src/server/servicedesk/jobs.js';
import { createTestApp, loginAs, Client, type TestApp } from '../helpers/testApp.js';
import { upload } from '../helpers/documents.js';
import { startSlapd, slapdAvailable, type Slapd } from '../directory/slapd.js';
import { startFakeWhatsApp, type FakeWhatsApp } from '../servicedesk/fakeWhatsApp.js';
import { requestLetterPdf } from '../servicedesk/letters.js';

const DEMO_USERS = [
  'admin', 'bupati', 'wabup', 'sekda', 'asisten.umum', 'kabag.umum', 'kasubag.tu', 'staf.umum', 'kadis.dukcapil', 'sekdis.dukcapil', 'kasubag.dukcapil', 'arsip.dukcapil',
  'kabid.dafduk', 'admin.dafduk', 'kadis.perkimta', 'sekdis.perkimta', 'kasubag.perkimta', 'kabid.perumahan', 'staf.perumahan', 'kadis.kominfo', 'sekdis.kominfo', 'arsip.kominfo',
  'kabid.persandian', 'kasi.kamsinfo', 'admin.email', 'petugas.pii',
];

let slapd: Slapd;
let wa: FakeWhatsApp;
let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const STAF_WA = '6281234500011';
const OTHER_WA = '6281234500022';

beforeAll(async () => {
  slapd = await startSlapd({ ous: [] });
  wa = await startFakeWhatsApp();
  t = await createTestApp({
    DIRECTORY: 'ldap',
    MAIL_DOMAIN: 'contoh.go.id',
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: slapd.bindDn,
    LDAP_BIND_PASSWORD: slapd.bindPassword,
    LDAP_PEOPLE_DN: `ou=people,${slapd.baseDn}`,
    LDAP_POLICY_DN: `cn=default,ou=policies,${slapd.baseDn}`,
    WHATSAPP: 'fonnte',
    WHATSAPP_RATE_PER_MINUTE: '100000',
    WHATSAPP_URL: wa.url,
    WHATSAPP_TOKEN: wa.token,
    PUBLIC_URL: 'https://naskah.contoh.go.id',
  });
  ids = await seedDemo(t.ctx);
  await t.ctx.jobs.work(0.5);
  for (const u of DEMO_USERS) c[u] = await loginAs(t.app, t.ctx, u);
}, 600_000);
afterAll(async () => {
  await t?.close();
  await wa?.stop();
  await slapd?.stop();
});

// Jobs run in order: the account job queues notices, which the notify job delivers.
const drain = async () => {
  await t.ctx.jobs.drain(['servicedesk.provision', 'servicedesk.directory-op'], 30_000);
  await t.ctx.jobs.drain(['notify.deliver'], 30_000);
};

async function verifiedNumber(cl: Client, number: string): Promise<string> {
  const r = await cl.post('/api/v1/servicedesk/phone-verifications', { whatsapp: number.replace(/^62/, '0') });
  expect(r.statusCode, r.body).toBe(201);
  await drain();
  const ok = await cl.post(`/api/v1/servicedesk/phone-verifications/${r.json().id}/confirm`, { code: wa.lastCode(number) });
  expect(ok.statusCode, ok.body).toBe(200);
  return r.json().id as string;
}

async function fileTicket(cl: Client, f: Record<string, string>, letter?: Uint8Array) {
  return upload(cl, '/api/v1/servicedesk/tickets', f, [{ field: 'file', filename: 'surat-permohonan.pdf', content: letter ?? (await requestLetterPdf(f.applicantName ?? '')), contentType: 'application/pdf' }]);
}

async function detail(cl: Client, id: string) {
  const r = await cl.get(`/api/v1/servicedesk/tickets/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

async function act(cl: Client, id: string, body: Record<string, unknown>) {
  const d = await detail(cl, id);
  return cl.post(`/api/v1/servicedesk/tickets/${id}/actions`, { version: d.version, ...body });
}

describe.skipIf(!slapdAvailable())('seed 004: Layanan Penerbitan Email Kedinasan', { timeout: 300_000 }, () => {
  let id: string;
  let openId: string;
  let temporary = '';
  let token = '';
  const NEW_PASSWORD = 'Slamet-Riyadi-Kedinasan-2026';

  it('step 1: NIP validated, WhatsApp proven by a code, address suggested and free, request letter PDF', async () => {
    const staf = c['staf.perumahan']!;
    const sug = await staf.get('/api/v1/servicedesk/address-suggestions?name=' + encodeURIComponent('Slamet Riyadi'));
    expect(sug.json()[0]).toEqual({ address: 'slamet.riyadi@contoh.go.id', availability: 'free' });

    const base = { applicantName: 'Slamet Riyadi', nip: '199202142017081001', unitId: ids.units.get('perkimta-perumahan')!, positionTitle: 'Pelaksana Bidang Perumahan', desiredAddress: 'slamet.riyadi' };
    // A number nobody confirmed is refused.
    const unconfirmed = await staf.post('/api/v1/servicedesk/phone-verifications', { whatsapp: STAF_WA });
    expect((await fileTicket(staf, { ...base, whatsappVerificationId: unconfirmed.json().id })).json().code).toBe('PHONE_NOT_VERIFIED');
    await drain();
    const wrong = await staf.post(`/api/v1/servicedesk/phone-verifications/${unconfirmed.json().id}/confirm`, { code: wa.lastCode(STAF_WA) === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/Kode verifikasi WhatsApp salah/);

    const vid = await verifiedNumber(staf, STAF_WA);
    const badNip = await fileTicket(staf, { ...base, nip: '199213142017081001', whatsappVerificationId: vid });
    expect(badNip.statusCode).toBe(400);
    expect(badNip.json()).toMatchObject({ code: 'NIP_INVALID' });
    expect(badNip.json().message).toMatch(/NIP tidak valid/);
    const notPdf = await upload(staf, '/api/v1/servicedesk/tickets', { ...base, whatsappVerificationId: vid }, [{ field: 'file', filename: 'surat.pdf', content: Buffer.from('PK\x03\x04 not a pdf') }]);
    expect(notPdf.json().code).toBe('ATTACHMENT_INVALID');

    const r = await fileTicket(staf, { ...base, whatsappVerificationId: vid });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().number).toMatch(/^EML-\d{4}-0001$/);
    id = r.json().id;
    // The verification is spent; a duplicate request for the NIP is refused clearly.
    const vid2 = await verifiedNumber(staf, STAF_WA);
    const dup = await fileTicket(staf, { ...base, desiredAddress: 'slamet.r', whatsappVerificationId: vid2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain(r.json().number);
    // The address now belongs to the open request.
    const taken = await staf.get('/api/v1/servicedesk/address-suggestions?name=' + encodeURIComponent('Slamet Riyadi'));
    expect(taken.json()[0].availability).toBe('taken');

    const d = await detail(staf, id);
    expect(d).toMatchObject({ status: 'in_progress', step: 2, stepActor: 'Kepala Dinas', whatsapp: STAF_WA, piiVisible: true, sopNumber: '000.8.3.3/839/SOP/406.020/2024' });

    // Step 1's output is "Surat Masuk": the request is in Diskominfo's agenda with a number,
    // addressed to the Kepala Dinas, without the personal-data file (the ticket keeps it).
    expect(d.incomingAgendaNumber).toMatch(/^\d{4}\/SM\/\d{4}$/);
    expect(d.incomingLetterId).toBeTruthy();
    const agenda = (await c['arsip.kominfo']!.get('/api/v1/incoming/agenda?pageSize=50')).json();
    expect(agenda.items.find((x: { id: string }) => x.id === d.incomingLetterId)).toMatchObject({ agenda: d.incomingAgendaNumber, source: 'service', status: 'sent', letterNumber: r.json().number, sifat: 'terbatas' });
    const inbox = (await c['kadis.kominfo']!.get('/api/v1/incoming/inbox?pageSize=50')).json();
    expect(inbox.items.some((x: { id: string }) => x.id === d.incomingLetterId)).toBe(true);
    const letter = await c['kadis.kominfo']!.get(`/api/v1/incoming-letters/${d.incomingLetterId}`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.json()).toMatchObject({ fileId: null, hal: 'Layanan Penerbitan Email Kedinasan a.n. Slamet Riyadi', intake: { serviceTicketId: id, ticketNumber: r.json().number } });
    expect(letter.body).not.toContain(STAF_WA);
    // Not for other offices, nor (terbatas) for Diskominfo staff outside the chain.
    for (const u of ['kadis.perkimta', 'sekdis.kominfo', 'staf.perumahan']) expect((await c[u]!.get(`/api/v1/incoming-letters/${d.incomingLetterId}`)).statusCode, u).toBe(404);
  });

  it('a second, open request filed by a records officer for someone else (for the access matrix)', async () => {
    const arsip = c['kasubag.perkimta']!;
    const vid = await verifiedNumber(arsip, OTHER_WA);
    const r = await fileTicket(arsip, { applicantName: 'Dewi Anggraini, S.E.', nip: '199505052020122004', unitId: ids.units.get('perkimta')!, positionTitle: 'Analis Keuangan', desiredAddress: 'dewi.anggraini', whatsappVerificationId: vid });
    expect(r.statusCode, r.body).toBe(201);
    openId = r.json().id;
  });

  it('steps 2–3: Kepala Dinas then Kabid dispose; nobody acts out of turn', async () => {
    const early = await act(c['kabid.persandian']!, id, { action: 'dispose' });
    expect(early.statusCode).toBe(403);
    expect(early.json().code).toBe('TICKET_NOT_YOUR_STEP');
    expect((await act(c['admin.email']!, id, { action: 'provision' })).json().code).toBe('TICKET_NOT_YOUR_STEP');
    expect((await c['staf.umum']!.get(`/api/v1/servicedesk/tickets/${id}`)).statusCode).toBe(404);
    expect((await act(c['kadis.kominfo']!, id, { action: 'dispose', note: 'Untuk ditindaklanjuti' })).json()).toMatchObject({ step: 3 });
    // Stale version is a 409.
    const stale = await c['kabid.persandian']!.post(`/api/v1/servicedesk/tickets/${id}/actions`, { action: 'dispose', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await act(c['kabid.persandian']!, id, { action: 'dispose', note: 'Proses sesuai ketentuan' })).json()).toMatchObject({ step: 4 });
  });

  it('step 4: the Kasi checks completeness with the checklist, returns with a reason; the applicant is told, fixes, resubmits', async () => {
    const kasi = c['kasi.kamsinfo']!;
    const d = await detail(kasi, id);
    expect(d.actions).toEqual(expect.arrayContaining(['accept', 'return']));
    expect(Object.fromEntries(d.checklist.map((i: { key: string; value: unknown }) => [i.key, i.value]))).toEqual({ letter_signed: null, nip_matches: true, whatsapp_verified: true, address_free: true });
    const incomplete = await act(kasi, id, { action: 'accept', checklist: { letter_signed: false } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().code).toBe('TICKET_CHECKLIST_INCOMPLETE');
    const noReason = await act(kasi, id, { action: 'return', reason: '  ' });
    expect(noReason.json().code).toBe('TICKET_REASON_REQUIRED');
    expect((await act(kasi, id, { action: 'return', reason: 'Surat permohonan belum ditandatangani Kepala Bidang' })).json()).toMatchObject({ status: 'returned' });
    await drain();
    expect(wa.to(STAF_WA).at(-1)).toMatch(/dikembalikan[\s\S]*belum ditandatangani Kepala Bidang/);
    const staf = c['staf.perumahan']!;
    const mine = await staf.get('/api/v1/servicedesk/tickets?status=returned');
    expect(mine.json().items[0]).toMatchObject({ id, returnReason: 'Surat permohonan belum ditandatangani Kepala Bidang' });
    const dv = await detail(staf, id);
    const re = await upload(staf, `/api/v1/servicedesk/tickets/${id}/resubmit`, { version: dv.version, note: 'Sudah ditandatangani' }, [{ field: 'file', filename: 'surat-ttd.pdf', content: await requestLetterPdf('Slamet Riyadi', true), contentType: 'application/pdf' }]);
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ status: 'in_progress', step: 4 });
    expect((await act(kasi, id, { action: 'accept', checklist: { letter_signed: true } })).json()).toMatchObject({ step: 5 });
  });

  it('step 5: the Admin Email (ASN) creates the account through the directory job: inetOrgPerson in the unit’s OU, pwdReset TRUE', async () => {
    const r = await act(c['admin.email']!, id, { action: 'provision' });
    expect(r.json()).toMatchObject({ status: 'provisioning' });
    await drain();
    const d = await detail(c['admin.email']!, id);
    expect(d).toMatchObject({ status: 'awaiting_activation', step: 6, accountAddress: 'slamet.riyadi@contoh.go.id' });
    expect(d.directoryAccounts).toEqual([expect.objectContaining({ directory: 'ldap', created: true, accountId: `uid=slamet.riyadi,ou=disperkimta,ou=people,${slapd.baseDn}` })]);
    const ldif = slapd.search('(mail=slamet.riyadi@contoh.go.id)', ['objectClass', 'employeeNumber', 'pwdReset']);
    expect(ldif).toMatch(/objectClass: inetOrgPerson/);
    expect(ldif).toMatch(/employeeNumber: 199202142017081001/);
    expect(ldif).toMatch(/pwdReset: TRUE/);
    const [row] = await t.ctx.database.pool.query('select temporary_password_enc, id from service_tickets where id = $1', [id]).then((x) => x.rows as Array<{ temporary_password_enc: string; id: string }>);
    temporary = open(t.ctx.kek, row!.temporary_password_enc, `service_ticket:${id}:temporary_password`).toString('utf8');
    expect(slapd.whoami(d.directoryAccounts[0].accountId, temporary)).toBe(true);
  });

  it('step 6: WhatsApp brings the username and a one-time link (never a password); the public page walks code → own password → Google Authenticator', async () => {
    const msgs = wa.to(STAF_WA);
    const activation = msgs.find((m) => m.includes('/aktivasi/'))!;
    expect(activation).toContain('Nama pengguna: slamet.riyadi@contoh.go.id');
    token = /\/aktivasi\/([A-Za-z0-9_-]+)/.exec(activation)![1]!;
    const anon = new Client(t.app);
    const s = await anon.get(`/api/v1/public/activation/${token}`);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ state: 'valid', username: 'slamet.riyadi@contoh.go.id', policy: { minLength: 10 } });
    expect(s.json().whatsappMasked).not.toBe(STAF_WA);
    expect((await anon.post(`/api/v1/public/activation/${token}/password`, { password: NEW_PASSWORD })).json().code).toBe('ACTIVATION_STEP_ORDER');
    const code = await anon.post(`/api/v1/public/activation/${token}/code`);
    expect(code.statusCode, code.body).toBe(200);
    await drain();
    const ok = await anon.post(`/api/v1/public/activation/${token}/verify`, { verificationId: code.json().verificationId, code: wa.lastCode(STAF_WA) });
    expect(ok.statusCode, ok.body).toBe(200);
    const weak = await anon.post(`/api/v1/public/activation/${token}/password`, { password: 'pendek1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toMatch(/minimal 10 karakter/);
    const set = await anon.post(`/api/v1/public/activation/${token}/password`, { password: NEW_PASSWORD });
    expect(set.statusCode, set.body).toBe(200);
    const dn = `uid=slamet.riyadi,ou=disperkimta,ou=people,${slapd.baseDn}`;
    // ldapwhoami: the new password binds, the temporary one no longer does; pwdReset is gone.
    expect(slapd.whoami(dn, NEW_PASSWORD)).toBe(true);
    expect(slapd.whoami(dn, temporary)).toBe(false);
    expect(slapd.search('(uid=slamet.riyadi)', ['pwdReset'])).not.toMatch(/pwdReset: TRUE/);
    const totp = await anon.post(`/api/v1/public/activation/${token}/totp`);
    expect(totp.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\/Email%20Kedinasan%3Aslamet\.riyadi%40contoh\.go\.id\?secret=/);
    expect(totp.json().qrDataUrl).toMatch(/^data:image\/png;base64,/);
    t.ctx.clock.set(new Date()); // the test clock stands still; oathtool reads the real one
    const oath = execFileSync('oathtool', ['--totp', '-b', totp.json().secret], { encoding: 'utf8' }).trim();
    const confirm = await anon.post(`/api/v1/public/activation/${token}/totp/confirm`, { code: oath });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    // The link is spent.
    expect((await anon.get(`/api/v1/public/activation/${token}`)).json().state).toBe('used');
  });

  it('step 7: active, ticket closed, time per step against the 15-minute standard; exactly the expected messages, none with a password', async () => {
    await drain();
    const d = await detail(c['admin.email']!, id);
    expect(d).toMatchObject({ status: 'active', step: 7 });
    expect(d.steps).toHaveLength(7);
    expect(d.steps.filter((s: { standardMinutes: number | null }) => s.standardMinutes === 15)).toHaveLength(6);
    for (const s of d.steps.slice(0, 6)) expect(typeof s.minutes).toBe('number');
    const texts = wa.to(STAF_WA);
    const kinds = texts.map((m) =>
      /Kode verifikasi/.test(m) ? 'code' : /diterima dengan nomor tiket/.test(m) ? 'received' : /dikembalikan/.test(m) ? 'returned' : /\/aktivasi\//.test(m) ? 'activation' : /sudah aktif/.test(m) ? 'active' : m,
    );
    // Messages of independent jobs (the "received" notice, the next verification code) may be
    // delivered in either order: the set is exact, and the closing notice comes last.
    expect([...kinds].sort()).toEqual(['code', 'code', 'received', 'code', 'returned', 'activation', 'code', 'active'].sort());
    expect(kinds.at(-1)).toBe('active');
    expect(kinds.indexOf('activation')).toBeGreaterThan(kinds.indexOf('returned'));
    for (const m of wa.messages) {
      expect(m.text).not.toContain(temporary);
      expect(m.text).not.toContain(NEW_PASSWORD);
      expect(m.text.toLowerCase()).not.toMatch(/password:|kata sandi:/);
    }
    // The chain is told too (Kepala Dinas, Kabid, Kasi, Admin Email).
    for (const n of ['081200000040', '081200000043', '081200000044', '081200000045']) expect(wa.to(`62${n.slice(1)}`).some((m) => /sudah aktif dan tiket ditutup/.test(m))).toBe(true);
  });

  it('closed: the request is an archive record of Diskominfo with its agenda number and history; the request letter opens for the PII officer alone', async () => {
    const find = async (u: string) => (await c[u]!.get(`/api/v1/search?q=${encodeURIComponent('Slamet Riyadi')}&kind=service`)).json().items as Array<{ sourceId: string; recordId: string | null }>;
    const hit = (await find('arsip.kominfo')).find((x) => x.sourceId === id);
    expect(hit?.recordId).toBeTruthy();
    const rec = await c['arsip.kominfo']!.get(`/api/v1/archive/records/${hit!.recordId}`);
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ sourceKind: 'service', number: (await detail(c['admin.email']!, id)).number, classificationCode: '000.6', accessClass: 'terbatas' });
    expect(rec.json().files).toEqual([expect.objectContaining({ role: 'permohonan', personalData: true, available: false })]);
    expect(rec.json().history.length).toBeGreaterThan(5);
    expect(rec.body).not.toContain(STAF_WA);
    // The records officer sees the record, not the letter; the PII officer opens it, on the trail.
    expect((await c['arsip.kominfo']!.get(`/api/v1/archive/records/${hit!.recordId}/files/0`)).statusCode).toBe(404);
    const pii = await c['petugas.pii']!.get(`/api/v1/archive/records/${hit!.recordId}`);
    expect(pii.statusCode, pii.body).toBe(200);
    expect(pii.json().files[0].available).toBe(true);
    const file = await c['petugas.pii']!.get(`/api/v1/archive/records/${hit!.recordId}/files/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const trail = await c.admin!.get(`/api/v1/admin/audit/events?action=archive.personal_data_opened`);
    expect(trail.statusCode, trail.body).toBe(200);
    expect(trail.json().items.some((e: { entityId: string }) => e.entityId === hit!.recordId)).toBe(true);
    // Staff of other offices find nothing.
    expect((await find('staf.umum')).some((x) => x.sourceId === id)).toBe(false);
  });

  it('personal data: every demo role × an open and a done ticket × the request file; openings logged for the PII officer', async () => {
    const matrix: Record<string, Record<string, string>> = {};
    for (const u of DEMO_USERS) {
      matrix[u] = {};
      for (const [label, tid] of [['done', id], ['open', openId]] as const) {
        const r = await c[u]!.get(`/api/v1/servicedesk/tickets/${tid}`);
        const f = await c[u]!.get(`/api/v1/servicedesk/tickets/${tid}/request-file`);
        const list = (await c[u]!.get('/api/v1/servicedesk/tickets?pageSize=50')).json().items as Array<{ id: string; whatsapp: string }>;
        const inList = list.find((x) => x.id === tid);
        const number = label === 'done' ? STAF_WA : OTHER_WA;
        const shown = r.statusCode === 200 ? (r.json().whatsapp === number ? 'pii' : 'masked') : 'hidden';
        if (inList) expect(inList.whatsapp === number ? 'pii' : 'masked').toBe(shown);
        else expect(shown).toBe('hidden');
        matrix[u]![label] = `${shown}/${f.statusCode === 200 ? 'file' : 'nofile'}`;
        if (f.statusCode === 200) expect(f.headers['content-type']).toBe('application/pdf');
      }
    }
    const chain = ['kadis.kominfo', 'kabid.persandian', 'kasi.kamsinfo', 'admin.email'];
    for (const u of DEMO_USERS) {
      // The open ticket waits at step 2: its Kepala Dinas sees the data; the filer too.
      const expected = {
        done: u === 'petugas.pii' ? 'pii/file' : chain.includes(u) || u === 'staf.perumahan' || u === 'admin' ? 'masked/nofile' : 'hidden/nofile',
        open: u === 'petugas.pii' || u === 'kadis.kominfo' || u === 'kasubag.perkimta' ? 'pii/file' : chain.includes(u) || u === 'admin' ? 'masked/nofile' : 'hidden/nofile',
      };
      expect({ u, ...matrix[u] }).toEqual({ u, ...expected });
    }
    // CSV export is masked like the list.
    const csv = await c['kasi.kamsinfo']!.get('/api/v1/servicedesk/tickets.csv');
    expect(csv.body).toContain('slamet.riyadi@contoh.go.id');
    expect(csv.body).not.toContain(STAF_WA);
    // Search never matches on the number.
    expect((await c['kasi.kamsinfo']!.get(`/api/v1/servicedesk/tickets?q=${STAF_WA}`)).json().total).toBe(0);
    const log = await c['petugas.pii']!.get(`/api/v1/servicedesk/tickets/${id}/file-access`);
    expect(log.statusCode).toBe(200);
    expect(log.json().map((x: { username: string }) => x.username)).toEqual(['petugas.pii']);
    const openLog = await c['petugas.pii']!.get(`/api/v1/servicedesk/tickets/${openId}/file-access`);
    expect(openLog.json().map((x: { username: string }) => x.username).sort()).toEqual(['kadis.kominfo', 'kasubag.perkimta', 'petugas.pii']);
    expect((await c['kasi.kamsinfo']!.get(`/api/v1/servicedesk/tickets/${id}/file-access`)).statusCode).toBe(403);
  }, 300_000);

  it('monthly report: requests, median and p90 per step, returned share', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const r = await c['kadis.kominfo']!.get(`/api/v1/servicedesk/reports/monthly?month=${month}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ requests: 2, active: 1, returned: 1, returnedShare: 50 });
    expect(r.json().steps[3]).toMatchObject({ no: 4, standardMinutes: 15, count: 1 });
    expect((await c['staf.umum']!.get(`/api/v1/servicedesk/reports/monthly?month=${month}`)).statusCode).toBe(403);
  });

  it('later: when the official leaves (the organisation data deactivates him) his mailbox is listed to be closed, and leaves the list if he comes back', async () => {
    const admin = c['admin.email']!;
    const leftIds = async () => ((await admin.get('/api/v1/servicedesk/tickets?status=left')).json().items as Array<{ id: string; applicantLeft: boolean }>).map((x) => x.id);
    expect(await leftIds()).not.toContain(id);
    const userId = ids.users.get('staf.perumahan')!;
    const setStatus = async (status: 'active' | 'inactive') => {
      const u = (await c['admin']!.get(`/api/v1/org/users/${userId}`)).json();
      const r = await c['admin']!.patch(`/api/v1/org/users/${userId}`, { status, version: u.version });
      expect(r.statusCode, r.body).toBeLessThan(300);
    };
    await setStatus('inactive');
    expect(await leftIds()).toEqual([id]);
    const d = await detail(admin, id);
    expect(d).toMatchObject({ status: 'active', applicantLeft: true });
    expect(d.actions).toContain('close_account');
    await setStatus('active');
    expect(await leftIds()).toEqual([]);
    expect((await detail(admin, id)).applicantLeft).toBe(false);
    c['staf.perumahan'] = await loginAs(t.app, t.ctx, 'staf.perumahan'); // his sessions ended with the deactivation
  });

  it('later: suspend, reset (new activation link), expired link is clear and the admin resends', async () => {
    const admin = c['admin.email']!;
    expect((await act(admin, id, { action: 'suspend' })).json()).toMatchObject({ status: 'suspended' });
    await drain();
    const dn = `uid=slamet.riyadi,ou=disperkimta,ou=people,${slapd.baseDn}`;
    expect(slapd.whoami(dn, NEW_PASSWORD)).toBe(false);
    expect((await act(admin, id, { action: 'unsuspend' })).json()).toMatchObject({ status: 'active' });
    await drain();
    expect(slapd.whoami(dn, NEW_PASSWORD)).toBe(true);
    expect((await act(admin, id, { action: 'reset' })).json()).toMatchObject({ status: 'awaiting_activation', step: 6 });
    await drain();
    expect(slapd.whoami(dn, NEW_PASSWORD)).toBe(false);
    const link = wa.to(STAF_WA).filter((m) => m.includes('/aktivasi/')).at(-1)!;
    const newToken = /\/aktivasi\/([A-Za-z0-9_-]+)/.exec(link)![1]!;
    expect(newToken).not.toBe(token);
    // 25 hours later (the link lives 24 h).
    await t.ctx.database.pool.query("update service_tickets set activation_expires_at = now() - interval '1 hour' where id = $1", [id]);
    const anon = new Client(t.app);
    expect((await anon.get(`/api/v1/public/activation/${newToken}`)).json().state).toBe('expired');
    const refused = await anon.post(`/api/v1/public/activation/${newToken}/code`);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().message).toMatch(/kedaluwarsa/);
    const d = await detail(admin, id);
    expect(d.activationExpired).toBe(true);
    expect(d.actions).toContain('resend_activation');
    await act(admin, id, { action: 'resend_activation' });
    await drain();
    const resent = /\/aktivasi\/([A-Za-z0-9_-]+)/.exec(wa.to(STAF_WA).filter((m) => m.includes('/aktivasi/')).at(-1)!)![1]!;
    expect((await anon.get(`/api/v1/public/activation/${resent}`)).json().state).toBe('valid');
  }, 300_000);

  it('the directory down: the job records a clear reason and retries; after the last try the admin sees it and can retry', async () => {
    const staf = c['kabid.perumahan']!;
    const vid = await verifiedNumber(staf, '6281234500033');
    const r = await fileTicket(staf, { applicantName: 'Ani Wulandari, S.T.', nip: '198304112008012005', unitId: ids.units.get('perkimta-perumahan')!, positionTitle: 'Kepala Bidang Perumahan', desiredAddress: 'ani.wulandari', whatsappVerificationId: vid });
    const tid = r.json().id as string;
    await act(c['kadis.kominfo']!, tid, { action: 'dispose' });
    await act(c['kabid.persandian']!, tid, { action: 'dispose' });
    await act(c['kasi.kamsinfo']!, tid, { action: 'accept', checklist: { letter_signed: true } });
    const down = new LdapDirectory({ url: 'ldap://127.0.0.1:1', bindDn: slapd.bindDn, bindPassword: slapd.bindPassword, peopleDn: `ou=people,${slapd.baseDn}`, timeoutMs: 500 });
    const real = new LdapDirectory({ url: slapd.url, bindDn: slapd.bindDn, bindPassword: slapd.bindPassword, peopleDn: `ou=people,${slapd.baseDn}` });
    setServiceDeskDeps(t.ctx, { directory: down });
    const before = (await detail(c['admin.email']!, tid)).version;
    await c['admin.email']!.post(`/api/v1/servicedesk/tickets/${tid}/actions`, { action: 'provision', version: before });
    await expect(runProvisionJob(t.ctx, { ticketId: tid }, { id: 'manual-1', retryCount: 0 })).rejects.toMatchObject({ code: 'DIRECTORY_UNAVAILABLE' });
    let d = await detail(c['admin.email']!, tid);
    expect(d).toMatchObject({ status: 'provisioning', lastErrorCode: 'DIRECTORY_UNAVAILABLE' });
    await runProvisionJob(t.ctx, { ticketId: tid }, { id: 'manual-last', retryCount: PROVISION_RETRIES });
    d = await detail(c['admin.email']!, tid);
    expect(d.status).toBe('provision_failed');
    expect(d.timeline.at(-1).note).toMatch(/Direktori e-mail tidak dapat dihubungi/);
    expect(slapd.search('(uid=ani.wulandari)', ['dn'])).toBe('');
    // No account, no done ticket. The directory is back: the admin retries.
    setServiceDeskDeps(t.ctx, { directory: real });
    expect((await act(c['admin.email']!, tid, { action: 'provision' })).json()).toMatchObject({ status: 'provisioning' });
    await drain();
    expect((await detail(c['admin.email']!, tid)).status).toBe('awaiting_activation');
    expect(slapd.search('(uid=ani.wulandari)', ['dn'])).toMatch(/ou=disperkimta/);
  }, 300_000);
});
