// Electronic signatures: API signing latency (B-T, local TSA), bulk signing of 100 letters, and
// our verifier against pdfsig on the same two-signature file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, round, type Bench } from './lib.js';

const bench: Bench = {
  name: 'signature',
  description: 'TTE: sign a 2-page letter via API at B-T (local TSA), bulk-sign 100 letters, verify 2 signatures vs pdfsig',
  async run() {
    process.env.NASKAH_TEST_ENGINE ??= 'pglite';
    const { preparePgliteTemplate } = await import('../test/helpers/templates.js');
    await preparePgliteTemplate();
    const { createTestApp, grantOutsideWorkflowSigning, loginAs } = await import('../test/helpers/testApp.js');
    const { seedDemo } = await import('../src/server/demo/seedDemo.js');
    const { DEMO_SIGNING_PASSPHRASE, verifyPdf } = await import('../src/server/signature/index.js');
    const { multipart } = await import('../test/signature/multipart.js');
    const { libreOfficeLetter } = await import('../test/signature/libreoffice.js');
    const { letterPdf } = await import('../test/signature/pdfFixtures.js');
    const { nssDbWithRoot } = await import('../test/signature/tools.js');

    const t = await createTestApp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-sig-'));
    try {
      await seedDemo(t.ctx);
      await grantOutsideWorkflowSigning(t.ctx);
      let letter: Buffer;
      let source = 'LibreOffice';
      try {
        letter = await libreOfficeLetter(dir);
      } catch {
        letter = Buffer.from(await letterPdf());
        source = 'pdf-lib';
      }
      const c = await loginAs(t.app, t.ctx, 'kadis.kominfo');
      const sign = async (pdf: Uint8Array, level: string) => {
        const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level }) }, [{ field: 'file', name: 'surat.pdf', bytes: pdf }]);
        const res = await c.post('/api/v1/signature/sign', m.body, m.headers);
        if (res.statusCode !== 200) throw new Error(`sign: ${res.statusCode} ${res.body}`);
        return res.rawPayload;
      };

      // 1. Single signature through the API, B-T, local TSA.
      for (let i = 0; i < 3; i++) await sign(letter, 'B-T'); // warm-up (pdf.js load, JIT)
      const single: number[] = [];
      for (let i = 0; i < 25; i++) {
        const t0 = performance.now();
        await sign(letter, 'B-T');
        single.push(performance.now() - t0);
      }
      // The passphrase KDF alone (scrypt N=2^16, r=8), for the breakdown.
      const { unwrapPrivateKey } = await import('../src/server/signature/pki/passphraseKey.js');
      const { latestCredential } = await import('../src/server/signature/credentialStore.js');
      const me = (await c.get('/api/v1/me')).json().user.id as string;
      const cred = (await latestCredential(t.ctx.database.db, me))!;
      const kdf: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await unwrapPrivateKey(cred.keyEncrypted, cred.kdf, DEMO_SIGNING_PASSPHRASE, `signature.credential:${cred.certificateSerial}`);
        kdf.push(performance.now() - t0);
      }

      // 2. Bulk: 100 letters, one passphrase entry, B-LT (the default).
      const files = Array.from({ length: 100 }, (_, i) => ({ field: 'files', name: `surat-${i + 1}.pdf`, bytes: letter }));
      const m = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level: 'B-LT' }) }, files);
      const b0 = performance.now();
      const bulk = await c.post('/api/v1/signature/batches?wait=true', m.body, m.headers);
      const bulkMs = performance.now() - b0;
      const bulkResult = bulk.json();
      if (bulkResult.succeeded !== 100) throw new Error(`bulk: ${bulk.body.slice(0, 300)}`);

      // 3. Verify a two-signature PDF: ours (in process) vs pdfsig (process) on the same file.
      const sekda = await loginAs(t.app, t.ctx, 'sekda');
      const m2 = multipart({ passphrase: DEMO_SIGNING_PASSPHRASE, options: JSON.stringify({ level: 'B-LT' }) }, [{ field: 'file', name: 'a.pdf', bytes: await sign(letter, 'B-LT') }]);
      const twoRes = await sekda.post('/api/v1/signature/sign', m2.body, m2.headers);
      const two = twoRes.rawPayload;
      const file = path.join(dir, 'two.pdf');
      fs.writeFileSync(file, two);
      const rootPem = (await t.app.inject({ method: 'GET', url: '/pki/root.pem' })).body;
      const rootPath = path.join(dir, 'root.pem');
      fs.writeFileSync(rootPath, rootPem);
      const nss = nssDbWithRoot(path.join(dir, 'nss'), rootPath);
      const ours: number[] = [];
      const oursDb: number[] = [];
      const theirs: number[] = [];
      let oursVerdict = '';
      for (let i = 0; i < 3; i++) await verifyPdf(null, two, { extraTrustPem: [rootPem] });
      for (let i = 0; i < 20; i++) {
        let t0 = performance.now();
        oursVerdict = (await verifyPdf(null, two, { extraTrustPem: [rootPem] })).verdict;
        ours.push(performance.now() - t0);
        t0 = performance.now();
        await verifyPdf(t.ctx, two);
        oursDb.push(performance.now() - t0);
        t0 = performance.now();
        const r = spawnSync('pdfsig', ['-nssdir', nss, '-no-ocsp', file], { encoding: 'utf8' });
        theirs.push(performance.now() - t0);
        if (!/Signature is Valid[\s\S]*Signature is Valid/.test(r.stdout)) throw new Error(`pdfsig: ${r.stdout}`);
      }
      const p50 = (v: number[]) => round(percentile(v, 50), 1);
      return {
        metrics: {
          letter_source: source,
          letter_bytes: letter.length,
          sign_api_bt_p50_ms: p50(single),
          sign_api_bt_p90_ms: round(percentile(single, 90), 1),
          passphrase_kdf_p50_ms: p50(kdf),
          sign_api_bt_p50_minus_kdf_ms: round(p50(single) - p50(kdf), 1),
          bulk_100_blt_ms: round(bulkMs, 0),
          bulk_per_letter_ms: round(bulkMs / 100, 1),
          verify_two_sigs_ours_p50_ms: p50(ours),
          verify_two_sigs_ours_with_db_p50_ms: p50(oursDb),
          verify_two_sigs_pdfsig_p50_ms: p50(theirs),
          verify_ratio_ours_to_pdfsig: round(percentile(ours, 50) / percentile(theirs, 50), 2),
          verify_verdict: oursVerdict,
        },
        goals: { sign_api_bt_p50_ms: '<= 70', bulk_100_blt_ms: '<= 5000', verify_ratio_ours_to_pdfsig: '<= 1.0' },
        notes:
          'Signing includes unwrapping the key with the passphrase (scrypt N=2^16, r=8, required to take >= 100 ms), which alone exceeds the 70 ms goal; ' +
          'sign_api_bt_p50_minus_kdf_ms is the rest. Bulk unwraps once. Our verifier runs in process (no process start); pdfsig is timed as a process with -no-ocsp.',
      };
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
