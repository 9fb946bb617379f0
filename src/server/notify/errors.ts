// Error codes of the notify domain.
import { defineErrors, type CodesOf } from '../errors.js';

export const notifyErrors = defineErrors({
  WHATSAPP_NUMBER_INVALID: {
    status: 400,
    id: 'Nomor WhatsApp tidak valid. Tulis nomor seluler Indonesia, mis. 081234567890.',
    en: 'Invalid WhatsApp number. Use an Indonesian mobile number, e.g. 081234567890.',
  },
  EMAIL_ADDRESS_INVALID: { status: 400, id: 'Alamat e-mail tidak valid.', en: 'Invalid e-mail address.' },
  WHATSAPP_TEMPLATE_PARAMS: { status: 400, id: 'Isi pesan WhatsApp tidak lengkap.', en: 'The WhatsApp message is missing parameters.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof notifyErrors> {}
}
