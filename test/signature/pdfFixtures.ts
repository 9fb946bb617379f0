// PDFs for the signature tests: a two-page letter made with pdf-lib (with the signature
// marker in tiny white text, as the .docx filler writes it), optionally with object streams.
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { SIGNATURE_MARKER } from '../../src/shared/markers.js';

export async function letterPdf(opts: { marker?: boolean; objectStreams?: boolean; pages?: number; title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const pages = opts.pages ?? 2;
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(opts.title ?? 'PEMERINTAH KABUPATEN CONTOH', { x: 160, y: 790, size: 14, font });
    for (let l = 0; l < 30; l++) page.drawText(`Halaman ${i + 1}, baris ${l + 1}: isi surat dinas tentang undangan rapat koordinasi.`, { x: 72, y: 740 - l * 18, size: 11, font });
    if (i === pages - 1) {
      page.drawText('Kepala Dinas Komunikasi dan Informatika,', { x: 320, y: 180, size: 11, font });
      if (opts.marker !== false) page.drawText(SIGNATURE_MARKER, { x: 320, y: 140, size: 2, font, color: rgb(1, 1, 1) });
      page.drawText('Edi Hariyanto, S.Sos., M.Si.', { x: 320, y: 90, size: 11, font });
    }
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? false });
}
