// Error codes of correspondence (delivery and dispatch).
import { defineErrors, type CodesOf } from '../errors.js';

export const correspondenceErrors = defineErrors({
  DISPATCH_NOT_ALLOWED: { status: 403, id: 'Hanya petugas arsip unit pengirim yang dapat mengirim naskah keluar.', en: 'Only the sending unit’s records officer can dispatch.' },
  DISPATCH_NOT_ON_PAPER: { status: 409, id: 'Hanya pengiriman lewat pos atau kurir yang dicatat di buku ekspedisi.', en: 'Only dispatches by post or courier are kept in the dispatch book.' },
  DISPATCH_ALREADY_SENT: { status: 409, id: 'Naskah ini sudah dikirim ke penerima tersebut.', en: 'Already sent to this recipient.' },
});

declare module '../errors.js' {
  interface ErrorCodeRegistry extends CodesOf<typeof correspondenceErrors> {}
}
