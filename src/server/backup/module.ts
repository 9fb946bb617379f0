// Backup and restore for operators: `naskah backup <dir>` and `naskah restore <dir>` (backup.ts,
// restore.ts). The KEK is never part of a backup; restore needs the same KEK configured.
import { loadConfig } from '../config.js';
import { loadKek } from '../crypto/kek.js';
import { defineModule, type CliCommand } from '../module.js';
import { packageVersion } from '../paths.js';
import { BackupError, createBackup } from './backup.js';
import { restoreDatabase, restoreFilesAndVerify } from './restore.js';


const commands: CliCommand[] = [
  (program, withContext) => {
    program
      .command('backup <dir>')
      .description('Cadangkan basis data dan semua berkas ke <dir> (tanpa KEK; di mode tertanam hentikan server dulu) / back up the database and every file (never the KEK)')
      .action(async (dir: string) => {
        await withContext(async (ctx) => {
          const m = await createBackup(ctx, dir);
          console.log(`Cadangan selesai di ${dir}: ${m.database}, ${m.files.blobs} berkas, ${m.audit.events} kejadian audit, ${m.signedLetters} naskah bertanda tangan.`);
          console.log('KEK TIDAK termasuk dalam cadangan: simpan terpisah / the KEK is NOT in the backup: keep it apart.');
        });
      });
    program
      .command('restore <dir>')
      .description('Pulihkan cadangan ke basis data kosong / direktori data baru, lalu periksa rantai audit dan tanda tangan / restore into a fresh database or data directory, then verify')
      .action(async (dir: string) => {
        const config = loadConfig(process.env, packageVersion);
        const m = await restoreDatabase(config, loadKek(config.kek).key, dir);
        await withContext(async (ctx) => {
          const r = await restoreFilesAndVerify(ctx, dir, m);
          console.log(`Dipulihkan: ${r.blobs} berkas; rantai audit ${r.audit.ok ? 'utuh' : 'RUSAK'} (${r.audit.checked} kejadian); ${r.signedLetters.valid} dari ${r.signedLetters.checked} naskah bertanda tangan sah.`);
          if (!r.audit.ok || r.signedLetters.problems.length) throw new BackupError(`Pemeriksaan gagal / verification failed: ${JSON.stringify({ audit: r.audit.firstBroken, letters: r.signedLetters.problems.slice(0, 5) })}`);
        });
      });
  },
];

export const backupModule = defineModule({ name: 'backup', cli: commands });
