// `naskah import-org FILE.csv [--dry-run]` and `naskah create-admin`.
import fs from 'node:fs';
import type { CliCommand } from '../module.js';
import { createAdminAccount } from './createAdminAccount.js';
import { importOrgCsv } from './importOrg.js';

const importOrgCommand: CliCommand = (program, withContext) => {
  program
    .command('import-org')
    .argument('<file>', 'CSV unit, jabatan atau pengguna')
    .option('--dry-run', 'periksa saja tanpa menyimpan (check only)')
    .description('Impor organisasi dari CSV (jenis dikenali dari header); semua atau tidak sama sekali')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      if (!fs.existsSync(file)) {
        console.error(`Berkas tidak ditemukan: ${file}`);
        process.exitCode = 1;
        return;
      }
      const csv = fs.readFileSync(file, 'utf8');
      await withContext(async (ctx) => {
        const r = await importOrgCsv(ctx, null, csv, { dryRun: opts.dryRun ?? false });
        console.log(`${r.kind}: ${r.rows} baris – baru ${r.created}, diubah ${r.updated}, tetap ${r.unchanged}`);
        if (r.errors.length) {
          console.error(`Impor dibatalkan, tidak ada yang disimpan. ${r.errors.length} baris salah:`);
          for (const e of r.errors) console.error(`  baris ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
          process.exitCode = 1;
          return;
        }
        if (opts.dryRun) console.log('Mode periksa (--dry-run): tidak ada yang disimpan.');
        for (const p of r.temporaryPasswords) console.log(`  ${p.username}\tkata sandi sementara: ${p.password}`);
      });
    });
};

const createAdminCommand: CliCommand = (program, withContext) => {
  program
    .command('create-admin')
    .requiredOption('--username <username>')
    .requiredOption('--name <name>')
    .option('--nip <nip>')
    .option('--whatsapp <number>')
    .description('Buat akun admin sistem dengan kata sandi sementara (wajib diganti & 2FA saat masuk)')
    .action(async (opts: { username: string; name: string; nip?: string; whatsapp?: string }) => {
      await withContext(async (ctx) => {
        const { temporaryPassword } = await createAdminAccount(ctx, opts);
        console.log(`Admin ${opts.username} dibuat. Kata sandi sementara: ${temporaryPassword}`);
      });
    });
};

export const orgCliCommands: CliCommand[] = [importOrgCommand, createAdminCommand];
