// `naskah import-classification FILE.csv [--dry-run]`: classification codes and JRA from CSV,
// all or nothing, with the same report as the API.
import fs from 'node:fs';
import type { CliCommand } from '../module.js';
import { importClassificationsCsv } from './importClassifications.js';

export const archiveCliCommands: CliCommand[] = [
  (program, withContext) => {
    program
      .command('import-classification')
      .argument('<file>', 'CSV kode klasifikasi: kode, nama, keterangan, retensi_aktif, retensi_inaktif, keterangan_akhir, dasar_hukum, aktif')
      .option('--dry-run', 'periksa saja tanpa menyimpan (check only)')
      .description('Impor kode klasifikasi arsip dan JRA dari CSV; semua atau tidak sama sekali')
      .action(async (file: string, opts: { dryRun?: boolean }) => {
        if (!fs.existsSync(file)) {
          console.error(`Berkas tidak ditemukan: ${file}`);
          process.exitCode = 1;
          return;
        }
        const csv = fs.readFileSync(file, 'utf8');
        await withContext(async (ctx) => {
          const r = await importClassificationsCsv(ctx, null, csv, { dryRun: opts.dryRun ?? false });
          console.log(`kode klasifikasi: ${r.rows} baris – baru ${r.created}, diubah ${r.updated}, tetap ${r.unchanged}`);
          if (r.errors.length) {
            console.error(`Impor dibatalkan, tidak ada yang disimpan. ${r.errors.length} kesalahan:`);
            for (const e of r.errors) console.error(`  baris ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
            process.exitCode = 1;
            return;
          }
          if (opts.dryRun) console.log('Mode periksa (--dry-run): tidak ada yang disimpan.');
        });
      });
  },
];
