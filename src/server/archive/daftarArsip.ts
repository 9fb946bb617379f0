// Daftar arsip aktif / inaktif of a unit in ANRI's columns (one table, written as CSV or PDF) and
// the box labels (label boks) for the paper originals, per box of the unit's berkas.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';
import { units } from '../org/schema.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { assertKeeper, listBerkas } from './berkas.js';
import { winAnsi, wrap } from '../pdf/formText.js';

export type DaftarKind = 'aktif' | 'inaktif';
type BerkasView = Awaited<ReturnType<typeof listBerkas>>[number];

export interface DaftarTable {
  title: string;
  unitName: string;
  header: string[];
  /** Relative column widths. */
  widths: number[];
  rows: string[][];
}

const kurun = (b: BerkasView) => {
  const a = b.kurunStart?.slice(0, 4);
  const z = b.kurunEnd?.slice(0, 4);
  return a ? (a === z || !z ? a : `${a}-${z}`) : String(b.year);
};
export const lokasiOf = (b: Pick<BerkasView, 'locationBuilding' | 'locationRoom' | 'locationShelf' | 'locationBox'>) =>
  [b.locationBuilding, b.locationRoom, b.locationShelf && `Rak ${b.locationShelf}`, b.locationBox && `Boks ${b.locationBox}`].filter(Boolean).join(', ');
const DISPOSISI: Record<string, string> = { musnah: 'Musnah', permanen: 'Permanen', dinilai_kembali: 'Dinilai kembali' };

