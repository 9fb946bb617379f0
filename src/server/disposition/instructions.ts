// Instruction presets of a disposition, as data (regions word them differently; admins add more).
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { dispositionInstructions } from './schema.js';

export const DEFAULT_INSTRUCTIONS: Array<{ code: string; label: string; labelEn: string }> = [
  { code: 'tindak_lanjut', label: 'Untuk ditindaklanjuti', labelEn: 'For follow-up' },
  { code: 'diketahui', label: 'Untuk diketahui', labelEn: 'For information' },
  { code: 'hadiri', label: 'Hadiri/wakili', labelEn: 'Attend / represent' },
  { code: 'siapkan_bahan', label: 'Siapkan bahan/jawaban', labelEn: 'Prepare material / a reply' },
  { code: 'koordinasikan', label: 'Koordinasikan', labelEn: 'Coordinate' },
  { code: 'proses', label: 'Proses sesuai ketentuan', labelEn: 'Process as regulated' },
  { code: 'arsipkan', label: 'Arsipkan', labelEn: 'File it' },
];

/** Inserts the presets that are missing (never overwrites an admin's wording). */
export async function ensureInstructionPresets(db: Db): Promise<void> {
  for (const [i, p] of DEFAULT_INSTRUCTIONS.entries()) {
    await db.insert(dispositionInstructions).values({ code: p.code, label: p.label, labelEn: p.labelEn, sortOrder: i }).onConflictDoNothing({ target: dispositionInstructions.code });
  }
}

export type InstructionRow = typeof dispositionInstructions.$inferSelect;

export async function listInstructions(db: Db, opts: { includeInactive?: boolean } = {}): Promise<InstructionRow[]> {
  const q = db.select().from(dispositionInstructions);
  return (opts.includeInactive ? q : q.where(eq(dispositionInstructions.active, true))).orderBy(asc(dispositionInstructions.sortOrder), asc(dispositionInstructions.label));
}
