import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

/** A one-page "Surat Permohonan Penerbitan Email Kedinasan" PDF. */
export async function requestLetterPdf(name: string, signed = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Surat Permohonan Penerbitan Email Kedinasan', { x: 72, y: 760, size: 14, font });
  page.drawText(`Atas nama: ${name}`, { x: 72, y: 730, size: 11, font });
  if (signed) page.drawText('Kepala Bidang Perumahan (ttd)', { x: 340, y: 600, size: 11, font });
  return doc.save();
}
