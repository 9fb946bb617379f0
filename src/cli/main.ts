// The `naskah` command: serve, migrate, seed-demo, and every module's commands (modules.ts).
import { Command } from 'commander';
import { blobStoreConfigFromEnv, ConfigError, loadConfig, type Config } from '../server/config.js';
import { createBlobStore } from '../server/files/createBlobStore.js';
import { migrateBlobs } from '../server/files/migrateBlobs.js';
import { closeContext, createContext, type AppContext } from '../server/context.js';
import { DirectoryLockedError } from '../server/db/dirLock.js';
import { BackupError } from '../server/backup/backup.js';
import { demoAccountsTable, isDatabaseEmpty, seedDemo } from '../server/demo/seedDemo.js';
import { modules, startModules } from '../server/modules.js';
import { startServer } from '../server/main.js';
import { packageVersion } from '../server/paths.js';

function config(): Config {
  return loadConfig(process.env, packageVersion);
}

/** Open the database (migrated) for a one-shot command, run, close. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(config());
  try {
    await startModules(ctx);
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
  .command('blobs')
  .description('Penyimpanan berkas (file storage)')
  .command('migrate')
  .description('Salin semua berkas ke penyimpanan lain, diverifikasi dengan SHA-256 (copy every file to another store, verified by SHA-256)')
  .requiredOption('--to <store>', 'fs | postgres | s3')
  .action(async (opts: { to: string }) => {
    if (!['fs', 'postgres', 's3'].includes(opts.to)) throw new CliError(`--to harus fs, postgres atau s3 / --to must be fs, postgres or s3 (got ${opts.to})`);
    const to = opts.to as 'fs' | 'postgres' | 's3';
    await withContext(async (ctx) => {
      if (ctx.blobs.kind === to) throw new CliError(`Penyimpanan sekarang sudah ${to} / the configured store is already ${to}`);
      const target = await createBlobStore(blobStoreConfigFromEnv(process.env, ctx.config.blobDir, to), ctx.database);
      try {
        const report = await migrateBlobs(ctx.database.db, ctx.blobs, target, {
          onProgress: (n) => {
            if (n % 1000 === 0) process.stderr.write(`${n} …\n`);
          },
        });
        console.log(JSON.stringify(report, null, 2));
        if (report.missingInSource.length || report.mismatched.length) throw new CliError('Migrasi belum lengkap: ada berkas yang hilang atau tidak cocok / incomplete: missing or mismatched blobs (listed above)');
        console.log(`Semua ${report.total} berkas terverifikasi. Sekarang setel NASKAH_BLOB_STORE=${to} dan mulai ulang. / All verified; now set NASKAH_BLOB_STORE=${to} and restart.`);
      } finally {
        await target.close?.();
      }
    });
  });

for (const m of modules) for (const add of m.cli ?? []) add(program, withContext);

export class CliError extends Error {}

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CliError || e instanceof ConfigError || e instanceof DirectoryLockedError || e instanceof BackupError) {
    console.error(e.message);
  } else if (e && typeof e === 'object' && 'code' in e && 'userMessage' in e) {
    const err = e as { code: string; userMessage(l: string): string; details?: unknown };
    console.error(`${err.code}: ${err.userMessage('id')}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  } else {
    console.error(e);
  }
  process.exit(1);
});
