// HTTP: registration of incoming letters by the records officer, the agenda, the address book,
// sending to the addressed official, the official's registered letters, receipts, replies.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, Page, VersionField, type App } from '../http/types.js';
import { getLetterRow, isRecordsOfficerOf, unitPathOf, viewerOf } from './access.js';
import { incomingFromDocument, incomingLetterOfDocument } from './fromDocument.js';
import { parseFields, readMultipart, sendFile, sendPdf } from './http.js';
import { discardPending } from './pending.js';
import { letterListItem, listAgenda, listMyIncoming, loadLetterForViewer, repliedLettersOf, searchSenders } from './queries.js';
import { registerIncomingLetter, markIncomingRead, sendIncomingLetter, type RegistrationInput } from './registerLetter.js';
import { uploadScanForRegistration } from './uploadScan.js';
import { linkReply } from './replies.js';
import { INCOMING_SIFAT, INCOMING_SOURCES, INCOMING_STATUSES, INCOMING_URGENSI } from './schema.js';
import { tandaTerimaPdf } from './tandaTerima.js';

const tags = ['naskah masuk'];
const Id = z.object({ id: z.uuid() });

export const IncomingListItem = z
  .object({
    id: z.string(),
    version: z.number(),
    status: z.enum(INCOMING_STATUSES),
    source: z.enum(INCOMING_SOURCES),
    agenda: z.string().nullable(),
    senderInstansi: z.string().nullable(),
    senderJabatan: z.string().nullable(),
    letterNumber: z.string().nullable(),
    letterDate: z.string().nullable(),
    receivedAt: z.date().nullable(),
    hal: z.string().nullable(),
    sifat: z.enum(INCOMING_SIFAT),
    urgensi: z.enum(INCOMING_URGENSI),
    classificationCode: z.string().nullable(),
    addressedPositionName: z.string().nullable(),
    sentAt: z.date().nullable(),
    readAt: z.date().nullable(),
    ocrStatus: z.enum(['none', 'pending', 'running', 'done', 'failed']),
    documentId: z.string().nullable(),
  })
  .meta({ id: 'IncomingListItem' });


const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Format tanggal YYYY-MM-DD');

/** The registration form, as the JSON `data` field of the multipart request. */
export const RegistrationBody = z.object({
  receivingUnitId: z.uuid().nullish(),
  sender: z.object({
    senderId: z.uuid().nullish(),
    instansi: z.string().trim().min(2).max(300),
    jabatan: z.string().trim().max(300).nullish(),
    name: z.string().trim().max(200).nullish(),
    address: z.string().trim().max(500).nullish(),
    email: z.string().trim().max(200).nullish(),
  }),
  letterNumber: z.string().trim().min(1).max(120),
  letterDate: dateString,
  receivedAt: z.coerce.date().nullish(),
  hal: z.string().trim().min(3).max(500),
  sifat: z.enum(INCOMING_SIFAT).default('biasa'),
  urgensi: z.enum(INCOMING_URGENSI).default('biasa'),
  classificationCode: z.string().trim().min(1, 'Kode klasifikasi wajib diisi').max(40),
  lampiran: z.string().trim().max(100).nullish(),
  addressedPositionId: z.uuid(),
  note: z.string().trim().max(2000).nullish(),
  confirmDuplicate: z.boolean().optional(),
  send: z.boolean().optional(),
});

function registrationFrom(fields: Record<string, string>): RegistrationInput {
  let data: unknown;
  try {
    data = JSON.parse(fields.data ?? '{}');
  } catch {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.data', message: 'JSON tidak valid' }] });
  }
  return parseFields(RegistrationBody, data) as RegistrationInput;
}

