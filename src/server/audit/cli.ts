// `naskah audit verify`: walks the audit hash chain; exit code 1 at the first broken link.
import type { CliCommand } from '../module.js';
import { verifyAuditChain } from './chain.js';

const REASON: Record<string, string> = {
  hash_mismatch: 'isi kejadian tidak cocok dengan hash-nya (diubah)',
  prev_hash_mismatch: 'hash kejadian sebelumnya tidak cocok (kejadian sebelumnya diubah, dihapus atau disisipkan)',
  gap: 'nomor urut melompat (kejadian dihapus)',
  head_mismatch: 'ujung rantai tidak cocok (kejadian terakhir dihapus atau diubah)',
  unchained_row: 'kejadian ditulis di luar pencatat audit (tanpa tautan rantai)',
};

export const auditCliCommands: CliCommand[] = [
  (program, withContext) => {
    const audit = program.command('audit').description('Jejak audit');
    audit
      .command('verify')
      .description('Periksa rantai hash jejak audit dan laporkan tautan pertama yang rusak')
      .action(async () => {
        await withContext(async (ctx) => {
          const r = await verifyAuditChain(ctx.database.db);
          if (r.ok) {
            console.log(`Rantai audit utuh: ${r.checked} kejadian diperiksa.`);
            return;
          }
          const b = r.firstBroken!;
          console.error(`Rantai audit RUSAK pada urutan ${b.seq}${b.id !== null ? ` (id ${b.id})` : ''}: ${REASON[b.reason] ?? b.reason}. ${r.checked} kejadian diperiksa.`);
          process.exitCode = 1;
        });
      });
  },
];
