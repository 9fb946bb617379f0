// Buku ekspedisi (agenda surat keluar on paper): every letter a unit sent by post, courier or by
// hand is a line (date, number, hal, recipient, address, channel, receipt number, and who
// received it and when, filled in later); printed per period as PDF or CSV, with a tanda
// terima slip per letter for the courier to have signed. The hal of a letter that is not
// sifat Biasa is never printed or listed: only its sifat.
import { PDFDocument, StandardFonts, type PDFFont } from '@cantoo/pdf-lib';
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { units } from '../org/schema.js';
import { documents } from '../outgoing/schema.js';
import { drawLines, hr, winAnsi, wrap, type Cursor } from '../pdf/formText.js';
import { toCsv } from '../../shared/csv.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { documentDispatches, PAPER_CHANNELS } from './schema.js';

export interface DispatchBookQuery {
  unitId?: string | null | undefined;
  /** Period, inclusive (YYYY-MM-DD, in the instance's time zone). */
  from: string;
  to: string;
}

export interface DispatchBookLine {
  no: number;
  id: string;
  documentId: string;
  sentAt: Date;
  sentOn: string;
  number: string | null;
  documentDate: string | null;
  /** The hal for sifat Biasa; for other sifat null (see `sifat`). */
  hal: string | null;
  sifat: string;
  recipient: string;
  address: string | null;
  channel: string;
  receiptNumber: string | null;
  receivedByName: string | null;
  receivedOn: string | null;
  note: string | null;
}

export const CHANNEL_LABEL: Record<string, string> = { post: 'Pos', courier: 'Kurir / diantar', other: 'Lainnya', email: 'E-mail', exchange: 'Pertukaran' };
const SIFAT_LABEL: Record<string, string> = { biasa: 'Biasa', terbatas: 'Terbatas', rahasia: 'Rahasia', sangat_rahasia: 'Sangat Rahasia' };

/** The hal as it may be shown outside the letter itself: only for sifat Biasa. */
export function halShown(hal: string | null, sifat: string): string | null {
  return sifat === 'biasa' ? hal : null;
}
export function halOrSifat(hal: string | null, sifat: string): string {
  return halShown(hal, sifat) ?? `(${SIFAT_LABEL[sifat] ?? sifat})`;
}

/** The unit whose book the actor keeps (records officer of it, or the system administrator). */
export async function dispatchBookUnit(db: Db, actor: Actor, unitId?: string | null): Promise<{ id: string; path: string; name: string; address: string | null }> {
  let id = unitId ?? null;
  if (!id) id = actor.grants.find((g) => g.role === 'records_officer' && g.unitId)?.unitId ?? null;
  if (!id) throw new AppError('DISPATCH_NOT_ALLOWED');
  const [u] = await db.select({ id: units.id, path: units.path, name: units.name, address: units.address }).from(units).where(eq(units.id, id));
  if (!u || (!hasRole(actor, 'records_officer', u.path) && !isSystemAdmin(actor))) throw new AppError('DISPATCH_NOT_ALLOWED');
  return u;
}

function dayBounds(timeZone: string, from: string, to: string): { start: Date; end: Date } {
  // The instance's zone offset on those days (Indonesia has no daylight saving time).
  const offset = (d: string) => {
    const probe = new Date(`${d}T12:00:00Z`);
    const local = new Date(probe.toLocaleString('en-US', { timeZone }));
    const utc = new Date(probe.toLocaleString('en-US', { timeZone: 'UTC' }));
    return local.getTime() - utc.getTime();
  };
  const start = new Date(new Date(`${from}T00:00:00Z`).getTime() - offset(from));
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000 - offset(to));
  return { start, end };
}

export async function listDispatchBook(ctx: AppContext, actor: Actor, q: DispatchBookQuery) {
  const db = ctx.database.db;
  if (q.from > q.to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'querystring.from', message: 'Tanggal awal sesudah tanggal akhir' }] });
  const unit = await dispatchBookUnit(db, actor, q.unitId);
  const { start, end } = dayBounds(ctx.config.timeZone, q.from, q.to);
  const rows = await db
    .select({
      id: documentDispatches.id,
      documentId: documentDispatches.documentId,
      sentAt: documentDispatches.sentAt,
      number: documents.number,
      documentDate: documents.documentDate,
      hal: documents.hal,
      sifat: documents.sifat,
      recipient: documentDispatches.externalName,
      address: documentDispatches.externalAddress,
      channel: documentDispatches.channel,
      receiptNumber: documentDispatches.receiptNumber,
      receivedByName: documentDispatches.receivedByName,
      receivedOn: documentDispatches.receivedOn,
      note: documentDispatches.note,
    })
    .from(documentDispatches)
    .innerJoin(documents, eq(documents.id, documentDispatches.documentId))
    .innerJoin(units, eq(units.id, documentDispatches.senderUnitId))
    .where(
      and(
        sql`${units.path} like ${unit.path + '%'}`,
        eq(documentDispatches.status, 'sent'),
        inArray(documentDispatches.channel, [...PAPER_CHANNELS]),
        gte(documentDispatches.sentAt, start),
        lt(documentDispatches.sentAt, end),
      ),
    )
    .orderBy(asc(documentDispatches.sentAt), asc(documentDispatches.id));
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const lines: DispatchBookLine[] = rows.map((r, i) => ({
    no: i + 1,
    ...r,
    sentAt: r.sentAt!,
    sentOn: fmt.format(r.sentAt!),
    hal: halShown(r.hal, r.sifat),
    channel: r.channel ?? 'other',
  }));
  return { unit: { id: unit.id, name: unit.name }, from: q.from, to: q.to, lines };
}

