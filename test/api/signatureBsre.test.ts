// Remote signing through the BSrE adapter (SIGNER=bsre) against a local fake BSrE: API v1 and
// v2, user statuses, error codes 2011/2021/2031, no automatic retry, the passphrase never in a
// log line, and the shared wrong-passphrase lockout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { users } from '../../src/server/org/schema.js';
import { signPdf, signPdfBatch, verifyPdf, type SignInput } from '../../src/server/signature/index.js';
import { SIGNATURE_MARKER } from '../../src/shared/markers.js';
import { createTestContext, type TestContext } from '../helpers/testContext.js';
import { startFakeBsre, FAKE_BSRE_AUTH, type FakeBsre } from '../signature/fakeBsre.js';
import { letterPdf } from '../signature/pdfFixtures.js';

let fake: FakeBsre;
let ctx: TestContext;
let ids: DemoIds;
const logLines: string[] = [];
const PASS = 'Bsre-Rahasia-2026';

// NIKs of demo users (see org/demoOrg.ts).
const NIK = { kominfo: '3503010906710001', perkimta: '3301011209690001', dukcapil: '3402010605710001', sekda: '3372012710770001', bupati: '3372010505700001', wabup: '3372014612720001' };

beforeAll(async () => {
  fake = await startFakeBsre([
    { nik: NIK.kominfo, status: 'ISSUE', passphrase: PASS, name: 'Edi Hariyanto, S.Sos., M.Si.' },
    { nik: NIK.perkimta, status: 'ISSUE', passphrase: PASS, name: 'Ir. Joko Susilo, M.T.' },
    { nik: NIK.dukcapil, status: 'NO_CERTIFICATE', passphrase: PASS, name: 'Sahabiq Purnomo' },
    { nik: NIK.sekda, status: 'EXPIRED', passphrase: PASS, name: 'Dr. Bambang Wijaya' },
    { nik: NIK.bupati, status: 'SUSPEND', passphrase: PASS, name: 'H. Ahmad Santoso' },
  ]);
  ctx = await createTestContext({ SIGNER: 'bsre', BSRE_URL: fake.url, BSRE_USER: FAKE_BSRE_AUTH.user, BSRE_PASSWORD: FAKE_BSRE_AUTH.password, BSRE_API_VERSION: 'v1' });
  // Capture everything the module logs, at the most verbose level.
  ctx.log = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) }));
  ids = await seedDemo(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.v1Json = false;
});

const input = async (username: string, passphrase = PASS, extra: Partial<SignInput> = {}): Promise<SignInput> => ({
  signerUserId: ids.users.get(username)!,
  passphrase,
  pdf: await letterPdf(),
  appearance: { visible: true, placement: { marker: SIGNATURE_MARKER }, signerName: 'Edi Hariyanto, S.Sos., M.Si.', signerTitle: 'Kepala Dinas Komunikasi dan Informatika' },
  verificationUrl: 'http://localhost:3000/verifikasi/ABCDEFGHJKMN',
  ...extra,
});

const signRequests = () => fake.requests.filter((r) => r.path.includes('/sign/pdf'));

