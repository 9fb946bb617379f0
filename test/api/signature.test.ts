// The signature module's own API: enrolment and certificate lifecycle, signing uploads (single
// and bulk), passphrase lockout, revocation through CRL/OCSP, the TSA, public verification.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import pino from 'pino';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { auditEvents } from '../../src/server/audit/schema.js';
import { createContext } from '../../src/server/context.js';
import { signatureAuthorities, signatureBatches } from '../../src/server/signature/schema.js';
import { getPki } from '../../src/server/signature/pki/authority.js';
import { DEMO_SIGNING_PASSPHRASE, verifyPdf } from '../../src/server/signature/index.js';
import { createTestApp, grantOutsideWorkflowSigning, loginAs, reauth, type Client, type TestApp } from '../helpers/testApp.js';
import { letterPdf } from '../signature/pdfFixtures.js';
import { multipart } from '../signature/multipart.js';
import { run } from '../signature/tools.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SIGN_PASSPHRASE_MAX_FAILURES: '5', SIGN_PASSPHRASE_WINDOW_MINUTES: '15' });
  await seedDemo(t.ctx);
  await grantOutsideWorkflowSigning(t.ctx);
});
afterAll(async () => t?.close());

const clients = new Map<string, Client>();
/** One session per user (signers enrol TOTP at first login; codes are single-use). */
async function as(username: string): Promise<Client> {
  let c = clients.get(username);
  if (!c) {
    c = await loginAs(t.app, t.ctx, username);
    clients.set(username, c);
  }
  return c;
}

async function sign(c: Client, pdf: Uint8Array, passphrase = DEMO_SIGNING_PASSPHRASE, options: Record<string, unknown> = {}, name = 'surat.pdf') {
  const m = multipart({ passphrase, options: JSON.stringify(options) }, [{ field: 'file', name, bytes: pdf }]);
  return c.post('/api/v1/signature/sign', m.body, m.headers);
}

async function verify(c: Client, pdf: Uint8Array) {
  const m = multipart({}, [{ field: 'file', name: 'x.pdf', bytes: pdf }]);
  return c.post('/api/v1/signature/verify', m.body, m.headers);
}