/** Filled in later: the receipt number, who received the letter at the addressee, and when. */
export async function recordDispatchReceipt(ctx: AppContext, actor: Actor, dispatchId: string, input: { receiptNumber?: string | null | undefined; receivedByName?: string | null | undefined; receivedOn?: string | null | undefined }) {
  return inTransaction(ctx.database, async (tx) => {
    const [d] = await tx.db.select().from(documentDispatches).where(eq(documentDispatches.id, dispatchId)).for('update');
    if (!d) throw new AppError('NOT_FOUND', { entity: 'dispatch', id: dispatchId });
    const [u] = await tx.db.select({ path: units.path }).from(units).where(eq(units.id, d.senderUnitId));
    if (!hasRole(actor, 'records_officer', u?.path) && !isSystemAdmin(actor)) throw new AppError('NOT_FOUND', { entity: 'dispatch', id: dispatchId });
    if (d.status !== 'sent' || !d.channel || !(PAPER_CHANNELS as readonly string[]).includes(d.channel)) throw new AppError('DISPATCH_NOT_ON_PAPER');
    const set = {
      ...(input.receiptNumber !== undefined ? { receiptNumber: input.receiptNumber?.trim() || null } : {}),
      ...(input.receivedByName !== undefined ? { receivedByName: input.receivedByName?.trim() || null } : {}),
      ...(input.receivedOn !== undefined ? { receivedOn: input.receivedOn || null } : {}),
    };
    const [after] = await tx.db.update(documentDispatches).set(set).where(eq(documentDispatches.id, d.id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'correspondence.dispatch_receipt_recorded', entityType: 'document', entityId: d.documentId, data: { dispatchId: d.id, ...set }, ip: actor.ip });
    return after!;
  });
}

const CSV_HEADER = ['No', 'Tanggal kirim', 'Nomor surat', 'Tanggal surat', 'Hal', 'Sifat', 'Tujuan', 'Alamat', 'Dikirim melalui', 'Nomor resi', 'Diterima oleh', 'Tanggal terima', 'Catatan'];

export function dispatchBookCsv(book: { lines: DispatchBookLine[] }): string {
  return toCsv(
    CSV_HEADER,
    book.lines.map((l) => [l.no, l.sentOn, l.number, l.documentDate, halOrSifat(l.hal, l.sifat), SIFAT_LABEL[l.sifat] ?? l.sifat, l.recipient, l.address, CHANNEL_LABEL[l.channel] ?? l.channel, l.receiptNumber, l.receivedByName, l.receivedOn, l.note]),
    { separator: ';' },
  );
}

const COLS: Array<{ title: string; width: number; get: (l: DispatchBookLine) => string }> = [
  { title: 'No', width: 24, get: (l) => String(l.no) },
  { title: 'Tgl kirim', width: 58, get: (l) => l.sentOn },
  { title: 'Nomor / tgl surat', width: 110, get: (l) => `${l.number ?? '-'}\n${l.documentDate ?? ''}` },
  { title: 'Hal', width: 150, get: (l) => halOrSifat(l.hal, l.sifat) },
  { title: 'Tujuan / alamat', width: 140, get: (l) => [l.recipient, l.address].filter(Boolean).join('\n') },
  { title: 'Melalui / resi', width: 80, get: (l) => [CHANNEL_LABEL[l.channel] ?? l.channel, l.receiptNumber].filter(Boolean).join('\n') },
  { title: 'Diterima oleh / tgl', width: 100, get: (l) => [l.receivedByName, l.receivedOn].filter(Boolean).join('\n') },
  { title: 'Paraf', width: 44, get: () => '' },
];

