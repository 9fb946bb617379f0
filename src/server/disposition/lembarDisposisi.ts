// Lembar disposisi: the printed form — the letter's data, the instruction checkboxes, the
// receivers, notes and due dates of each disposition in the chain, who read it when and what was
// reported.
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { units } from '../org/schema.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { agendaLabel, type LetterRow } from '../incoming/index.js';
import { box, drawLines, hr, winAnsi, wrap, type Cursor } from '../incoming/pdfText.js';
import type { InstructionRow } from './instructions.js';
import type { TreeNodeView } from './queries.js';

const STATE_LABEL: Record<TreeNodeView['state'], string> = { sent: 'belum dibaca', read: 'dibaca', reported: 'dilaporkan, menunggu bawahan', completed: 'selesai', cancelled: 'dibatalkan', withdrawn: 'ditarik' };
const SIFAT_LABEL = { biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' } as const;
const URGENSI_LABEL = { biasa: 'Biasa', segera: 'Segera', sangat_segera: 'Sangat Segera' } as const;

function fmt(d: Date | null, timeZone: string): string {
  if (!d) return '-';
  return new Intl.DateTimeFormat('id-ID', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

export async function lembarDisposisiPdf(db: Db, letter: LetterRow, nodes: TreeNodeView[], instructions: InstructionRow[], timeZone: string): Promise<Uint8Array> {
  const [unit] = await db.select({ name: units.name, address: units.address, phone: units.phone }).from(units).where(eq(units.id, letter.receivingUnitId));
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Lembar Disposisi ${agendaLabel(letter) ?? ''}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 595.28;
  const H = 841.89;
  const L = 45;
  const R = W - 45;
  let c: Cursor = { page: pdf.addPage([W, H]), y: H - 50 };
  const ensure = (need: number) => {
    if (c.y - need < 50) c = { page: pdf.addPage([W, H]), y: H - 50 };
  };

  drawLines(c, [winAnsi((unit?.name ?? '').toUpperCase())], L, bold, 12, 14);
  if (unit?.address) drawLines(c, [winAnsi([unit.address, unit.phone].filter(Boolean).join(' · '))], L, font, 9, 12);
  c.y += 4;
  hr(c, L, R, 1.2);
  c.y -= 22;
  const title = 'LEMBAR DISPOSISI';
  c.page.drawText(title, { x: (W - bold.widthOfTextAtSize(title, 14)) / 2, y: c.y, size: 14, font: bold });
  c.y -= 24;

  const rows: Array<[string, string]> = [
    ['Surat dari', [letter.senderJabatan, letter.senderInstansi].filter(Boolean).join(', ') || '-'],
    ['Nomor surat', letter.letterNumber ?? '-'],
    ['Tanggal surat', letter.letterDate ? tanggalIndonesia(letter.letterDate) : '-'],
    ['Diterima tanggal', fmt(letter.receivedAt, timeZone)],
    ['Nomor agenda', agendaLabel(letter) ?? '-'],
    ['Sifat / urgensi', `${SIFAT_LABEL[letter.sifat]} / ${URGENSI_LABEL[letter.urgensi]}`],
    ['Hal', letter.hal ?? '-'],
  ];
  const top = c.y + 12;
  for (const [k, v] of rows) {
    c.page.drawText(k, { x: L + 8, y: c.y, size: 10, font });
    c.page.drawText(':', { x: L + 120, y: c.y, size: 10, font });
    drawLines(c, wrap(v, font, 10, R - L - 140), L + 130, font, 10, 14);
  }
  box(c.page, L, c.y + 6, R - L, top - c.y - 6);
  c.y -= 18;

  // Instruction checkboxes: ticked when any disposition of the letter carries the instruction.
  drawLines(c, ['Instruksi / diteruskan untuk:'], L, bold, 10, 16);
  const used = new Set(nodes.filter((n) => n.state !== 'cancelled').flatMap((n) => n.instructions.map((i) => i.code)));
  const colW = (R - L) / 2;
  instructions.forEach((ins, i) => {
    const x = L + (i % 2) * colW;
    if (i % 2 === 0 && i > 0) c.y -= 16;
    box(c.page, x + 4, c.y - 2, 10, 10);
    if (used.has(ins.code)) {
      c.page.drawLine({ start: { x: x + 5, y: c.y + 3 }, end: { x: x + 8, y: c.y }, thickness: 1.4, color: rgb(0, 0, 0) });
      c.page.drawLine({ start: { x: x + 8, y: c.y }, end: { x: x + 13, y: c.y + 8 }, thickness: 1.4, color: rgb(0, 0, 0) });
    }
    c.page.drawText(winAnsi(ins.label), { x: x + 20, y: c.y, size: 10, font });
  });
  c.y -= 28;

  // The chain, in the order it was disposed, indented by depth.
  drawLines(c, ['Alur disposisi:'], L, bold, 10, 16);
  const depth = new Map<string, number>();
  for (const n of nodes) depth.set(n.id, n.parentId ? (depth.get(n.parentId) ?? 0) + 1 : 0);
  const ordered: TreeNodeView[] = [];
  const visit = (parentId: string | null) => {
    for (const n of nodes.filter((x) => x.parentId === parentId)) {
      ordered.push(n);
      visit(n.id);
    }
  };
  visit(null);
  if (!ordered.length) drawLines(c, ['(belum ada disposisi)'], L + 8, font, 10);
  ordered.forEach((n, i) => {
    const indent = L + 8 + Math.min(depth.get(n.id) ?? 0, 5) * 18;
    const width = R - indent - 8;
    const lines = [
      ...wrap(`${i + 1}. Dari ${n.sender.actedAs ? `${n.sender.actedAs} ` : ''}${n.sender.positionName} (${n.sender.userName}) kepada ${n.receiver.positionName}${n.receiver.holders[0] ? ` (${n.receiver.holders.map((h) => (h.kind === 'definitif' ? h.name : `${h.kind.toUpperCase()}. ${h.name}`)).join(', ')})` : ''}`, bold, 9.5, width),
      ...wrap(`Instruksi: ${n.instructions.map((x) => x.label).join('; ') || '-'}${n.dueDate ? ` · Batas waktu: ${tanggalIndonesia(n.dueDate)}` : ''} · Sifat: ${SIFAT_LABEL[n.sifat]}`, font, 9.5, width),
      ...(n.note ? wrap(`Catatan: ${n.note}`, font, 9.5, width) : []),
      ...wrap(`Dikirim ${fmt(n.sentAt, timeZone)} · Dibaca ${fmt(n.readAt, timeZone)}${n.readByName ? ` oleh ${n.readByName}` : ''} · Status: ${STATE_LABEL[n.state]}${n.overdue ? ' (LEWAT BATAS WAKTU)' : ''}`, font, 9.5, width),
      ...(n.closeReason ? wrap(`Alasan: ${n.closeReason}`, font, 9.5, width) : []),
      ...n.reports.flatMap((r) => wrap(`Tindak lanjut (${fmt(r.createdAt, timeZone)}, ${r.authorName}): ${r.text}${r.files.length ? ` [lampiran: ${r.files.map((f) => f.name).join(', ')}]` : ''}`, font, 9.5, width)),
    ];
    ensure(lines.length * 13 + 10);
    lines.forEach((l, j) => {
      c.page.drawText(l, { x: indent, y: c.y, size: 9.5, font: j === 0 ? bold : font });
      c.y -= 13;
    });
    c.y -= 6;
  });
  return pdf.save();
}
