// Indonesian identity numbers. Pure validation shared by server and web.

export interface NipParts {
  birthDate: string; // YYYY-MM-DD
  appointedMonth: string; // YYYY-MM (TMT CPNS)
  sex: 'L' | 'P';
  sequence: string;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * NIP (PP 11/2017 format, 18 digits): birth date YYYYMMDD, appointment YYYYMM, sex digit
 * (1 male, 2 female), 3-digit sequence. Spaces as printed on letters ("19771027 200312 1 005")
 * are accepted and removed. Returns the reason on failure.
 */
export function parseNip(raw: string): { ok: true; nip: string; parts: NipParts } | { ok: false; reason: string } {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(nip)) return { ok: false, reason: 'NIP harus 18 digit angka' };
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  if (by < 1930 || by > 2015 || !validDate(by, bm, bd)) return { ok: false, reason: 'Tanggal lahir pada NIP tidak valid' };
  const ay = Number(nip.slice(8, 12));
  const am = Number(nip.slice(12, 14));
  if (ay < by + 15 || ay > 2100 || am < 1 || am > 12) return { ok: false, reason: 'TMT pengangkatan pada NIP tidak valid' };
  const sex = nip[14];
  if (sex !== '1' && sex !== '2') return { ok: false, reason: 'Digit jenis kelamin pada NIP harus 1 atau 2' };
  if (nip.slice(15) === '000') return { ok: false, reason: 'Nomor urut pada NIP tidak boleh 000' };
  return {
    ok: true,
    nip,
    parts: {
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      appointedMonth: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
      sex: sex === '1' ? 'L' : 'P',
      sequence: nip.slice(15),
    },
  };
}

/** "19771027 200312 1 005": how NIPs are printed under a signature. */
export function formatNip(nip: string): string {
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
}

/**
 * NIK (16 digits): province+regency+district code (6), birth date DDMMYY with day+40 for
 * women, 4-digit sequence.
 */
export function parseNik(raw: string): { ok: true; nik: string } | { ok: false; reason: string } {
  const nik = raw.replace(/\s+/g, '');
  if (!/^\d{16}$/.test(nik)) return { ok: false, reason: 'NIK harus 16 digit angka' };
  const prov = Number(nik.slice(0, 2));
  if (prov < 11 || prov > 99) return { ok: false, reason: 'Kode provinsi pada NIK tidak valid' };
  let d = Number(nik.slice(6, 8));
  if (d > 40) d -= 40;
  const m = Number(nik.slice(8, 10));
  const y = Number(nik.slice(10, 12));
  if (!validDate(2000 + y, m, d) && !validDate(1900 + y, m, d)) return { ok: false, reason: 'Tanggal lahir pada NIK tidak valid' };
  if (nik.slice(12) === '0000') return { ok: false, reason: 'Nomor urut pada NIK tidak boleh 0000' };
  return { ok: true, nik };
}

/** WhatsApp numbers normalised to international form without "+": 0812… / +62812… -> 62812… */
export function normaliseWhatsapp(raw: string): { ok: true; number: string } | { ok: false; reason: string } {
  let n = raw.replace(/[\s\-().]/g, '');
  if (n.startsWith('+')) n = n.slice(1);
  if (n.startsWith('0')) n = `62${n.slice(1)}`;
  if (!/^628\d{7,12}$/.test(n)) return { ok: false, reason: 'Nomor WhatsApp harus nomor seluler Indonesia, mis. 081234567890' };
  return { ok: true, number: n };
}
