// Signatures the product makes, checked by independent validators from Debian: pdfsig (poppler
// with an NSS database trusting our root, asking our OCSP responder live), openssl cms/ts on
// every extracted CMS and timestamp, qpdf --check; inputs from LibreOffice, with and without
// object streams. Also the `naskah verify` CLI without a database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/demo/seedDemo.js';
import { DEMO_SIGNING_PASSPHRASE, verifyPdf } from '../../src/server/signature/index.js';
import { packageRoot } from '../../src/server/paths.js';
import { createTestApp, grantOutsideWorkflowSigning, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { libreOfficeLetter } from '../signature/libreoffice.js';
import { multipart } from '../signature/multipart.js';
import { nssDbWithRoot, opensslCmsVerify, opensslTsVerify, pdfsigAsync, qpdfCheck, rawSignatures, run, signatureTimestamp } from '../signature/tools.js';

let t: TestApp;
let dir: string;
let letter: Buffer;
let letterObjStm: Buffer;
let rootPem: string;
let issuingPem: string;
let nss: string;
const clients = new Map<string, Client>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  t = await createTestApp({ PUBLIC_URL: `http://127.0.0.1:${port}` });
  await seedDemo(t.ctx);
  await grantOutsideWorkflowSigning(t.ctx);
  await t.app.listen({ port, host: '127.0.0.1' });
  dir = path.join(t.ctx.tmpDir, 'interop');
  letter = await libreOfficeLetter(dir);
  const os = path.join(dir, 'surat-objstm.pdf');
  expect(run('qpdf', ['--object-streams=generate', path.join(dir, 'surat.pdf'), os]).code).toBe(0);
  letterObjStm = fs.readFileSync(os);
  rootPem = path.join(dir, 'root.pem');
  issuingPem = path.join(dir, 'issuing.pem');
  fs.writeFileSync(rootPem, (await t.app.inject({ method: 'GET', url: '/pki/root.pem' })).body);
  fs.writeFileSync(issuingPem, (await t.app.inject({ method: 'GET', url: '/pki/issuing.pem' })).body);
  nss = nssDbWithRoot(path.join(dir, 'nss'), rootPem);
}, 120_000);
afterAll(async () => t?.close());

async function as(username: string): Promise<Client> {
  if (!clients.has(username)) clients.set(username, await loginAs(t.app, t.ctx, username));
  return clients.get(username)!;
}

async function sign(username: string, pdf: Buffer, options: Record<string, unknown>): Promise<Buffer> {
  const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify(options) }, [{ field: 'file', name: 'surat.pdf', bytes: pdf }]);
  const res = await (await as(username)).post('/api/v1/signature/sign', m.body, m.headers);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.rawPayload;
}

async function checkIndependently(name: string, pdf: Buffer, signatures: number): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  // pdfsig asks the OCSP responder named in our certificates (this running server).
  const ps = await pdfsigAsync(nss, file);
  expect(ps.signatures, ps.out).toHaveLength(signatures);
  for (const s of ps.signatures) expect(s, s.text).toMatchObject({ signatureValid: true, certificateTrusted: true });
  const q = qpdfCheck(file);
  expect(q.code, q.out).toBe(0);
  expect(q.out).toMatch(/No syntax or stream encoding errors found/);
  const raws = rawSignatures(pdf);
  expect(raws).toHaveLength(signatures);
  for (const raw of raws) {
    const cms = opensslCmsVerify(dir, raw, rootPem);
    expect(cms.code, cms.out).toBe(0);
    const ts = signatureTimestamp(raw.contents);
    if (ts) {
      const v = opensslTsVerify(dir, ts.token, ts.imprintData, rootPem, issuingPem);
      expect(v.out).toMatch(/Verification: OK/);
    }
  }
}

