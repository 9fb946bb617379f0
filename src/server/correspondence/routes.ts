// HTTP: the buku ekspedisi (paper dispatches of a unit per period, JSON / PDF / CSV), the
// receipt filled in later, and the tanda terima slip per dispatch.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, type App } from '../http/types.js';
import { dispatchBookCsv, dispatchBookPdf, dispatchSlipPdf, listDispatchBook, recordDispatchReceipt } from './dispatchBook.js';

const tags = ['naskah keluar'];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');
const BookQuery = z.object({ unitId: z.uuid().optional(), from: day, to: day });
const Line = z.object({
  no: z.number(),
  id: z.string(),
  documentId: z.string(),
  sentAt: z.date(),
  sentOn: z.string(),
  number: z.string().nullable(),
  documentDate: z.string().nullable(),
  hal: z.string().nullable().describe('Hanya untuk sifat Biasa; selain itu null (lihat sifat)'),
  sifat: z.string(),
  recipient: z.string(),
  address: z.string().nullable(),
  channel: z.string(),
  receiptNumber: z.string().nullable(),
  receivedByName: z.string().nullable(),
  receivedOn: z.string().nullable(),
  note: z.string().nullable(),
});

export async function correspondenceRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/dispatch-book',
    {
      schema: {
        tags,
        summary: 'Buku ekspedisi unit: naskah yang dikirim lewat pos/kurir pada periode (petugas arsip)',
        querystring: BookQuery,
        response: { 200: z.object({ unit: z.object({ id: z.string(), name: z.string() }), from: z.string(), to: z.string(), lines: z.array(Line) }), ...errorResponses },
      },
    },
    async (req) => listDispatchBook(ctx, actorOf(req), req.query),
  );

  app.get('/dispatch-book.pdf', { schema: { tags, summary: 'Buku ekspedisi per periode (PDF untuk dicetak)', querystring: BookQuery } }, async (req, reply) => {
    const book = await listDispatchBook(ctx, actorOf(req), req.query);
    const bytes = await dispatchBookPdf(book);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="buku-ekspedisi-${book.from}-${book.to}.pdf"`).send(Buffer.from(bytes));
  });

  app.get('/dispatch-book.csv', { schema: { tags, summary: 'Buku ekspedisi per periode (CSV untuk lembar kerja)', querystring: BookQuery } }, async (req, reply) => {
    const book = await listDispatchBook(ctx, actorOf(req), req.query);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="buku-ekspedisi-${book.from}-${book.to}.csv"`).send(dispatchBookCsv(book));
  });

  app.patch(
    '/dispatches/:id/receipt',
    {
      schema: {
        tags,
        summary: 'Lengkapi buku ekspedisi: nomor resi, nama penerima dan tanggal diterima',
        params: z.object({ id: z.uuid() }),
        body: z.object({ receiptNumber: z.string().trim().max(100).nullish(), receivedByName: z.string().trim().max(200).nullish(), receivedOn: day.nullish() }),
        response: { 200: z.object({ id: z.string(), receiptNumber: z.string().nullable(), receivedByName: z.string().nullable(), receivedOn: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const d = await recordDispatchReceipt(ctx, actorOf(req), req.params.id, req.body);
      return { id: d.id, receiptNumber: d.receiptNumber, receivedByName: d.receivedByName, receivedOn: d.receivedOn };
    },
  );

  app.get('/dispatches/:id/tanda-terima.pdf', { schema: { tags, summary: 'Tanda terima naskah untuk ditandatangani penerima (pengiriman pos/kurir)', params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
    const slip = await dispatchSlipPdf(ctx, actorOf(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${slip.name}"`).send(Buffer.from(slip.bytes));
  });
}