export async function incomingRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/incoming/agenda',
    {
      schema: {
        tags,
        summary: 'Agenda surat masuk unit petugas arsip (menunggu dicatat, tercatat, terkirim)',
        querystring: Page.extend({ unitId: z.uuid().optional(), status: z.enum(INCOMING_STATUSES).optional(), q: z.string().max(200).optional() }),
        response: { 200: z.object({ unitId: z.string(), total: z.number(), pending: z.number(), items: z.array(IncomingListItem) }), ...errorResponses },
      },
    },
    async (req) => listAgenda(ctx, actorOf(req), req.query),
  );

  app.get(
    '/incoming/inbox',
    {
      schema: {
        tags,
        summary: 'Surat masuk tercatat yang dikirim ke jabatan Anda (Naskah Masuk)',
        querystring: Page.extend({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ total: z.number(), unread: z.number(), items: z.array(IncomingListItem) }) },
      },
    },
    async (req) => listMyIncoming(ctx, actorOf(req), { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === 'true' }),
  );

  app.get(
    '/incoming/senders',
    {
      schema: {
        tags,
        summary: 'Buku alamat pengirim surat masuk (paling sering dipakai dulu)',
        querystring: z.object({ q: z.string().max(200).optional(), unitId: z.uuid().optional() }),
        response: { 200: z.array(z.object({ id: z.string(), instansi: z.string(), jabatan: z.string().nullable(), name: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable(), useCount: z.number() })), ...errorResponses },
      },
    },
    async (req) => searchSenders(ctx, actorOf(req), req.query),
  );

  app.post(
    '/incoming-letters',
    {
      schema: {
        tags,
        summary: 'Catat surat masuk: pindaian (PDF/JPG/PNG/TIFF, beberapa halaman) + data surat; 409 INCOMING_DUPLICATE bila mirip surat tercatat',
        description: 'multipart: data (JSON: lihat RegistrationBody), scan (satu atau lebih berkas, berurutan)',
        response: { 201: IncomingListItem, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, files } = await readMultipart(req);
      const input = registrationFrom(fields);
      const row = await registerIncomingLetter(ctx, actorOf(req), input, files.filter((f) => f.field === 'scan' || f.field === 'file'));
      return reply.code(201).send(letterListItem(row));
    },
  );

  app.post(
    '/incoming-letters/scans',
    {
      schema: {
        tags,
        summary: 'Unggah pindaian dulu: surat menunggu dicatat, OCR membaca nomor/tanggal/hal sebagai saran yang dapat dikoreksi petugas',
        description: 'multipart: scan (satu atau lebih berkas, berurutan), receivingUnitId (opsional). Lalu catat dengan POST /incoming-letters/{id}/register.',
        response: { 201: IncomingListItem, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, files } = await readMultipart(req);
      const unitId = fields.receivingUnitId ? parseFields(z.object({ receivingUnitId: z.uuid() }), { receivingUnitId: fields.receivingUnitId }).receivingUnitId : null;
      const row = await uploadScanForRegistration(ctx, actorOf(req), { receivingUnitId: unitId }, files.filter((f) => f.field === 'scan' || f.field === 'file'));
      return reply.code(201).send(letterListItem(row));
    },
  );

  app.post(
    '/incoming-letters/:id/register',
    {
      schema: {
        tags,
        summary: 'Catat surat yang menunggu (dari e-mail/pemindai): periksa saran data lalu beri nomor agenda',
        description: 'multipart: version, data (JSON), scan (opsional: ganti pindaian)',
        params: Id,
        response: { 200: IncomingListItem, ...errorResponses },
      },
    },
    async (req) => {
      const { fields, files } = await readMultipart(req);
      const version = Number(fields.version);
      if (!Number.isInteger(version) || version < 1) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.version', message: 'Versi data wajib diisi' }] });
      const row = await registerIncomingLetter(ctx, actorOf(req), registrationFrom(fields), files.length ? files : null, { id: req.params.id, version });
      return letterListItem(row);
    },
  );

  app.post(
    '/incoming-letters/:id/send',
    { schema: { tags, summary: 'Kirim ke pimpinan: surat masuk ke Naskah Masuk pejabat yang dituju', params: Id, body: z.object({ version: VersionField }), response: { 200: IncomingListItem, ...errorResponses } } },
    async (req) => letterListItem(await sendIncomingLetter(ctx, actorOf(req), req.params.id, req.body.version)),
  );

  app.post(
    '/incoming-letters/:id/discard',
    { schema: { tags, summary: 'Buang surat yang menunggu dicatat (bukan surat dinas)', params: Id, body: z.object({ version: VersionField, reason: z.string().trim().min(3).max(1000) }), response: { 200: IncomingListItem, ...errorResponses } } },
    async (req) => letterListItem(await discardPending(ctx, actorOf(req), req.params.id, req.body.version, req.body.reason)),
  );

  app.post(
    '/incoming-letters/:id/read',
    { schema: { tags, summary: 'Tandai surat masuk sudah dibaca (pejabat yang dituju)', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await markIncomingRead(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/incoming-letters/:id/file',
    { schema: { tags, summary: 'Pindaian surat (PDF)', params: Id, querystring: z.object({ download: z.enum(['1', '0']).optional() }) } },
    async (req, reply) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      if (!lv.row.fileId) throw new AppError('NOT_FOUND', { entity: 'file' });
      return sendFile(ctx, req, reply, lv.row.fileId, req.query.download === '1');
    },
  );

  app.get(
    '/incoming-letters/:id/tanda-terima.pdf',
    { schema: { tags, summary: 'Tanda terima surat (PDF) untuk pengantar surat', params: Id } },
    async (req, reply) => {
      const lv = await loadLetterForViewer(ctx, actorOf(req), req.params.id);
      if (!lv.isRecordsOfficer) throw new AppError('INCOMING_NOT_RECORDS_OFFICER');
      if (!lv.row.agendaNumber) throw new AppError('INCOMING_NOT_REGISTERED');
      return sendPdf(reply, await tandaTerimaPdf(ctx.database.db, lv.row, ctx.config.timeZone), `tanda-terima-${lv.row.agendaNumber}.pdf`);
    },
  );

  app.post(
    '/incoming-letters/from-document/:id',
    {
      schema: {
        tags,
        summary: 'Naskah dinas internal yang diterima jabatan Anda menjadi surat masuk unit Anda (untuk didisposisikan) tanpa diketik ulang',
        params: Id,
        response: { 200: IncomingListItem, ...errorResponses },
      },
    },
    async (req) => letterListItem(await incomingFromDocument(ctx, actorOf(req), req.params.id)),
  );

  app.get(
    '/incoming-letters/of-document/:id',
    {
      schema: {
        tags,
        summary: 'Surat masuk yang terkait dengan naskah keluar ini: yang dibalasnya, dan surat masuk unit Anda yang dibuat darinya',
        params: Id,
        response: { 200: z.object({ repliesTo: z.array(z.object({ id: z.string(), letterNumber: z.string().nullable(), letterDate: z.string().nullable(), senderInstansi: z.string().nullable(), hal: z.string().nullable() })), incomingLetterId: z.string().nullable() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const v = await viewerOf(ctx, ctx.database.db, actor);
      const made = await incomingLetterOfDocument(ctx, req.params.id);
      const mine = made.find((l) => (l.addressedPositionId && v.positionIds.includes(l.addressedPositionId)) || false) ?? null;
      // Only the letters this user may see are named.
      const repliesTo = [];
      for (const r of await repliedLettersOf(ctx.database.db, req.params.id)) {
        const row = await getLetterRow(ctx.database.db, r.id);
        if (row && (isRecordsOfficerOf(v, await unitPathOf(ctx.database.db, row.receivingUnitId)) || (await loadLetterForViewer(ctx, actor, r.id).then(() => true, () => false)))) repliesTo.push(r);
      }
      return { repliesTo, incomingLetterId: mine?.id ?? null };
    },
  );

  app.post(
    '/incoming-letters/:id/replies',
    { schema: { tags, summary: 'Tautkan konsep naskah keluar sebagai balasan surat masuk ini (Balas)', params: Id, body: z.object({ documentId: z.uuid() }), response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await linkReply(ctx, actorOf(req), req.params.id, req.body.documentId);
      return reply.code(204).send();
    },
  );
}
