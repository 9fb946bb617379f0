// HTTP surface of the service desk (signed-in users) under /api/v1/servicedesk.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { errorResponses, Page, VersionField, type App } from '../http/types.js';
import { actOnTicket, resubmitTicket } from './actOnTicket.js';
import { listCatalogue } from './catalogueStore.js';
import { fileRequest, suggestAddresses } from './fileRequest.js';
import { TICKET_STATUSES } from './machine.js';
import { confirmPhoneCode, requestPhoneCode } from './phoneVerification.js';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { fileAccessLog, listTickets, monthlyReport, openRequestFile, ticketDetail, ticketsCsv } from './queries.js';

const tags = ['layanan'];
const Id = z.object({ id: z.string().uuid() });
const Loose = z.record(z.string(), z.unknown());

async function readMultipart(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (bytes.length) file = { name: part.filename || 'surat-permohonan.pdf', bytes };
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, file };
}

const TicketListItem = z
  .object({
    id: z.string(),
    number: z.string(),
    serviceKey: z.string(),
    serviceName: z.string(),
    status: z.enum(TICKET_STATUSES),
    step: z.number(),
    stepName: z.string(),
    stepActor: z.string(),
    applicantName: z.string(),
    nip: z.string(),
    unitName: z.string().nullable(),
    positionTitle: z.string(),
    desiredAddress: z.string(),
    accountAddress: z.string().nullable(),
    whatsapp: z.string().describe('Nomor WhatsApp; disamarkan bila pembaca tidak berhak melihat data pribadi'),
    piiVisible: z.boolean(),
    returnReason: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    ageMinutes: z.number(),
    version: z.number(),
    applicantLeft: z.boolean().describe('Akun masih dipakai, tetapi pegawainya sudah tidak aktif di data kepegawaian: akun perlu ditutup'),
  })
  .meta({ id: 'ServiceTicketListItem' });

