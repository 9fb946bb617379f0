// SOP time standards: which standard applies to a letter, and what it allows for each step that
// Naskah measures. Pure: no I/O.
import type { SopPhase, SopStepStandard } from './schema.js';

/**
 * The instance default, from SOP "Pembuatan Naskah Dinas Keluar Menggunakan TTE Bupati" (Setda):
 * its ten rows and their "Waktu" (120 minutes in all). An admin changes it or adds one per office.
 */
export const DEFAULT_SOP_NAME = 'Standar bawaan (SOP Pembuatan Naskah Dinas Keluar Menggunakan TTE)';
export const DEFAULT_SOP_STEPS: SopStepStandard[] = [
  { no: 1, activity: 'Mengunduh templat naskah dinas', phase: 'draft', minutes: 5 },
  { no: 2, activity: 'Menyunting templat sesuai konsep naskah dinas', phase: 'draft', minutes: 30 },
  { no: 3, activity: 'Registrasi naskah dinas keluar: tujuan, verifikator, penandatangan', phase: 'register', minutes: 15 },
  { no: 4, activity: 'Mereviu konsep (PDF) sebelum dikirim ke verifikator', phase: 'review', minutes: 5 },
  { no: 5, activity: 'Memverifikasi naskah dinas', phase: 'verify', minutes: 10 },
  { no: 6, activity: 'Memverifikasi naskah dinas sebelum TTE', phase: 'verify', minutes: 10 },
  { no: 7, activity: 'Memverifikasi naskah dinas sebelum TTE', phase: 'verify', minutes: 10 },
  { no: 8, activity: 'Membubuhkan tanda tangan elektronik', phase: 'sign', minutes: 15 },
  { no: 9, activity: 'Mengirim naskah dinas keluar', phase: 'send', minutes: 5 },
  { no: 10, activity: 'Mengirimkan naskah ke tujuan eksternal / grup tujuan', phase: 'send', minutes: 15 },
];

/** Phases measured together as "drafting": from registration to submission for verification. */
const DRAFT_PHASES: ReadonlySet<SopPhase> = new Set(['draft', 'numbering', 'register', 'review']);

export interface StandardCandidate {
  id: string;
  unitId: string | null;
  documentTypeId: string | null;
}

/**
 * The standard for a letter of `typeId` issued by the unit whose ancestry is `unitChain` (the unit
 * itself first, then its parent, up to the root): the nearest unit with the type, then the nearest
 * unit for every type, then the instance default for the type, then the instance default.
 */
export function pickStandard<T extends StandardCandidate>(candidates: readonly T[], unitChain: readonly string[], typeId: string): T | null {
  for (const unitId of unitChain) {
    const exact = candidates.find((c) => c.unitId === unitId && c.documentTypeId === typeId);
    if (exact) return exact;
    const anyType = candidates.find((c) => c.unitId === unitId && c.documentTypeId === null);
    if (anyType) return anyType;
  }
  return candidates.find((c) => c.unitId === null && c.documentTypeId === typeId) ?? candidates.find((c) => c.unitId === null && c.documentTypeId === null) ?? null;
}

/** Unit ids from a materialised path "/root/…/self/", the unit itself first. */
export function unitChainOf(path: string): string[] {
  return path.split('/').filter(Boolean).reverse();
}

export interface MeasuredStandard {
  minutes: number | null;
  /** The SOP rows (their "No") this measured step covers. */
  sopNos: number[];
}

/**
 * What the SOP allows for each measured step: drafting (every row before verification), the
 * `index`-th verification (the index-th verify row; a chain longer than the SOP's rows uses its
 * last verify row), each signature, and sending.
 */
export function standardFor(steps: readonly SopStepStandard[], step: { kind: 'draft' | 'send' | 'sign' } | { kind: 'verify'; index: number }): MeasuredStandard {
  const sum = (rows: readonly SopStepStandard[]): MeasuredStandard => (rows.length ? { minutes: rows.reduce((a, r) => a + r.minutes, 0), sopNos: rows.map((r) => r.no) } : { minutes: null, sopNos: [] });
  switch (step.kind) {
    case 'draft':
      return sum(steps.filter((r) => DRAFT_PHASES.has(r.phase)));
    case 'sign':
      return sum(steps.filter((r) => r.phase === 'sign'));
    case 'send':
      return sum(steps.filter((r) => r.phase === 'send'));
    case 'verify': {
      const rows = steps.filter((r) => r.phase === 'verify');
      const row = rows[Math.min(step.index, rows.length - 1)];
      return row ? { minutes: row.minutes, sopNos: [row.no] } : { minutes: null, sopNos: [] };
    }
  }
}

export const totalMinutes = (steps: readonly SopStepStandard[]) => steps.reduce((a, r) => a + r.minutes, 0);

/** Problems with an edited list of rows, as field paths and Indonesian reasons (empty = valid). */
export function stepProblems(steps: readonly SopStepStandard[]): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  if (!steps.length) out.push({ path: 'steps', message: 'Isi paling sedikit satu langkah SOP.' });
  const seen = new Set<number>();
  steps.forEach((s, i) => {
    if (seen.has(s.no)) out.push({ path: `steps.${i}.no`, message: `Nomor langkah ${s.no} dipakai dua kali.` });
    seen.add(s.no);
    if (!s.activity.trim()) out.push({ path: `steps.${i}.activity`, message: 'Aktivitas wajib diisi.' });
  });
  for (let i = 1; i < steps.length; i++) if (steps[i]!.no < steps[i - 1]!.no) out.push({ path: `steps.${i}.no`, message: 'Urutkan langkah menurut nomornya.' });
  return out;
}