describe('interoperability of signed letters', () => {
  it('one signer, B-LT, LibreOffice letter with the stamp at the marker', async () => {
    const signed = await sign('kadis.kominfo', letter, { level: 'B-LT', reason: 'Disetujui' });
    await checkIndependently('satu.pdf', signed, 1);
    const r = await verifyPdf(t.ctx, signed);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]).toMatchObject({ level: 'B-LT', revocation: { status: 'good' } });
  });

  it('two signers, B-T, each an incremental update', async () => {
    const first = await sign('kadis.kominfo', letter, { level: 'B-T', placement: { page: 1, x: 60, y: 60, width: 200, height: 70 } });
    const second = await sign('sekda', first, { level: 'B-T' });
    await checkIndependently('dua.pdf', second, 2);
    const r = await verifyPdf(t.ctx, second);
    expect(r.signatures.map((s) => [s.signer?.commonName, s.status, s.level])).toEqual([
      ['Edi Hariyanto, S.Sos., M.Si.', 'valid', 'B-T'],
      ['Dr. Bambang Wijaya, S.P., M.P.', 'valid', 'B-T'],
    ]);
  });

  it('a PDF with object streams, two signers at B-LT', async () => {
    expect(letterObjStm.toString('latin1')).toContain('/ObjStm');
    const signed = await sign('sekda', await sign('kadis.kominfo', letterObjStm, { level: 'B-LT', visible: false }), { level: 'B-LT' });
    await checkIndependently('objstm.pdf', signed, 2);
    expect((await verifyPdf(t.ctx, signed)).verdict).toBe('valid');
  });

  it('uses an external RFC 3161 service when TSA_URL is set (here: this instance over HTTP)', async () => {
    const { port } = t.app.server.address() as net.AddressInfo;
    t.ctx.config.signature.tsaUrl = `http://127.0.0.1:${port}/pki/tsa`;
    try {
      const signed = await sign('kadis.kominfo', letter, { level: 'B-LT', visible: false });
      await checkIndependently('tsa-url.pdf', signed, 1);
      const r = await verifyPdf(t.ctx, signed);
      expect(r.signatures[0]).toMatchObject({ status: 'valid', level: 'B-LT', timestamp: { valid: true, trusted: true } });
    } finally {
      t.ctx.config.signature.tsaUrl = undefined;
    }
    t.ctx.config.signature.tsaUrl = 'http://127.0.0.1:9/tsa';
    try {
      const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level: 'B-T' }) }, [{ field: 'file', name: 'surat.pdf', bytes: letter }]);
      const res = await (await as('kadis.kominfo')).post('/api/v1/signature/sign', m.body, m.headers);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ code: 'TIMESTAMP_FAILED', message: 'Layanan cap waktu (TSA) tidak dapat dihubungi.' });
    } finally {
      t.ctx.config.signature.tsaUrl = undefined;
    }
  });

  it('`naskah verify` works without a database given --trust, and exits non-zero for a changed file or a non-PDF', async () => {
    const signed = await sign('kadis.kominfo', letter, { level: 'B-LT' });
    const good = path.join(dir, 'cli-good.pdf');
    fs.writeFileSync(good, signed);
    const fresh = fs.mkdtempSync(path.join(dir, 'fresh-'));
    const env = { ...process.env, NASKAH_DATA_DIR: fresh, NASKAH_FROM_SOURCE: '1', DATABASE_URL: '', LOG_LEVEL: 'silent' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(packageRoot, 'bin', 'naskah.js'), 'verify', ...args], { env, encoding: 'utf8', timeout: 120_000 });
    const ok = cli(good, '--trust', rootPem, '--json');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).verdict).toBe('valid');
    // Nothing was created in the fresh data directory: no database was opened.
    expect(fs.readdirSync(fresh)).toEqual([]);
    const tampered = Buffer.from(signed);
    tampered[300] = tampered[300]! ^ 0x20;
    const bad = path.join(dir, 'cli-bad.pdf');
    fs.writeFileSync(bad, tampered);
    const no = cli(bad, '--trust', rootPem);
    expect(no.status).toBe(1);
    expect(no.stdout).toMatch(/TIDAK VALID/);
    const notPdf = path.join(dir, 'bukan.pdf');
    fs.writeFileSync(notPdf, 'bukan pdf');
    const err = cli(notPdf, '--trust', rootPem);
    expect(err.status).toBe(2);
    expect(err.stderr).toContain('PDF_INVALID');
  });
});
