// Letter number formats, pure. A format is text with tokens, e.g. the usual regional form
// "{klasifikasi}/{urut}/{kode_unit}/{tahun}" → "400.12.2/17/410.20/2026", or with the document
// type's code "{klasifikasi}/{urut}/{kode_jenis}/{kode_unit}/{tahun}" → "000.8.3.3/839/SOP/406.020/2024".
//
// Tokens: {klasifikasi} archive classification code · {urut} sequence ({urut:3} zero-pads to 3
// digits) · {kode_unit} the issuing unit's code · {tahun} year · {bulan} month 01–12 ·
// {bulan_romawi} month I–XII · {kode_jenis} the document type's code, upper case.

export const DEFAULT_NUMBER_FORMAT = '{klasifikasi}/{urut}/{kode_unit}/{tahun}';

export const FORMAT_TOKENS = ['klasifikasi', 'urut', 'kode_unit', 'tahun', 'bulan', 'bulan_romawi', 'kode_jenis'] as const;
export type FormatToken = (typeof FORMAT_TOKENS)[number];

export const MAX_FORMAT_LENGTH = 200;
export const MAX_URUT_WIDTH = 10;

export type FormatPart = { kind: 'literal'; text: string } | { kind: 'token'; token: FormatToken; width?: number };

export interface NumberValues {
  klasifikasi: string;
  urut: number;
  kodeUnit: string;
  tahun: number;
  /** 1–12 */
  bulan: number;
  kodeJenis?: string | null | undefined;
}

export class NumberFormatError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join(' '));
    this.name = 'NumberFormatError';
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

/** 7 → "VII". Months only (1–12). */
export function romanMonth(month: number): string {
  const r = Number.isInteger(month) ? ROMAN[month - 1] : undefined;
  if (!r) throw new RangeError(`month out of range: ${month}`);
  return r;
}

const TOKEN_LIST = FORMAT_TOKENS.map((t) => `{${t}}`).join(', ');

/** Split a format into literals and tokens, or the reasons (Indonesian) it cannot be split. */
export function parseFormat(format: string): { ok: true; parts: FormatPart[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const parts: FormatPart[] = [];
  let literal = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === '}') {
      errors.push(`Tanda "}" pada posisi ${i + 1} tidak memiliki pasangan "{".`);
      i++;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const end = format.indexOf('}', i);
    const nextOpen = format.indexOf('{', i + 1);
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
      errors.push(`Tanda "{" pada posisi ${i + 1} tidak ditutup dengan "}".`);
      i++;
      continue;
    }
    const body = format.slice(i + 1, end);
    const m = /^([a-z_]+)(?::(\d+))?$/.exec(body);
    const token = m?.[1] as FormatToken | undefined;
    if (!m || !token || !FORMAT_TOKENS.includes(token)) {
      errors.push(`Token {${body}} tidak dikenal. Token yang tersedia: ${TOKEN_LIST}.`);
    } else if (m[2] !== undefined && token !== 'urut') {
      errors.push(`Lebar angka hanya berlaku untuk {urut} (mis. {urut:3}), bukan {${body}}.`);
    } else if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > MAX_URUT_WIDTH)) {
      errors.push(`Lebar {urut:${m[2]}} harus antara 1 dan ${MAX_URUT_WIDTH}.`);
    } else {
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push(m[2] !== undefined ? { kind: 'token', token, width: Number(m[2]) } : { kind: 'token', token });
    }
    i = end + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return errors.length ? { ok: false, errors } : { ok: true, parts };
}

/**
 * Checks a format and says, in Indonesian, everything wrong with it. Beyond syntax: {urut} must
 * appear exactly once and {tahun} at least once (the sequence restarts each year, so without the
 * year numbers would repeat), and {urut} must be set off by punctuation so that two different
 * sequence numbers can never print the same text (e.g. "{klasifikasi}{urut}" is ambiguous).
 */
export function validateFormat(format: string): { ok: true; parts: FormatPart[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!format.trim()) return { ok: false, errors: ['Format nomor wajib diisi.'] };
  if (format.length > MAX_FORMAT_LENGTH) errors.push(`Format nomor terlalu panjang (paling banyak ${MAX_FORMAT_LENGTH} karakter).`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(format)) errors.push('Format nomor tidak boleh memuat baris baru atau karakter kendali.');
  const parsed = parseFormat(format);
  if (!parsed.ok) return { ok: false, errors: [...errors, ...parsed.errors] };
  const { parts } = parsed;
  const urutAt = parts.flatMap((p, i) => (p.kind === 'token' && p.token === 'urut' ? [i] : []));
  if (urutAt.length === 0) errors.push('Format wajib memuat {urut} (nomor urut).');
  if (urutAt.length > 1) errors.push('{urut} hanya boleh muncul satu kali.');
  if (!parts.some((p) => p.kind === 'token' && p.token === 'tahun')) {
    errors.push('Format wajib memuat {tahun}: nomor urut dimulai lagi dari 1 setiap tahun, sehingga tanpa tahun nomor akan berulang.');
  }
  if (urutAt.length === 1) {
    const i = urutAt[0]!;
    const before = parts[i - 1];
    const after = parts[i + 1];
    const setOff = (p: FormatPart | undefined, edge: 'last' | 'first') => {
      if (!p) return true;
      if (p.kind === 'token') return false;
      const ch = edge === 'last' ? p.text[p.text.length - 1]! : p.text[0]!;
      return !/[\p{L}\p{N}]/u.test(ch);
    };
    if (!setOff(before, 'last') || !setOff(after, 'first')) {
      errors.push('{urut} harus dipisahkan dari bagian lain dengan tanda baca (mis. "/", "-", atau "."), agar dua nomor urut berbeda tidak pernah tertulis sama.');
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, parts };
}

/** The tokens a format uses (for checking that the values it needs exist). */
export function formatTokens(format: string): Set<FormatToken> {
  const parsed = parseFormat(format);
  return new Set(parsed.ok ? parsed.parts.flatMap((p) => (p.kind === 'token' ? [p.token] : [])) : []);
}

/** Fill a valid format. Throws NumberFormatError for an invalid format or a missing value. */
export function formatNumber(format: string, values: NumberValues): string {
  const v = validateFormat(format);
  if (!v.ok) throw new NumberFormatError(v.errors);
  if (!Number.isInteger(values.urut) || values.urut < 1) throw new NumberFormatError([`Nomor urut ${values.urut} tidak valid.`]);
  return v.parts
    .map((p) => {
      if (p.kind === 'literal') return p.text;
      switch (p.token) {
        case 'klasifikasi':
          return values.klasifikasi;
        case 'urut':
          return String(values.urut).padStart(p.width ?? 1, '0');
        case 'kode_unit':
          return values.kodeUnit;
        case 'tahun':
          return String(values.tahun);
        case 'bulan':
          romanMonth(values.bulan); // range check
          return String(values.bulan).padStart(2, '0');
        case 'bulan_romawi':
          return romanMonth(values.bulan);
        case 'kode_jenis':
          if (!values.kodeJenis) throw new NumberFormatError(['Format memuat {kode_jenis}, tetapi jenis naskah tidak diketahui.']);
          return values.kodeJenis.toUpperCase();
      }
    })
    .join('');
}
