// Error codes of the mail directory adapters (LDAP, Zimbra, Google).
import { defineErrors, type CodesOf } from '../errors.js';

export const directoryErrors = defineErrors({
  DIRECTORY_UNAVAILABLE: {
    status: 503,
    id: 'Direktori e-mail tidak dapat dihubungi. Pembuatan akun akan dicoba lagi otomatis.',
    en: 'The mail directory cannot be reached. Account creation will be retried automatically.',
  },
  DIRECTORY_AUTH_FAILED: {
    status: 502,
    id: 'Naskah ditolak masuk ke direktori e-mail (akun layanan atau kata sandinya salah). Hubungi pengelola server; pembuatan akun akan dicoba lagi.',
    en: 'The mail directory refused Naskah’s service account (wrong account or password). Contact the server administrator; it will be retried.',
  },
  DIRECTORY_REFUSED: {
    status: 502,
    id: 'Direktori e-mail menolak data akun (skema atau atribut tidak sesuai). Hubungi pengelola server; pembuatan akun akan dicoba lagi.',
    en: 'The mail directory refused the account data (schema or attribute mismatch). Contact the server administrator; it will be retried.',
  },
  DIRECTORY_ADDRESS_TAKEN: {
    status: 409,
    id: 'Alamat e-mail ini sudah dipakai di direktori. Pilih alamat lain.',
    en: 'This e-mail address is already used in the directory. Choose another one.',
  },
  DIRECTORY_PASSWORD_POLICY: {
    status: 400,
    id: 'Kata sandi ditolak oleh kebijakan kata sandi direktori.',
    en: 'The password was refused by the directory’s password policy.',
  },
  DIRECTORY_NOT_CONFIGURED: {
    status: 409,
    id: 'Direktori e-mail belum dikonfigurasi. Hubungi pengelola server.',
    en: 'The mail directory is not configured. Contact the server administrator.',
  },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof directoryErrors> {}
}
