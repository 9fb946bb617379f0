// The `naskah` command: serve, migrate, seed-demo, import-org, create-admin (and domain commands).
import fs from 'node:fs';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { closeContext, createContext, type AppContext } from '../server/context.js';
import { DirectoryLockedError } from '../server/db/dirLock.js';
import { demoAccountsTable, isDatabaseEmpty, seedDemo } from '../server/demo/seedDemo.js';
import { registerDomains, startDomains } from '../server/domains.js';
import { startServer } from '../server/main.js';
import { importOrgCsv } from '../server/org/importOrg.js';
import { packageVersion } from '../server/paths.js';
import { createAdminAccount } from '../server/org/createAdminAccount.js';
import { cliCommands } from './commands.js';

function config(): Config {
  return loadConfig(process.env, packageVersion);
}

/** Open the database (migrated) for a one-shot command, run, close. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(config());
  try {
    registerDomains(ctx);
    await ctx.jobs.start();
    await startDomains(ctx);
    return await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

const program = new Command();
program.name('naskah').description('Naskah – Tata Naskah Dinas Elektronik').version(packageVersion);

program
  .command('serve')
  .description('Jalankan server web dan pekerja latar (start the web server and job workers)')
  .action(async () => {
    const server = await startServer(config());
    const shutdown = async () => {
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program
  .command('migrate')
  .description('Terapkan migrasi skema basis data (apply database migrations)')
  .action(async () => {
    await withContext(async () => {});
    console.log('Migrasi selesai / migrations applied');
  });

program
  .command('seed-demo')
  .description('Isi data demo Pemerintah Kabupaten Contoh ke basis data kosong')
  .action(async () => {
    await withContext(async (ctx) => {
      if (!(await isDatabaseEmpty(ctx))) throw new CliError('Basis data tidak kosong; data demo hanya untuk basis data baru. / Database is not empty.');
      await seedDemo(ctx);
      console.log(demoAccountsTable());
    });
  });

program
  .command('import-org')
  .argument('<file>', 'CSV unit, jabatan atau pengguna')
  .option('--dry-run', 'periksa saja tanpa menyimpan (check only)')
  .description('Impor organisasi dari CSV (jenis dikenali dari header); semua atau tidak sama sekali')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new CliError(`Berkas tidak ditemukan: ${file}`);
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

for (const add of cliCommands) add(program, withContext);

export class CliError extends Error {}

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CliError || e instanceof ConfigError || e instanceof DirectoryLockedError) {
    console.error(e.message);
  } else if (e && typeof e === 'object' && 'code' in e && 'userMessage' in e) {
    const err = e as { code: string; userMessage(l: string): string; details?: unknown };
    console.error(`${err.code}: ${err.userMessage('id')}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
