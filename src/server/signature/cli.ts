// `naskah verify FILE.pdf [--trust CA.pem …] [--json] [--online]` and `naskah pki-root`.
//
// verify: with --trust the check runs without any database (trusting only the given roots, a
// fresh data directory is fine); without --trust it opens the instance database and trusts the
// instance root, with live revocation status of its certificates. Exit 0 only when every
// signature is valid; 1 when a signature is not valid/trusted or there is none; 2 when the file
// cannot be checked (missing, not a PDF, encrypted, too large).
import fs from 'node:fs';
import type { CliCommand } from '../module.js';
import { isAppError } from '../errors.js';
import { findPki, getPki } from './pki/authority.js';
import { getSetting } from '../settings/settings.js';
import { verifyPdf, type VerificationReport } from './verify/verifyPdf.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const verifyCommand: CliCommand = (program, withContext) => {
  program
    .command('verify')
    .argument('<file>', 'PDF bertanda tangan')
    .option('--trust <pem>', 'sertifikat akar tepercaya (PEM), boleh berulang; tanpa basis data', collect, [] as string[])
    .option('--json', 'laporan JSON')
    .option('--online', 'tanyakan status sertifikat ke OCSP yang tertera di sertifikat')
    .description('Verifikasi tanda tangan elektronik PDF (exit 0 hanya bila semua tanda tangan valid)')
    .action(async (file: string, opts: { trust: string[]; json?: boolean; online?: boolean }) => {
      const print = (r: VerificationReport) => {
        process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : `${r.text}\n`);
        process.exitCode = r.verdict === 'valid' ? 0 : 1;
      };
      try {
        if (!fs.existsSync(file)) throw new Error(`Berkas tidak ditemukan: ${file}`);
        const pdf = fs.readFileSync(file);
        const trust = opts.trust.map((p) => {
          if (!fs.existsSync(p)) throw new Error(`Berkas akar tepercaya tidak ditemukan: ${p}`);
          return fs.readFileSync(p, 'utf8');
        });
        if (trust.length) print(await verifyPdf(null, pdf, { extraTrustPem: trust, online: opts.online ?? false }));
        else await withContext(async (ctx) => print(await verifyPdf(ctx, pdf, { online: opts.online ?? false })));
      } catch (e) {
        const msg = isAppError(e) ? `${e.code}: ${e.userMessage('id')}` : (e as Error).message;
        process.stderr.write(`${msg}\n`);
        process.exitCode = 2;
      }
    });
};

const pkiRootCommand: CliCommand = (program, withContext) => {
  program
    .command('pki-root')
    .option('--out <file>', 'tulis ke berkas')
    .description('Cetak sertifikat akar (root CA) instansi dalam PEM, untuk dipercaya oleh validator lain')
    .action(async (opts: { out?: string }) => {
      await withContext(async (ctx) => {
        if (!(await findPki(ctx)) && !(await getSetting<string>(ctx.database.db, 'instance.name'))?.trim()) {
          throw new Error('CA instansi belum dibuat: daftarkan organisasi (nama pemda) lebih dulu, lalu jalankan lagi');
        }
        const pem = (await getPki(ctx)).root.pem;
        if (opts.out) fs.writeFileSync(opts.out, pem);
        else process.stdout.write(pem);
      });
    });
};

export const signatureCliCommands: CliCommand[] = [verifyCommand, pkiRootCommand];