/** The rows of the daftar for a unit the actor keeps (404 otherwise). */
export async function daftarArsip(db: Db, actor: Actor, unitId: string, kind: DaftarKind): Promise<DaftarTable> {
  await assertKeeper(db, actor, unitId, 'unit', unitId);
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  const rows = (await listBerkas(db, actor, { unitId })).filter((b) => b.state === kind);
  if (kind === 'aktif') {
    return {
      title: 'DAFTAR ARSIP AKTIF',
      unitName: u?.name ?? '',
      header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah', 'Keterangan', 'Lokasi'],
      widths: [4, 10, 34, 9, 9, 12, 22],
      rows: rows.map((b, i) => [String(i + 1), b.classificationCode, b.uraian, kurun(b), `${b.itemCount} naskah`, b.status === 'open' ? 'Berkas terbuka' : 'Berkas tertutup', lokasiOf(b)]),
    };
  }
  return {
    title: 'DAFTAR ARSIP INAKTIF',
    unitName: u?.name ?? '',
    header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Arsip', 'Kurun Waktu', 'Tingkat Perkembangan', 'Jumlah', 'No. Boks', 'Lokasi', 'Retensi Inaktif s.d.', 'Keterangan Akhir'],
    widths: [4, 9, 26, 7, 9, 8, 6, 15, 9, 9],
    rows: rows.map((b, i) => [String(i + 1), b.classificationCode, b.uraian, kurun(b), 'Asli', `${b.itemCount} naskah`, b.locationBox ?? '', lokasiOf(b), b.inactiveUntil ?? '', b.finalDisposition ? (DISPOSISI[b.finalDisposition] ?? b.finalDisposition) : '']),
  };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[;"\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV for Excel (BOM, semicolons, CRLF). */
export function daftarCsv(t: DaftarTable): string {
  return '\ufeff' + [t.header, ...t.rows].map((l) => l.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/**
 * A bordered table over as many A4 landscape pages as it needs, the header repeated, with a
 * heading block and an optional signature block at the end. Shared by the daftar and the
 * disposal / transfer lists.
 */
/** Points left blank in a footer for the TTE stamp (the stamp is 72 pt high, plus the lines' own height). */
const SIGNATURE_GAP = 90;

export async function tablePdf(input: { title: string; lines: string[]; header: string[]; widths: number[]; rows: string[][]; footer?: string[]; at?: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(input.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 841.89;
  const H = 595.28;
  const M = 36;
  const total = input.widths.reduce((a, b) => a + b, 0);
  const cols = input.widths.map((w) => ((W - 2 * M) * w) / total);
  const size = 8;
  let page: PDFPage = pdf.addPage([W, H]);
  let y = H - M;
  const text = (p: PDFPage, s: string, x: number, yy: number, f: PDFFont, sz: number) => p.drawText(s, { x, y: yy, size: sz, font: f, color: rgb(0, 0, 0) });
  const centre = (s: string, f: PDFFont, sz: number) => {
    text(page, winAnsi(s), (W - f.widthOfTextAtSize(winAnsi(s), sz)) / 2, y, f, sz);
    y -= sz + 5;
  };
  centre(input.title, bold, 13);
  for (const l of input.lines) for (const part of wrap(l, font, 10, W - 2 * M)) centre(part, font, 10);
  y -= 6;
  const drawRow = (cells: string[], f: PDFFont) => {
    const wrapped = cells.map((c, i) => wrap(c, f, size, cols[i]! - 6));
    const h = Math.max(...wrapped.map((w) => w.length)) * (size + 2) + 6;
    if (y - h < M) {
      page = pdf.addPage([W, H]);
      y = H - M;
      drawRow(input.header, bold);
    }
    let x = M;
    wrapped.forEach((lines, i) => {
      page.drawRectangle({ x, y: y - h, width: cols[i]!, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
      lines.forEach((l, k) => text(page, l, x + 3, y - 3 - size - k * (size + 2), f, size));
      x += cols[i]!;
    });
    y -= h;
  };
  drawRow(input.header, bold);
  for (const r of input.rows) drawRow(r, font);
  if (!input.rows.length) drawRow(input.header.map((_, i) => (i === 0 ? '' : i === 2 ? 'Tidak ada' : '')), font);
  if (input.footer?.length) {
    // A signature block: an empty line is the space for the electronic signature's stamp.
    const gap = (l: string) => (l === '' ? SIGNATURE_GAP : 14);
    y -= 24;
    if (y - input.footer.reduce((n, l) => n + gap(l), 0) < M) {
      page = pdf.addPage([W, H]);
      y = H - M;
    }
    for (const l of input.footer) {
      text(page, winAnsi(l), W - M - 260, y, font, 10);
      y -= gap(l);
    }
  }
  return pdf.save();
}

export async function daftarPdf(t: DaftarTable, asOf: string): Promise<Uint8Array> {
  return tablePdf({ title: t.title, lines: [t.unitName.toUpperCase(), `Keadaan per ${tanggalIndonesia(asOf)}`], header: t.header, widths: t.widths, rows: t.rows });
}

/** Label boks: one label per box of the unit's berkas (A4 portrait, two labels a page). */
export async function boxLabelsPdf(db: Db, actor: Actor, unitId: string): Promise<{ pdf: Uint8Array; boxes: number }> {
  await assertKeeper(db, actor, unitId, 'unit', unitId);
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  const all = (await listBerkas(db, actor, { unitId })).filter((b) => b.locationBox);
  const byBox = new Map<string, BerkasView[]>();
  for (const b of all) byBox.set(b.locationBox!, [...(byBox.get(b.locationBox!) ?? []), b]);
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Label boks arsip ${u?.name ?? ''}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 595.28;
  const H = 841.89;
  const boxes = [...byBox.entries()].sort(([a], [b]) => a.localeCompare(b, 'id', { numeric: true }));
  boxes.forEach(([box, berkas], i) => {
    const page = i % 2 === 0 ? pdf.addPage([W, H]) : pdf.getPages().at(-1)!;
    const top = i % 2 === 0 ? H - 40 : H / 2 - 20;
    const x = 60;
    const w = W - 120;
    const h = H / 2 - 80;
    page.drawRectangle({ x, y: top - h, width: w, height: h, borderColor: rgb(0, 0, 0), borderWidth: 1.2 });
    let y = top - 28;
    const line = (s: string, f: PDFFont, sz: number, dx = 16) => {
      for (const l of wrap(s, f, sz, w - 2 * dx)) {
        if (y < top - h + 14) return;
        page.drawText(l, { x: x + dx, y, size: sz, font: f });
        y -= sz + 4;
      }
    };
    line((u?.name ?? '').toUpperCase(), bold, 12);
    y -= 6;
    line(`NOMOR BOKS: ${box}`, bold, 22);
    y -= 4;
    const years = berkas.map((b) => b.year);
    const codes = [...new Set(berkas.map((b) => b.classificationCode))];
    line(`Kode klasifikasi: ${codes.join(', ')}`, font, 11);
    line(`Tahun: ${Math.min(...years) === Math.max(...years) ? Math.min(...years) : `${Math.min(...years)}-${Math.max(...years)}`}`, font, 11);
    line(`Lokasi: ${lokasiOf(berkas[0]!)}`, font, 11);
    y -= 6;
    line('Isi boks:', bold, 11);
    for (const b of berkas) line(`- ${b.classificationCode} ${b.uraian} (${b.itemCount} naskah)`, font, 10, 24);
  });
  if (!boxes.length) {
    const page = pdf.addPage([W, H]);
    page.drawText(winAnsi(`Belum ada berkas ${u?.name ?? ''} dengan nomor boks.`), { x: 60, y: H - 80, size: 12, font });
  }
  return { pdf: await pdf.save(), boxes: boxes.length };
}