describe.each(['v1', 'v2'] as const)('BSrE API %s', (version) => {
  beforeEach(() => {
    ctx.config.signature.bsre.apiVersion = version;
  });

  it('signs through BSrE: status check, then one sign request with the QR image at the marker', async () => {
    const r = await signPdf(ctx, await input('kadis.kominfo'));
    const report = await verifyPdf(null, r.pdf, { extraTrustPem: [fake.pki.root.pem] });
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]!.signer).toMatchObject({ commonName: 'Edi Hariyanto, S.Sos., M.Si.', nik: NIK.kominfo });
    expect(r.certificateSerial).toBe(report.signatures[0]!.signer!.serial);
    expect(fake.requests[0]!.path).toBe(version === 'v1' ? `/api/user/status/${NIK.kominfo}` : '/api/v2/user/check/status');
    const [req] = signRequests();
    expect(signRequests()).toHaveLength(1);
    if (version === 'v1') {
      expect(req!.fields).toMatchObject({ nik: NIK.kominfo, passphrase: '<benar>', tampilan: 'visible', image: 'true', linkQR: 'http://localhost:3000/verifikasi/ABCDEFGHJKMN', page: '2' });
      expect(req!.files.sort()).toEqual(['file', 'imageTTD']);
      expect(Number(req!.fields.xAxis)).toBeCloseTo(320, -1);
    } else {
      expect(req!.fields).toMatchObject({ nik: NIK.kominfo, passphrase: '<benar>', fileCount: 1, signatureProperties: [{ tampilan: 'VISIBLE', page: 2 }] });
      expect((req!.fields.signatureProperties as Array<{ imageBase64: string }>)[0]!.imageBase64).toMatch(/^<\d+ chars>$/);
    }
  });

  it('signs invisibly when asked', async () => {
    await signPdf(ctx, await input('kadis.kominfo', PASS, { appearance: { visible: false } }));
    const f = signRequests()[0]!.fields;
    if (version === 'v1') expect(f.tampilan).toBe('invisible');
    else expect(f.signatureProperties).toEqual([{ tampilan: 'INVISIBLE' }]);
  });

  it('maps statuses and error codes: NOT_REGISTERED/2011, NO_CERTIFICATE/2021, EXPIRED, SUSPEND', async () => {
    await expect(signPdf(ctx, await input('wabup'))).rejects.toMatchObject({ code: 'BSRE_USER_NOT_REGISTERED' });
    await expect(signPdf(ctx, await input('kadis.dukcapil'))).rejects.toMatchObject({ code: 'BSRE_NO_CERTIFICATE' });
    const expired = await signPdf(ctx, await input('sekda')).catch((e) => e);
    expect(expired).toMatchObject({ code: 'BSRE_CERTIFICATE_STATUS', details: { bsreStatus: 'EXPIRED' } });
    expect(expired.userMessage('id')).toBe('Sertifikat elektronik di BSrE telah kedaluwarsa.');
    await expect(signPdf(ctx, await input('bupati'))).rejects.toMatchObject({ code: 'BSRE_CERTIFICATE_STATUS', details: { bsreStatus: 'SUSPEND' } });
    expect(signRequests()).toHaveLength(0);
    // The sign call's own codes, when the status check passed but the account changed since.
    fake.atSignTime.set(NIK.perkimta, 'no_certificate');
    expect(await signPdf(ctx, await input('kadis.perkimta')).catch((e) => e)).toMatchObject({ code: 'BSRE_NO_CERTIFICATE', details: { bsreCode: 2021 } });
    fake.atSignTime.set(NIK.perkimta, 'unregistered');
    expect(await signPdf(ctx, await input('kadis.perkimta')).catch((e) => e)).toMatchObject({ code: 'BSRE_USER_NOT_REGISTERED', details: { bsreCode: 2011 } });
    fake.atSignTime.clear();
  });

  it('never retries a failed sign call', async () => {
    fake.failNextSign = true;
    await expect(signPdf(ctx, await input('kadis.kominfo'))).rejects.toMatchObject({ code: 'SIGNING_SERVICE_UNAVAILABLE' });
    expect(signRequests()).toHaveLength(1);
  });
});

describe('BSrE wrong passphrase (2031)', () => {
  it('is PASSPHRASE_WRONG, counts towards the lockout, and once locked no request reaches BSrE', async () => {
    ctx.config.signature.bsre.apiVersion = 'v2';
    for (let i = 1; i <= 4; i++) {
      const e = await signPdf(ctx, await input('kadis.perkimta', 'Salah-Passphrase-1')).catch((x) => x);
      expect(e).toMatchObject({ code: 'PASSPHRASE_WRONG', details: { remainingAttempts: 5 - i } });
    }
    await expect(signPdf(ctx, await input('kadis.perkimta', 'Salah-Passphrase-1'))).rejects.toMatchObject({ code: 'PASSPHRASE_LOCKED' });
    expect(signRequests()).toHaveLength(5);
    fake.requests.length = 0;
    await expect(signPdf(ctx, await input('kadis.perkimta'))).rejects.toMatchObject({ code: 'PASSPHRASE_LOCKED' });
    expect(fake.requests).toHaveLength(0);
  });

  it('stops a bulk run at the first wrong passphrase instead of trying every document', async () => {
    ctx.config.signature.bsre.apiVersion = 'v1';
    const base = await input('kadis.kominfo', 'Juga-Salah-2');
    const results = await signPdfBatch(ctx, { signerUserId: base.signerUserId, passphrase: base.passphrase, items: ['a', 'b', 'c'].map((key) => ({ ...base, key })) });
    expect(results.map((r) => [r.key, r.ok, r.error?.code])).toEqual([
      ['a', false, 'PASSPHRASE_WRONG'],
      ['b', false, 'PASSPHRASE_WRONG'],
      ['c', false, 'PASSPHRASE_WRONG'],
    ]);
    expect(signRequests()).toHaveLength(1);
  });

  it('reads a v1 JSON answer (base64_signed_file) and refuses a signer without NIK', async () => {
    ctx.config.signature.bsre.apiVersion = 'v1';
    fake.v1Json = true;
    const r = await signPdf(ctx, await input('kadis.kominfo'));
    expect((await verifyPdf(null, r.pdf, { extraTrustPem: [fake.pki.root.pem] })).verdict).toBe('valid');
    await ctx.database.db.update(users).set({ nik: null }).where(eq(users.id, ids.users.get('kasubag.tu')!));
    await expect(signPdf(ctx, await input('kasubag.tu'))).rejects.toMatchObject({ code: 'SIGNER_NIK_MISSING' });
  });

  it('never writes a passphrase to the log', () => {
    // Signings, wrong passphrases, the lock and the failed BSrE call were all logged …
    const all0 = logLines.join('\n');
    expect(all0).toMatch(/document signed/);
    expect(all0).toMatch(/wrong signing passphrase/);
    expect(all0).toMatch(/remote signing call failed/);
    const all = logLines.join('\n');
    for (const p of [PASS, 'Salah-Passphrase-1', 'Juga-Salah-2']) expect(all).not.toContain(p);
  });
});
