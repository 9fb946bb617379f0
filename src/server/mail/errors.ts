// Error codes of outgoing e-mail.
import { defineErrors, type CodesOf } from '../errors.js';

export const mailErrors = defineErrors({
  MAIL_NOT_CONFIGURED: { status: 409, id: 'Pengiriman e-mail belum dikonfigurasi (SMTP_URL). Hubungi admin.', en: 'E-mail sending is not configured (SMTP_URL).' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof mailErrors> {}
}