export async function serviceDeskRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/servicedesk/catalogue', { schema: { tags, summary: 'Katalog layanan (SOP, langkah, standar waktu, kelengkapan)', response: { 200: z.array(Loose) } } }, async () => (await listCatalogue(ctx.database.db)) as unknown as Array<Record<string, unknown>>);

  app.get(
    '/servicedesk/address-suggestions',
    { schema: { tags, summary: 'Saran alamat e-mail dari nama, dengan ketersediaan di direktori', querystring: z.object({ name: z.string().min(1).max(200) }), response: { 200: z.array(z.object({ address: z.string(), availability: z.enum(['free', 'taken', 'unknown']) })) } } },
    async (req) => suggestAddresses(ctx, req.query.name),
  );

  app.post(
    '/servicedesk/phone-verifications',
    { schema: { tags, summary: 'Kirim kode verifikasi ke nomor WhatsApp pemohon', body: z.object({ whatsapp: z.string().min(8).max(20) }), response: { 201: z.object({ id: z.string(), whatsappMasked: z.string(), expiresAt: z.date() }), ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await requestPhoneCode(ctx, req.actor!, req.body.whatsapp)),
  );
  app.post(
    '/servicedesk/phone-verifications/:id/confirm',
    { schema: { tags, summary: 'Konfirmasi kode verifikasi WhatsApp', params: Id, body: z.object({ code: z.string().min(4).max(10) }), response: { 200: z.object({ id: z.string(), verified: z.boolean(), whatsappMasked: z.string() }), ...errorResponses } } },
    async (req) => confirmPhoneCode(ctx, req.actor!, req.params.id, req.body.code),
  );

  app.post(
    '/servicedesk/tickets',
    {
      schema: {
        tags,
        summary: 'Ajukan permohonan (langkah 1): multipart serviceKey, applicantName, nip, unitId, positionTitle, whatsappVerificationId, desiredAddress, [applicantUserId], file (surat permohonan PDF)',
        response: { 201: z.object({ id: z.string(), number: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, file } = await readMultipart(req);
      if (!file) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Surat permohonan (PDF) wajib diunggah' }] });
      const required = ['applicantName', 'nip', 'unitId', 'positionTitle', 'whatsappVerificationId', 'desiredAddress'] as const;
      const missing = required.filter((k) => !fields[k]?.trim());
      if (missing.length) throw new AppError('VALIDATION_FAILED', { fields: missing.map((k) => ({ path: `body.${k}`, message: 'Wajib diisi' })) });
      const t = await fileRequest(
        ctx,
        req.actor!,
        {
          serviceKey: fields.serviceKey || 'email-kedinasan',
          applicantName: fields.applicantName!,
          nip: fields.nip!,
          unitId: fields.unitId!,
          positionTitle: fields.positionTitle!,
          whatsappVerificationId: fields.whatsappVerificationId!,
          desiredAddress: fields.desiredAddress!,
          applicantUserId: fields.applicantUserId || undefined,
        },
        file,
      );
      return reply.code(201).send({ id: t.id, number: t.number });
    },
  );

  const ListQuery = Page.extend({ status: z.enum([...TICKET_STATUSES, 'open', 'done', 'left']).optional().describe('left: akun aktif/ditangguhkan milik pegawai yang sudah tidak aktif'), q: z.string().max(100).optional() });
  app.get(
    '/servicedesk/tickets',
    { schema: { tags, summary: 'Daftar tiket layanan (status, umur); data pribadi disamarkan sesuai hak', querystring: ListQuery, response: { 200: z.object({ items: z.array(TicketListItem), total: z.number(), page: z.number(), pageSize: z.number() }) } } },
    async (req) => listTickets(ctx, req.actor!, req.query),
  );
  app.get('/servicedesk/tickets.csv', { schema: { tags, summary: 'Ekspor CSV daftar tiket (data pribadi disamarkan sesuai hak)', querystring: ListQuery } }, async (req, reply) => {
    const { items } = await listTickets(ctx, req.actor!, { ...req.query, page: 1, pageSize: 200 });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="tiket-layanan.csv"').send(ticketsCsv(items));
  });
  app.get('/servicedesk/tickets/:id', { schema: { tags, summary: 'Satu tiket: langkah, waktu per langkah vs standar, linimasa, tindakan', params: Id, response: { 200: Loose, ...errorResponses } } }, async (req) =>
    ticketDetail(ctx, req.actor!, req.params.id),
  );
  app.post(
    '/servicedesk/tickets/:id/actions',
    {
      schema: {
        tags,
        summary: 'Tindakan pada tiket: dispose (langkah 2–3), accept/return (4), provision (5), resend_activation, suspend, unsuspend, reset, close_account, cancel',
        params: Id,
        body: z.object({
          action: z.enum(['dispose', 'accept', 'return', 'provision', 'resend_activation', 'suspend', 'unsuspend', 'reset', 'close_account', 'cancel']),
          version: VersionField,
          note: z.string().max(2000).optional(),
          reason: z.string().max(2000).optional(),
          checklist: z.record(z.string(), z.boolean()).optional(),
        }),
        response: { 200: z.object({ id: z.string(), status: z.enum(TICKET_STATUSES), step: z.number(), version: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const t = await actOnTicket(ctx, req.actor!, req.params.id, req.body);
      return { id: t.id, status: t.status, step: t.step, version: t.version };
    },
  );
  app.post(
    '/servicedesk/tickets/:id/resubmit',
    { schema: { tags, summary: 'Pemohon mengirim ulang setelah perbaikan: multipart version, [desiredAddress], [note], [file]', params: Id, response: { 200: z.object({ id: z.string(), status: z.enum(TICKET_STATUSES), step: z.number(), version: z.number() }), ...errorResponses } } },
    async (req) => {
      const { fields, file } = await readMultipart(req);
      const version = Number(fields.version);
      if (!Number.isInteger(version) || version < 1) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.version', message: 'Versi data wajib diisi' }] });
      const t = await resubmitTicket(ctx, req.actor!, req.params.id, { version, desiredAddress: fields.desiredAddress || undefined, note: fields.note || undefined, letter: file });
      return { id: t.id, status: t.status, step: t.step, version: t.version };
    },
  );
  app.get('/servicedesk/tickets/:id/request-file', { schema: { tags, summary: 'Buka surat permohonan (data pribadi; setiap pembukaan dicatat)', params: Id } }, async (req, reply) => {
    // no-store: every opening of personal data reaches the access log, none is served from a cache.
    return sendStoredFile(ctx, req, reply, await openRequestFile(ctx, req.actor!, req.params.id), { cache: 'no-store' });
  });
  app.get(
    '/servicedesk/tickets/:id/file-access',
    { schema: { tags, summary: 'Log pembukaan berkas permohonan (Petugas data pribadi)', params: Id, response: { 200: z.array(z.object({ at: z.date(), capacity: z.string(), ip: z.string().nullable(), userName: z.string(), username: z.string() })), ...errorResponses } } },
    async (req) => fileAccessLog(ctx, req.actor!, req.params.id),
  );
  app.get(
    '/servicedesk/reports/monthly',
    { schema: { tags, summary: 'Laporan bulanan: jumlah permohonan, median dan p90 waktu per langkah, porsi dikembalikan', querystring: z.object({ service: z.string().default('email-kedinasan'), month: z.string() }), response: { 200: Loose, ...errorResponses } } },
    async (req) => monthlyReport(ctx, req.actor!, req.query.service, req.query.month),
  );
}
