// The one instruction about the body field ${isi}, given by the template's own Word comment and
// by the compose page (its Indonesian text must contain this sentence; a test checks both).
export const ISI_GUIDE_ID =
  'Baris bersorot biru ${isi} hanya dipakai bila naskah diisi lewat formulir di aplikasi; bila Anda mengetik isi di Word, ketik isi naskah menggantikan paragraf contoh dan biarkan atau hapus baris ${isi}: baris itu tidak tampil pada naskah.';
export const ISI_GUIDE_EN =
  'The blue ${isi} line is only used when the document is filled in through the form in the app; when you type the text in Word, type it over the sample paragraphs and leave or delete the ${isi} line: it never shows in the document.';

/** What the verifiers' preview prints where the system fills in later. */
export const PREVIEW_TEXT = {
  number: '[nomor diberikan saat TTE]',
  date: '[tanggal diberikan saat TTE]',
  signatureBox: 'Tempat tanda tangan elektronik (TTE)',
  /** When the issuing unit (or one above it) has an office seal: it is placed in the same space. */
  signatureBoxWithSeal: 'Tempat tanda tangan elektronik (TTE) dan cap dinas',
  signerTitle: '[jabatan penandatangan]',
  signerName: '[nama penandatangan]',
} as const;
