// Archive classification codes (kode klasifikasi arsip, Permendagri 83/2022) as pure functions:
// the dotted code format, its hierarchy, natural ordering, and the JRA (Jadwal Retensi Arsip,
// retention schedule) values as regions write them in their spreadsheets.

/** Final disposition after the inactive period: destroy, keep permanently, re-appraise. */
export const DISPOSITIONS = ['musnah', 'permanen', 'dinilai_kembali'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Top code plus at most four dotted levels below it ("000" … "000.8.3.3.1"). */
export const MAX_LEVEL = 5;

/**
 * "000", "000.8", "000.8.3.3": a three-digit top code, then numbers 1–999 without leading zeros.
 * Permendagri 83/2022 uses four levels; regions extend by one more level, so five are accepted.
 */
const CODE_RE = /^\d{3}(?:\.[1-9]\d{0,2}){0,4}$/;

export function isValidClassificationCode(code: string): boolean {
  return CODE_RE.test(code);
}

/** Why a code is not valid, in Indonesian, or null when it is. */
export function classificationCodeProblem(code: string): string | null {
  if (!code) return 'Kode klasifikasi wajib diisi';
  if (/\s/.test(code)) return `Kode klasifikasi "${code}" tidak boleh memuat spasi`;
  const parts = code.split('.');
  if (parts.length > MAX_LEVEL) return `Kode klasifikasi "${code}" terlalu dalam (paling banyak ${MAX_LEVEL} tingkat, mis. 000.8.3.3)`;
  if (!/^\d{3}$/.test(parts[0]!)) return `Kode klasifikasi "${code}" harus diawali tiga angka (mis. 000, 100, 800)`;
  for (const p of parts.slice(1)) {
    if (!/^[1-9]\d{0,2}$/.test(p)) return `Kode klasifikasi "${code}" tidak valid: setiap bagian setelah titik berupa angka 1–999 tanpa nol di depan (mis. 000.8.3.3)`;
  }
  return null;
}

/** 1 for "000", 4 for "000.8.3.3". */
export function classificationLevel(code: string): number {
  return code.split('.').length;
}

/** "000.8.3" for "000.8.3.3"; null for a top code. */
export function parentClassificationCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** Ancestors from the top down: ["000", "000.8", "000.8.3"] for "000.8.3.3". */
export function ancestorClassificationCodes(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}

/**
 * Sort key in natural order ("000.1.2" before "000.1.10"): each part zero-padded to three
 * digits. A plain text sort of the key equals the hierarchical order of the codes.
 */
export function classificationSortKey(code: string): string {
  return code
    .split('.')
    .map((p) => p.padStart(3, '0'))
    .join('.');
}

/** "Musnah", "PERMANEN", "Dinilai Kembali", "dinilai_kembali" → the stored value; null if unknown. */
export function parseDisposition(text: string): Disposition | null {
  const t = text.trim().toLowerCase().replace(/[\s_-]+/g, '_');
  if (t === 'musnah') return 'musnah';
  if (t === 'permanen') return 'permanen';
  if (t === 'dinilai_kembali' || t === 'dinilai_ulang') return 'dinilai_kembali';
  return null;
}

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  musnah: 'Musnah',
  permanen: 'Permanen',
  dinilai_kembali: 'Dinilai Kembali',
};

/**
 * Retention years as written in JRA tables: "2", "2 tahun", "2 Tahun". Empty → null (not set).
 * Anything else (a condition such as "2 tahun setelah tidak berlaku") is rejected so the count
 * stays a number; the condition belongs in the notes column.
 */
export function parseRetentionYears(text: string): { ok: true; years: number | null } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '' || t === '-') return { ok: true, years: null };
  const m = /^(\d{1,3})(?:\s*(?:tahun|thn|th))?\.?$/i.exec(t);
  if (!m) return { ok: false, reason: `"${t}" bukan jumlah tahun (isi angka, mis. 2 atau "2 tahun"; syarat seperti "setelah tidak berlaku" ditulis di kolom dasar_hukum)` };
  const years = Number(m[1]);
  if (years > 100) return { ok: false, reason: `${years} tahun tidak wajar (paling banyak 100)` };
  return { ok: true, years };
}

export interface Jra {
  retentionActiveYears: number | null;
  retentionInactiveYears: number | null;
  finalDisposition: Disposition | null;
}

/** What the UI prints for a code's retention: "Aktif 2 th, inaktif 3 th, permanen" or "belum ditetapkan". */
export function jraLabel(j: Jra): string {
  if (j.retentionActiveYears === null && j.retentionInactiveYears === null && j.finalDisposition === null) return 'belum ditetapkan';
  const y = (n: number | null) => (n === null ? 'belum ditetapkan' : `${n} th`);
  const d = j.finalDisposition ? DISPOSITION_LABELS[j.finalDisposition].toLowerCase() : 'keterangan akhir belum ditetapkan';
  return `Aktif ${y(j.retentionActiveYears)}, inaktif ${y(j.retentionInactiveYears)}, ${d}`;
}