const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(t.ctx.tmpDir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

describe('signing an uploaded PDF', () => {
  it('returns a signed PDF that verifies, with a QR code registered for public verification', async () => {
    const c = await as('kadis.kominfo');
    const status = (await c.get('/api/v1/signature/certificate')).json();
    expect(status).toMatchObject({ signer: 'local', status: 'active', issuer: 'Pemerintah Kabupaten Contoh CA Tanda Tangan Elektronik' });
    expect(status.subject).toContain('Edi Hariyanto');
    const pdf = await letterPdf();
    const res = await sign(c, pdf, DEMO_SIGNING_PASSPHRASE, { reason: 'Disetujui', location: 'Kabupaten Contoh' }, 'undangan rapat.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('undangan rapat-ttd.pdf');
    const signed = res.rawPayload;
    const code = res.headers['x-verification-code'] as string;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    const report = (await verify(c, signed)).json();
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]).toMatchObject({ level: 'B-LT', status: 'valid', reason: 'Disetujui', signer: { commonName: 'Edi Hariyanto, S.Sos., M.Si.', nip: '197106091992011002', title: 'Kepala Dinas Komunikasi dan Informatika' } });
    expect(report.signatures[0].signer.serial).toBe(status.serial);

    // The QR code's page, the public JSON, and matching an uploaded file.
    const meta = await t.app.inject({ method: 'GET', url: `/api/v1/signature/public/verifications/${code}` });
    expect(meta.json()).toMatchObject({ code, title: 'undangan rapat', signerName: 'Edi Hariyanto, S.Sos., M.Si.', revisions: 1 });
    const page = await t.app.inject({ method: 'GET', url: `/verifikasi/${code}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('undangan rapat');
    expect(page.body).toContain('name="viewport"');
    const same = multipart({}, [{ field: 'file', name: 'a.pdf', bytes: signed }]);
    const matched = await t.app.inject({ method: 'POST', url: `/verifikasi/${code}`, payload: same.body, headers: same.headers });
    expect(matched.body).toContain('Berkas SAMA dengan dokumen terdaftar');
    expect(matched.body).toContain('VALID');
    const other = multipart({}, [{ field: 'file', name: 'b.pdf', bytes: pdf }]);
    const mismatch = await t.app.inject({ method: 'POST', url: `/verifikasi/${code}`, payload: other.body, headers: other.headers });
    expect(mismatch.body).toContain('Berkas BERBEDA dengan dokumen terdaftar');
    const unknown = await t.app.inject({ method: 'GET', url: '/verifikasi/ZZZZZZZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Kode verifikasi dokumen tidak dikenal.');
    const pub = multipart({ code }, [{ field: 'file', name: 'a.pdf', bytes: signed }]);
    const pubJson = await t.app.inject({ method: 'POST', url: '/api/v1/signature/public/verify', payload: pub.body, headers: pub.headers });
    expect(pubJson.json()).toMatchObject({ matchesRegistered: 'latest', report: { verdict: 'valid' } });
  });

  it('the public upload page reports a tampered file as not valid, and a non-PDF clearly', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/verifikasi' });
    expect(form.body).toContain('enctype="multipart/form-data"');
    // The file picker speaks Indonesian whatever the browser's language; its script is ours (CSP).
    expect(form.body).toContain('Pilih berkas…');
    expect(form.body).toContain('Belum ada berkas dipilih');
    const script = await t.app.inject({ method: 'GET', url: '/verifikasi/pilih-berkas.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    const c = await as('kadis.kominfo');
    const signed = Buffer.from((await sign(c, await letterPdf(), DEMO_SIGNING_PASSPHRASE, { level: 'B-B', visible: false })).rawPayload);
    signed[150] = signed[150]! ^ 0xff;
    const m = multipart({}, [{ field: 'file', name: 'a.pdf', bytes: signed }]);
    const res = await t.app.inject({ method: 'POST', url: '/verifikasi', payload: m.body, headers: m.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('TIDAK VALID');
    const junk = multipart({}, [{ field: 'file', name: 'a.pdf', bytes: Buffer.from('bukan pdf') }]);
    const bad = await t.app.inject({ method: 'POST', url: '/verifikasi', payload: junk.body, headers: junk.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Berkas bukan PDF yang valid atau rusak.');
  });

  it('refuses users without the signer role', async () => {
    const c = await as('staf.umum');
    const res = await sign(c, await letterPdf());
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SIGNER_ROLE_REQUIRED', message: 'Hanya penandatangan yang dapat melakukan TTE.' });
  });

  it('says where the marker is missing', async () => {
    const c = await as('kadis.kominfo');
    const res = await sign(c, await letterPdf({ marker: false }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SIGNATURE_MARKER_NOT_FOUND');
    const placed = await sign(c, await letterPdf({ marker: false }), DEMO_SIGNING_PASSPHRASE, { placement: { page: 2, x: 320, y: 100, width: 230, height: 72 } });
    expect(placed.statusCode).toBe(200);
  });
});

describe('wrong passphrase', () => {
  it('answers in Indonesian with the attempts left, locks after 5 failures in 15 minutes with the unlock time, and audits it', async () => {
    const c = await as('kadis.perkimta');
    const pdf = await letterPdf();
    const wrong = 'Salah-Passphrase-99';
    for (let i = 1; i <= 4; i++) {
      const res = await sign(c, pdf, wrong);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'PASSPHRASE_WRONG', details: { remainingAttempts: 5 - i } });
      expect(res.json().message).toBe(`Passphrase TTE salah. Sisa percobaan: ${5 - i} kali sebelum penandatanganan dikunci sementara.`);
    }
    const fifth = await sign(c, pdf, wrong);
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('PASSPHRASE_LOCKED');
    expect(fifth.json().message).toMatch(/^Penandatanganan dikunci sementara karena passphrase salah berulang kali\. Coba lagi setelah .+ WIB\.$/);
    const until = new Date(fifth.json().details.lockedUntil);
    expect(until.getTime() - t.ctx.now().getTime()).toBe(15 * 60_000);
    // Locked even with the right passphrase.
    expect((await sign(c, pdf)).statusCode).toBe(423);
    expect((await c.get('/api/v1/signature/certificate')).json().lockedUntil).toBe(until.toISOString());
    const userId = (await c.get('/api/v1/me')).json().user.id;
    const events = await t.ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, userId), like(auditEvents.action, 'signature.passphrase%')));
    expect(events.filter((e) => e.action === 'signature.passphrase_failed')).toHaveLength(5);
    expect(events.filter((e) => e.action === 'signature.passphrase_locked')).toHaveLength(1);
    expect(JSON.stringify(await t.ctx.database.db.select().from(auditEvents))).not.toContain(wrong);
    t.ctx.clock.advance(15 * 60_000 + 1000);
    expect((await sign(c, pdf)).statusCode).toBe(200);
  });

  it('counts failures only within the window', async () => {
    const c = await as('wabup');
    const pdf = await letterPdf();
    for (let i = 0; i < 4; i++) expect((await sign(c, pdf, 'Keliru-12345')).statusCode).toBe(400);
    t.ctx.clock.advance(16 * 60_000);
    const res = await sign(c, pdf, 'Keliru-12345');
    expect(res.json().details.remainingAttempts).toBe(4);
  });
});

describe('certificate lifecycle', () => {
  it('changes the passphrase (re-wrapping the key) with optimistic versioning', async () => {
    const c = await as('sekda');
    const { version } = (await c.get('/api/v1/signature/certificate')).json();
    expect((await reauth(c, t.ctx, 'sekda')).statusCode).toBe(200);
    expect((await c.post('/api/v1/signature/passphrase', { current: 'bukan-ini-123', next: 'Baru-Sekali-2026', version })).json().code).toBe('PASSPHRASE_WRONG');
    expect((await c.post('/api/v1/signature/passphrase', { current: DEMO_SIGNING_PASSPHRASE, next: 'pendek', version })).json().code).toBe('PASSPHRASE_WEAK');
    const ok = await c.post('/api/v1/signature/passphrase', { current: DEMO_SIGNING_PASSPHRASE, next: 'Baru-Sekali-2026', version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(version + 1);
    expect((await c.post('/api/v1/signature/passphrase', { current: 'Baru-Sekali-2026', next: 'Lagi-Baru-2026', version })).statusCode).toBe(409);
    expect((await sign(c, await letterPdf())).json().code).toBe('PASSPHRASE_WRONG');
    expect((await sign(c, await letterPdf(), 'Baru-Sekali-2026')).statusCode).toBe(200);
  });

  it('renews: a new certificate, the old one superseded, same passphrase', async () => {
    const c = await as('bupati');
    const before = (await c.get('/api/v1/signature/certificate')).json();
    const res = await c.post('/api/v1/signature/certificate/renew', { passphrase: DEMO_SIGNING_PASSPHRASE, version: before.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    expect(res.json().serial).not.toBe(before.serial);
    const signed = await sign(c, await letterPdf());
    expect(signed.headers['x-certificate-serial']).toBe(res.json().serial);
  });

  it('revokes with a reason: signing stops, CRL and OCSP say revoked, a timestamped signature made before stays valid with a warning', async () => {
    const c = await as('kadis.dukcapil');
    const earlier = (await sign(c, await letterPdf())).rawPayload;
    const bb = (await sign(c, await letterPdf(), DEMO_SIGNING_PASSPHRASE, { level: 'B-B' })).rawPayload;
    const status = (await c.get('/api/v1/signature/certificate')).json();
    t.ctx.clock.advance(60_000);
    const other = await as('kadis.kominfo');
    expect((await other.post('/api/v1/signature/certificate/revoke', { userId: (await c.get('/api/v1/me')).json().user.id, reason: 'keyCompromise', version: status.version })).statusCode).toBe(403);
    expect((await reauth(c, t.ctx, 'kadis.dukcapil')).statusCode).toBe(200);
    const revoked = await c.post('/api/v1/signature/certificate/revoke', { reason: 'keyCompromise', version: status.version });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revocationReason: 'keyCompromise' });
    expect((await sign(c, await letterPdf())).json().code).toBe('CERTIFICATE_REVOKED');

    // CRL (issuing CA), read by openssl.
    const crl = await t.app.inject({ method: 'GET', url: '/pki/crl' });
    expect(crl.headers['content-type']).toBe('application/pkix-crl');
    const crlText = run('openssl', ['crl', '-inform', 'DER', '-noout', '-text'], crl.rawPayload).out;
    expect(crlText.toLowerCase()).toContain(status.serial.toUpperCase().toLowerCase());
    expect(crlText).toMatch(/Key Compromise/);
    expect(crlText).toMatch(/Next Update/);

    // OCSP (POST and GET), request made and answer checked by openssl.
    const dir = t.ctx.tmpDir;
    const root = file('root.pem', (await t.app.inject({ method: 'GET', url: '/pki/root.pem' })).body);
    const issuing = file('issuing.pem', (await t.app.inject({ method: 'GET', url: '/pki/issuing.pem' })).body);
    const cert = file('revoked.pem', status.certificatePem);
    const reqFile = path.join(dir, 'ocsp.req');
    expect(run('openssl', ['ocsp', '-issuer', issuing, '-cert', cert, '-reqout', reqFile, '-no_nonce']).code).toBe(0);
    const post = await t.app.inject({ method: 'POST', url: '/pki/ocsp', payload: fs.readFileSync(reqFile), headers: { 'content-type': 'application/ocsp-request' } });
    expect(post.headers['content-type']).toBe('application/ocsp-response');
    const respFile = file('ocsp.resp', post.rawPayload);
    const checked = run('openssl', ['ocsp', '-respin', respFile, '-reqin', reqFile, '-issuer', issuing, '-CAfile', root, '-cert', cert]);
    expect(checked.out).toMatch(/Response verify OK/);
    expect(checked.out).toMatch(/revoked/);
    expect(checked.out).toMatch(/Reason: keyCompromise/);
    const get = await t.app.inject({ method: 'GET', url: `/pki/ocsp/${encodeURIComponent(fs.readFileSync(reqFile).toString('base64'))}` });
    expect(run('openssl', ['ocsp', '-respin', file('ocsp-get.resp', get.rawPayload), '-reqin', reqFile, '-issuer', issuing, '-CAfile', root, '-cert', cert]).out).toMatch(/revoked/);

    // Verification: live status revoked. Timestamped before revocation: valid with a warning; no timestamp: invalid.
    const later = (await verify(c, earlier)).json();
    expect(later.signatures[0].revocation).toMatchObject({ status: 'revoked', source: 'live', reason: 'keyCompromise' });
    expect(later.signatures[0].warnings.join(' ')).toMatch(/dicabut .* setelah waktu penandatanganan/);
    const noTs = (await verify(c, bb)).json();
    expect(noTs.verdict).toBe('invalid');
    expect(noTs.signatures[0].problems.join(' ')).toMatch(/telah dicabut/);
    // Offline (no database, instance root trusted): the DSS's OCSP answer from signing time says good.
    const offline = await verifyPdf(null, earlier, { extraTrustPem: [fs.readFileSync(root, 'utf8')] });
    expect(offline.signatures[0]!.revocation).toMatchObject({ status: 'good', source: 'ocsp' });

    // Enrol again after revocation.
    const again = await c.post('/api/v1/signature/enrol', { passphrase: 'Passphrase-Baru-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().certificateSerial).not.toBe(status.serial);
    expect((await sign(c, await letterPdf(), 'Passphrase-Baru-1')).statusCode).toBe(200);
  });
});

describe('archive and revisions', () => {
  it('adds an archive timestamp (PAdES B-LTA) for records officers', async () => {
    const c = await as('kadis.kominfo');
    const signed = (await sign(c, await letterPdf())).rawPayload;
    const m = multipart({}, [{ field: 'file', name: 'arsip.pdf', bytes: signed }]);
    expect((await c.post('/api/v1/signature/archive-timestamp', m.body, m.headers)).statusCode).toBe(403);
    const officer = await as('kabag.umum');
    const res = await officer.post('/api/v1/signature/archive-timestamp', m.body, m.headers);
    expect(res.statusCode).toBe(200);
    const report = (await verify(officer, res.rawPayload)).json();
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s: { kind: string; level: string; status: string }) => [s.kind, s.level, s.status])).toEqual([
      ['signature', 'B-LTA', 'valid'],
      ['timestamp', 'B-LTA', 'valid'],
    ]);
  });

  it('recognises an earlier signed revision of a registered document', async () => {
    const a = await as('kadis.kominfo');
    const b = await as('sekda');
    const first = await sign(a, await letterPdf());
    const code = first.headers['x-verification-code'] as string;
    const second = (await sign(b, first.rawPayload, 'Baru-Sekali-2026')).rawPayload;
    // The workflow registers each signed revision under the document's one code.
    const { registerVerification } = await import('../../src/server/signature/index.js');
    const { sha256Hex } = await import('../../src/server/files/blobStore.js');
    await registerVerification(t.ctx.database.db, { code, sha256: sha256Hex(second), title: 'surat', signerName: 'Dr. Bambang Wijaya, S.P., M.P.', signerTitle: 'Sekretaris Daerah' });
    const meta = await t.app.inject({ method: 'GET', url: `/api/v1/signature/public/verifications/${code}` });
    expect(meta.json()).toMatchObject({ revisions: 2, signerName: 'Dr. Bambang Wijaya, S.P., M.P.' });
    const m = multipart({}, [{ field: 'file', name: 'a.pdf', bytes: first.rawPayload }]);
    const res = await t.app.inject({ method: 'POST', url: `/verifikasi/${code}`, payload: m.body, headers: m.headers });
    expect(res.body).toContain('Berkas adalah revisi sebelumnya dari dokumen terdaftar');
  });
});

describe('bulk signing', () => {
  it('signs each document on its own with one passphrase entry; progress is in the database', async () => {
    const c = await as('kadis.kominfo');
    const a = await letterPdf({ title: 'SURAT PERTAMA' });
    const b = await letterPdf({ title: 'SURAT KEDUA' });
    const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level: 'B-T' }) }, [
      { field: 'files', name: 'satu.pdf', bytes: a },
      { field: 'files', name: 'rusak.pdf', bytes: Buffer.from('%PDF-1.7 ini bukan pdf yang utuh') },
      { field: 'files', name: 'dua.pdf', bytes: b },
    ]);
    const res = await c.post('/api/v1/signature/batches?wait=true', m.body, m.headers);
    expect(res.statusCode).toBe(200);
    const batch = res.json();
    expect(batch).toMatchObject({ status: 'done', total: 3, succeeded: 2, failed: 1, pending: 0 });
    expect(batch.items.map((i: { name: string; status: string }) => [i.name, i.status])).toEqual([
      ['satu.pdf', 'signed'],
      ['rusak.pdf', 'failed'],
      ['dua.pdf', 'signed'],
    ]);
    expect(batch.items[1].error).toEqual({ code: 'PDF_INVALID', message: 'Berkas bukan PDF yang valid atau rusak.' });
    const dl = await c.get(`/api/v1/signature/batches/${batch.id}/items/${batch.items[2].id}/file`);
    expect(dl.headers['content-type']).toBe('application/pdf');
    const report = (await verify(c, dl.rawPayload)).json();
    expect(report).toMatchObject({ verdict: 'valid', signatures: [{ level: 'B-T' }] });
    const meta = await t.app.inject({ method: 'GET', url: `/api/v1/signature/public/verifications/${batch.items[2].verificationCode}` });
    expect(meta.json().title).toBe('dua');
    // Another user cannot read the run.
    const other = await as('sekda');
    expect((await other.get(`/api/v1/signature/batches/${batch.id}`)).statusCode).toBe(404);
  });

  it('starts in the background (202) for uploaded file ids and reports progress until done', async () => {
    const c = await as('kadis.kominfo');
    const ids: string[] = [];
    for (const title of ['SATU', 'DUA', 'TIGA']) {
      const up = multipart({}, [{ field: 'file', name: `${title}.pdf`, bytes: await letterPdf({ title }) }]);
      const r = await c.post('/api/v1/signature/uploads', up.body, up.headers);
      expect(r.statusCode).toBe(201);
      ids.push(r.json().id);
    }
    const res = await c.post('/api/v1/signature/batches', { fileIds: ids, passphrase: DEMO_SIGNING_PASSPHRASE, options: { level: 'B-B', visible: false } });
    expect(res.statusCode).toBe(202);
    const { batchId, total } = res.json();
    expect(total).toBe(3);
    let progress;
    for (let i = 0; i < 100; i++) {
      progress = (await c.get(`/api/v1/signature/batches/${batchId}`)).json();
      if (progress.status === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(progress).toMatchObject({ status: 'done', succeeded: 3, failed: 0 });
    const [row] = await t.ctx.database.db.select().from(signatureBatches).where(eq(signatureBatches.id, batchId));
    expect(row).toMatchObject({ status: 'done', succeeded: 3 });
  });

  it('fails a wrong passphrase before creating anything', async () => {
    const c = await as('kadis.kominfo');
    const before = (await t.ctx.database.db.select().from(signatureBatches)).length;
    const m = multipart({ passphrase: 'Salah-Sekali-1' }, [{ field: 'files', name: 'a.pdf', bytes: await letterPdf() }]);
    const res = await c.post('/api/v1/signature/batches', m.body, m.headers);
    expect(res.json().code).toBe('PASSPHRASE_WRONG');
    expect((await t.ctx.database.db.select().from(signatureBatches)).length).toBe(before);
  });
});

describe('PKI publication', () => {
  it('publishes the CA certificates in DER and PEM, and a TSA whose replies openssl verifies', async () => {
    const der = await t.app.inject({ method: 'GET', url: '/pki/root.crt' });
    expect(der.headers['content-type']).toBe('application/pkix-cert');
    expect(run('openssl', ['x509', '-inform', 'DER', '-noout', '-subject'], der.rawPayload).out).toMatch(/CN\s*=\s*Pemerintah Kabupaten Contoh Root CA/);
    const chain = (await t.app.inject({ method: 'GET', url: '/pki/chain.pem' })).body;
    expect(chain.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const root = file('root2.pem', (await t.app.inject({ method: 'GET', url: '/pki/root.pem' })).body);
    const issuing = file('issuing2.pem', (await t.app.inject({ method: 'GET', url: '/pki/issuing.pem' })).body);
    const data = file('data.txt', 'isi yang dicap waktu');
    const query = path.join(t.ctx.tmpDir, 'q.tsq');
    expect(run('openssl', ['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]).code).toBe(0);
    const reply = await t.app.inject({ method: 'POST', url: '/pki/tsa', payload: fs.readFileSync(query), headers: { 'content-type': 'application/timestamp-query' } });
    expect(reply.headers['content-type']).toBe('application/timestamp-reply');
    const tsr = file('r.tsr', reply.rawPayload);
    expect(run('openssl', ['ts', '-verify', '-queryfile', query, '-in', tsr, '-CAfile', root, '-untrusted', issuing]).out).toMatch(/Verification: OK/);
    const sha1 = run('bash', ['-c', `openssl ts -query -data ${data} -sha1 -cert`]);
    expect(sha1.code).toBe(0);
  });

  it('creates one PKI when two instances start together', async () => {
    // Two contexts on the same database, each with its own per-process cache.
    const a = await createContext(t.ctx.config, { database: t.ctx.database, log: pino({ level: 'silent' }), migrate: false });
    const b = await createContext(t.ctx.config, { database: t.ctx.database, log: pino({ level: 'silent' }), migrate: false });
    const [pa, pb] = await Promise.all([getPki(a), getPki(b)]);
    expect(pa.root.cert.serialNumber).toBe(pb.root.cert.serialNumber);
    expect((await t.ctx.database.db.select().from(signatureAuthorities)).map((r) => r.kind).sort()).toEqual(['issuing', 'ocsp', 'root', 'tsa']);
  });

  it('documents the signature API in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/signature/sign', '/api/v1/signature/batches', '/api/v1/signature/batches/{id}', '/api/v1/signature/verify', '/api/v1/signature/enrol', '/api/v1/signature/certificate/revoke', '/api/v1/signature/public/verify']),
    );
  });
});
