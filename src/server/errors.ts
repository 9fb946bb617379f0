// One error type for the whole server. Codes are stable (clients and tests rely on them);
// each maps to an HTTP status and an Indonesian and English message. The generic codes are
// here; each module declares its own in its errors.ts with `defineErrors` plus an augmentation
// of ErrorCodeRegistry, so `new AppError('…')` accepts only declared codes (the compiler checks)
// and modules.ts checks that every declared code belongs to a listed module (so it is loaded).

export type Lang = 'id' | 'en';

export interface ErrorSpec {
  status: number;
  id: string;
  en: string;
}
export type ErrorSpecs = Record<string, ErrorSpec>;
/** The codes a spec table declares, as registry members. */
export type CodesOf<T> = { [K in keyof T]: ErrorSpec };

const specs = {
  // generic
  VALIDATION_FAILED: { status: 400, id: 'Data yang dikirim tidak valid.', en: 'The submitted data is invalid.' },
  BAD_REQUEST: { status: 400, id: 'Permintaan tidak dapat diproses.', en: 'The request cannot be processed.' },
  UNAUTHENTICATED: { status: 401, id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  FORBIDDEN: { status: 403, id: 'Anda tidak memiliki hak untuk tindakan ini.', en: 'You are not allowed to do this.' },
  CSRF_INVALID: { status: 403, id: 'Token keamanan (CSRF) tidak valid. Muat ulang halaman.', en: 'Security (CSRF) token invalid. Reload the page.' },
  NOT_FOUND: { status: 404, id: 'Data tidak ditemukan.', en: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, id: 'Alamat API tidak dikenal.', en: 'Unknown API route.' },
  STALE_VERSION: { status: 409, id: 'Data sudah diubah oleh orang lain. Muat ulang lalu coba lagi.', en: 'Someone else changed this. Reload and try again.' },
  CONFLICT: { status: 409, id: 'Tindakan bertentangan dengan keadaan data saat ini.', en: 'The action conflicts with the current state.' },
  PAYLOAD_TOO_LARGE: { status: 413, id: 'Berkas terlalu besar.', en: 'File too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, id: 'Jenis berkas tidak didukung.', en: 'Unsupported file type.' },
  RATE_LIMITED: { status: 429, id: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.', en: 'Too many requests. Try again shortly.' },
  INTERNAL: { status: 500, id: 'Terjadi kesalahan pada server.', en: 'Internal server error.' },
  SERVICE_UNAVAILABLE: { status: 503, id: 'Layanan sedang tidak tersedia.', en: 'Service unavailable.' },
  DATABASE_UNAVAILABLE: { status: 503, id: 'Basis data sedang tidak dapat dihubungi (misalnya sedang dimulai ulang). Coba lagi sebentar.', en: 'The database cannot be reached right now (it may be restarting). Try again shortly.' },

  // auth
  LOGIN_FAILED: { status: 401, id: 'Nama pengguna atau kata sandi salah, atau akun sedang dikunci sementara. Coba lagi nanti atau hubungi admin.', en: 'Wrong username or password, or the account is temporarily locked. Try again later or contact the administrator.' },
  TOTP_REQUIRED: { status: 401, id: 'Masukkan kode autentikator (6 digit).', en: 'Enter your authenticator code (6 digits).' },
  TOTP_INVALID: { status: 401, id: 'Kode autentikator salah atau kedaluwarsa.', en: 'Authenticator code wrong or expired.' },
  ACCOUNT_LOCKED: { status: 423, id: 'Akun terkunci sementara karena terlalu banyak percobaan gagal.', en: 'Account temporarily locked after too many failed attempts.' },
  ACCOUNT_INACTIVE: { status: 403, id: 'Akun tidak aktif. Hubungi admin.', en: 'Account inactive. Contact the administrator.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, id: 'Anda harus mengganti kata sandi terlebih dahulu.', en: 'You must change your password first.' },
  TOTP_ENROLMENT_REQUIRED: { status: 403, id: 'Anda harus mengaktifkan autentikasi dua langkah (2FA) terlebih dahulu.', en: 'You must enrol two-factor authentication first.' },
  MFA_SESSION_REQUIRED: { status: 401, id: 'Peran Anda kini mewajibkan autentikasi dua langkah. Keluar lalu masuk lagi dengan kode autentikator.', en: 'Your role now requires two-factor authentication. Sign out and sign in again with your authenticator code.' },
  REAUTH_REQUIRED: { status: 403, id: 'Untuk tindakan ini, konfirmasi ulang identitas Anda dengan kata sandi dan kode autentikator.', en: 'Confirm your identity again with your password and authenticator code for this action.' },
  PASSWORD_WRONG: { status: 400, id: 'Kata sandi akun Anda salah.', en: 'Your account password is wrong.' },
  PASSWORD_WEAK: { status: 400, id: 'Kata sandi baru terlalu lemah.', en: 'New password is too weak.' },
  PASSWORD_REUSED: { status: 400, id: 'Kata sandi baru tidak boleh sama dengan yang lama.', en: 'New password must differ from the old one.' },
  TOTP_ALREADY_ENABLED: { status: 409, id: '2FA sudah aktif.', en: '2FA is already enabled.' },
  TOTP_NOT_STARTED: { status: 409, id: 'Mulai pendaftaran 2FA terlebih dahulu.', en: 'Start 2FA enrolment first.' },
  TOTP_REQUIRED_BY_POLICY: { status: 409, id: '2FA wajib untuk peran Anda dan tidak dapat dimatikan.', en: '2FA is required for your role and cannot be turned off.' },

  // organisation
  NIP_INVALID: { status: 400, id: 'NIP tidak valid.', en: 'Invalid NIP.' },
  NIK_INVALID: { status: 400, id: 'NIK tidak valid.', en: 'Invalid NIK.' },
  USERNAME_TAKEN: { status: 409, id: 'Nama pengguna sudah dipakai.', en: 'Username already taken.' },
  NIP_TAKEN: { status: 409, id: 'NIP sudah terdaftar.', en: 'NIP already registered.' },
  UNIT_CODE_TAKEN: { status: 409, id: 'Kode unit sudah dipakai.', en: 'Unit code already used.' },
  UNIT_CYCLE: { status: 409, id: 'Unit tidak boleh menjadi induk dari dirinya sendiri.', en: 'A unit cannot be its own ancestor.' },
  IMPORT_FAILED: { status: 400, id: 'Impor dibatalkan: ada baris yang salah. Tidak ada data yang disimpan.', en: 'Import aborted: some rows are invalid. Nothing was saved.' },
} satisfies Record<string, ErrorSpec>;

export const genericErrors: typeof specs = specs;
export type BuiltinErrorCode = keyof typeof specs;

/**
 * Every error code. Each module adds its own:
 *   export const fooErrors = defineErrors({ FOO_BAD: { status: 409, id: '…', en: '…' } });
 *   declare module '../errors.js' { interface ErrorCodeRegistry extends CodesOf<typeof fooErrors> {} }
 */
export interface ErrorCodeRegistry extends CodesOf<typeof specs> {}
export type ErrorCode = keyof ErrorCodeRegistry & string;

const registry = new Map<string, ErrorSpec>(Object.entries(specs));

/** A module's codes with their status and messages; returned as given (typed) and known at once. */
export function defineErrors<const T extends ErrorSpecs>(table: T): T {
  register(table);
  return table;
}

function register(extra: ErrorSpecs): void {
  for (const [code, spec] of Object.entries(extra)) {
    const existing = registry.get(code);
    if (existing && (existing.status !== spec.status || existing.id !== spec.id)) {
      throw new Error(`error code ${code} registered twice with different meaning`);
    }
    registry.set(code, spec);
  }
}

export function isKnownErrorCode(code: string): boolean {
  return registry.has(code);
}

export function errorSpec(code: string): ErrorSpec {
  return registry.get(code) ?? specs.INTERNAL;
}

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** Optional message override (Indonesian), e.g. a precise reason from a validator. */
  readonly messageId: string | undefined;
  readonly messageEn: string | undefined;

  constructor(
    code: ErrorCode,
    details?: Record<string, unknown>,
    message?: { id?: string; en?: string },
  ) {
    super(message?.en ?? errorSpec(code).en);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.messageId = message?.id;
    this.messageEn = message?.en;
  }

  get status(): number {
    return errorSpec(this.code).status;
  }

  userMessage(lang: Lang): string {
    const spec = errorSpec(this.code);
    if (lang === 'en') return this.messageEn ?? spec.en;
    return this.messageId ?? spec.id;
  }

  toBody(lang: Lang): { code: string; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.userMessage(lang), ...(this.details ? { details: this.details } : {}) };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function langFromHeader(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'id';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}
