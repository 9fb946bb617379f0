// Tanda terima: the receipt the records officer hands (or sends) to the bearer of a letter.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { units, users } from '../org/schema.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { agendaLabel } from './agenda.js';
import type { LetterRow } from './access.js';
import { drawLines, hr, winAnsi, wrap, type Cursor } from './pdfText.js';

function when(d: Date | null, timeZone: string): string {
  if (!d) return '-';
  const f = new Intl.DateTimeFormat('id-ID', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return f.format(d);
}

export async function tandaTerimaPdf(db: Db, letter: LetterRow, timeZone: string): Promise<Uint8Array> {
  const [unit] = await db.select({ name: units.name, address: units.address }).from(units).where(eq(units.id, letter.receivingUnitId));
  const [officer] = letter.registeredByUserId ? await db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, letter.registeredByUserId)) : [];
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Tanda Terima ${agendaLabel(letter) ?? ''}`);
  const page = pdf.addPage([595.28, 420]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const c: Cursor = { page, y: 380 };
  drawLines(c, [winAnsi((unit?.name ?? '').toUpperCase())], 50, bold, 12);
  if (unit?.address) drawLines(c, [winAnsi(unit.address)], 50, font, 9);
  c.y -= 4;
  hr(c, 50, 545);
  c.y -= 22;
  drawLines(c, ['TANDA TERIMA SURAT'], 220, bold, 13, 24);
  const rows: Array<[string, string]> = [
    ['Nomor agenda', agendaLabel(letter) ?? '-'],
    ['Diterima', when(letter.receivedAt, timeZone)],
    ['Dari', [letter.senderJabatan, letter.senderInstansi].filter(Boolean).join(', ') || '-'],
    ['Nomor surat', letter.letterNumber ?? '-'],
    ['Tanggal surat', letter.letterDate ? tanggalIndonesia(letter.letterDate) : '-'],
    ['Hal', letter.sifat === 'biasa' ? (letter.hal ?? '-') : `(${letter.sifat.replace('_', ' ')})`],
    ['Lampiran', letter.lampiran],
  ];
  for (const [k, v] of rows) {
    const lines = wrap(v, font, 10, 330);
    page.drawText(k, { x: 60, y: c.y, size: 10, font });
    page.drawText(':', { x: 175, y: c.y, size: 10, font });
    drawLines(c, lines, 185, font, 10, 14);
  }
  c.y -= 16;
  drawLines(c, ['Yang menerima,'], 380, font, 10, 40);
  drawLines(c, [winAnsi(officer?.name ?? '')], 380, bold, 10, 13);
  if (officer?.nip) drawLines(c, [`NIP. ${officer.nip}`], 380, font, 9);
  return pdf.save();
}