/** The book for a period, landscape A4, the usual columns with a paraf column. */
export async function dispatchBookPdf(book: { unit: { name: string }; from: string; to: string; lines: DispatchBookLine[] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Buku Ekspedisi ${book.unit.name} ${book.from} s.d. ${book.to}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 841.89;
  const H = 595.28;
  const x0 = 36;
  let c: Cursor = { page: pdf.addPage([W, H]), y: H - 40 };
  const header = (first: boolean) => {
    if (first) {
      drawLines(c, ['BUKU EKSPEDISI (AGENDA SURAT KELUAR)'], x0, bold, 13, 17);
      drawLines(c, [winAnsi(book.unit.name)], x0, font, 10, 13);
      drawLines(c, [`Periode ${tanggalIndonesia(book.from)} s.d. ${tanggalIndonesia(book.to)}`], x0, font, 10, 18);
    }
    let x = x0;
    for (const col of COLS) {
      c.page.drawText(col.title, { x: x + 2, y: c.y, size: 8, font: bold });
      x += col.width;
    }
    c.y -= 5;
    hr(c, x0, x);
    c.y -= 11;
  };
  header(true);
  const cellLines = (l: DispatchBookLine, f: PDFFont) => COLS.map((col) => col.get(l).split('\n').flatMap((p) => (p ? wrap(p, f, 8, col.width - 4) : [''])));
  for (const l of book.lines) {
    const cells = cellLines(l, font);
    const height = Math.max(...cells.map((x) => x.length)) * 10 + 4;
    if (c.y - height < 40) {
      c = { page: pdf.addPage([W, H]), y: H - 40 };
      header(false);
    }
    let x = x0;
    cells.forEach((lines, i) => {
      const cur: Cursor = { page: c.page, y: c.y };
      drawLines(cur, lines, x + 2, font, 8, 10);
      x += COLS[i]!.width;
    });
    c.y -= height;
    c.y += 8;
    hr(c, x0, x, 0.3);
    c.y -= 11;
  }
  if (!book.lines.length) drawLines(c, ['Tidak ada pengiriman naskah lewat pos atau kurir pada periode ini.'], x0, font, 9);
  return pdf.save();
}

/** Tanda terima slip for one paper dispatch: the addressee signs it and the courier brings it back. */
export async function dispatchSlipPdf(ctx: AppContext, actor: Actor, dispatchId: string): Promise<{ bytes: Uint8Array; name: string }> {
  const db = ctx.database.db;
  const [d] = await db
    .select({ d: documentDispatches, number: documents.number, documentDate: documents.documentDate, hal: documents.hal, sifat: documents.sifat, unitName: units.name, unitAddress: units.address, unitPath: units.path })
    .from(documentDispatches)
    .innerJoin(documents, eq(documents.id, documentDispatches.documentId))
    .innerJoin(units, eq(units.id, documentDispatches.senderUnitId))
    .where(eq(documentDispatches.id, dispatchId));
  if (!d || (!hasRole(actor, 'records_officer', d.unitPath) && !isSystemAdmin(actor))) throw new AppError('NOT_FOUND', { entity: 'dispatch', id: dispatchId });
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Tanda Terima ${d.number ?? ''}`);
  const page = pdf.addPage([595.28, 420]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const c: Cursor = { page, y: 380 };
  drawLines(c, [winAnsi(d.unitName.toUpperCase())], 50, bold, 12);
  if (d.unitAddress) drawLines(c, [winAnsi(d.unitAddress)], 50, font, 9);
  c.y -= 4;
  hr(c, 50, 545);
  c.y -= 22;
  drawLines(c, ['TANDA TERIMA NASKAH DINAS'], 200, bold, 13, 24);
  const rows: Array<[string, string]> = [
    ['Nomor naskah', d.number ?? '-'],
    ['Tanggal naskah', d.documentDate ? tanggalIndonesia(d.documentDate) : '-'],
    ['Hal', halOrSifat(d.hal, d.sifat)],
    ['Kepada', [d.d.externalName, d.d.externalAddress].filter(Boolean).join(', ')],
    ['Dikirim melalui', [CHANNEL_LABEL[d.d.channel ?? 'other'] ?? d.d.channel, d.d.receiptNumber ? `resi ${d.d.receiptNumber}` : null].filter(Boolean).join(', ')],
  ];
  for (const [k, v] of rows) {
    page.drawText(k, { x: 60, y: c.y, size: 10, font });
    page.drawText(':', { x: 175, y: c.y, size: 10, font });
    drawLines(c, wrap(v, font, 10, 330), 185, font, 10, 14);
  }
  c.y -= 16;
  drawLines(c, ['Diterima tanggal: ....................................'], 60, font, 10, 30);
  drawLines(c, ['Yang menerima,'], 380, font, 10, 50);
  drawLines(c, ['(.......................................)'], 380, font, 10, 13);
  drawLines(c, ['Nama jelas dan tanda tangan / cap'], 380, font, 8);
  return { bytes: await pdf.save(), name: `tanda-terima-${(d.number ?? d.d.id).replace(/[^A-Za-z0-9.-]+/g, '-')}.pdf` };
}
