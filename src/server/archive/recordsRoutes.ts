// HTTP API of the records side: berkas (list, detail with records, edit, close, legal hold, new
// per-activity berkas), moving a record, retention report, daftar arsip aktif/inaktif (CSV in
// ANRI's columns) and loans.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, VersionField, type App } from '../http/types.js';
import { isoDateIn } from '../../shared/dates.js';
import { actorTokens } from '../search/index.js';
import { assertKeeper, berkasItems, closeBerkas, createBerkas, lendArchive, listBerkas, listLoans, moveRecord, retentionReport, returnLoan, setLegalHold, updateBerkas } from './berkas.js';
import { AppError } from '../errors.js';
import { archiveBerkas } from './schema.js';
import { eq } from 'drizzle-orm';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { getRecord, recordFile } from './getRecord.js';
import { boxLabelsPdf, daftarArsip, daftarCsv, daftarPdf } from './daftarArsip.js';

const Berkas = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string().optional(),
    classificationCode: z.string(),
    classificationName: z.string().nullable().optional(),
    year: z.number(),
    activity: z.string().nullable(),
    uraian: z.string(),
    kurunStart: z.string().nullable(),
    kurunEnd: z.string().nullable(),
    itemCount: z.number(),
    status: z.enum(['open', 'closed']),
    closedAt: z.date().nullable(),
    activeUntil: z.string().nullable(),
    inactiveUntil: z.string().nullable(),
    finalDisposition: z.string().nullable(),
    state: z.string(),
    legalHold: z.boolean(),
    legalHoldReason: z.string().nullable(),
    locationBuilding: z.string().nullable(),
    locationRoom: z.string().nullable(),
    locationShelf: z.string().nullable(),
    locationBox: z.string().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Berkas' });
const IdParam = z.object({ id: z.uuid() });
const today = (ctx: AppContext) => isoDateIn(ctx.config.timeZone, ctx.now());


export async function archiveRecordsRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['arsip'];
  app.get(
    '/archive/berkas',
    {
      schema: {
        tags,
        summary: 'Daftar berkas unit yang Anda kelola (petugas arsip)',
        querystring: z.object({ unitId: z.uuid().optional(), status: z.enum(['open', 'closed']).optional(), state: z.string().optional(), year: z.coerce.number().int().optional() }),
        response: { 200: z.array(Berkas) },
      },
    },
    async (req) => listBerkas(ctx.database.db, actorOf(req), req.query),
  );

  app.post(
    '/archive/berkas',
    {
      schema: {
        tags,
        summary: 'Buka berkas per kegiatan',
        body: z.object({ unitId: z.uuid(), classificationCode: z.string().min(1).max(40), year: z.number().int().min(1900).max(2200), activity: z.string().trim().min(3).max(300), uraian: z.string().trim().max(1000).optional() }),
        response: { 201: Berkas, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createBerkas(ctx, actorOf(req), req.body)),
  );

  app.get(
    '/archive/berkas/:id',
    {
      schema: { tags, summary: 'Satu berkas dengan arsipnya', params: IdParam, response: { 200: Berkas.extend({ items: z.array(z.record(z.string(), z.unknown())) }), ...errorResponses } },
    },
    async (req) => {
      const actor = actorOf(req);
      const [b] = await ctx.database.db.select().from(archiveBerkas).where(eq(archiveBerkas.id, req.params.id));
      if (!b) throw new AppError('NOT_FOUND', { entity: 'berkas', id: req.params.id });
      await assertKeeper(ctx.database.db, actor, b.unitId, 'berkas', b.id);
      const tokens = await actorTokens(ctx.database.db, actor, today(ctx));
      return { ...b, items: await berkasItems(ctx.database.db, b.id, tokens) };
    },
  );

  app.patch(
    '/archive/berkas/:id',
    {
      schema: {
        tags,
        summary: 'Ubah uraian, kegiatan atau lokasi fisik (gedung/ruang/rak/boks) berkas',
        params: IdParam,
        body: z.object({
          version: VersionField,
          uraian: z.string().trim().min(3).max(1000).optional(),
          activity: z.string().trim().max(300).nullable().optional(),
          locationBuilding: z.string().trim().max(100).nullable().optional(),
          locationRoom: z.string().trim().max(100).nullable().optional(),
          locationShelf: z.string().trim().max(100).nullable().optional(),
          locationBox: z.string().trim().max(100).nullable().optional(),
        }),
        response: { 200: Berkas, ...errorResponses },
      },
    },
    async (req) => updateBerkas(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/archive/berkas/:id/close',
    { schema: { tags, summary: 'Tutup berkas: masa retensi JRA mulai dihitung hari ini', params: IdParam, body: z.object({ version: VersionField }), response: { 200: Berkas, ...errorResponses } } },
    async (req) => closeBerkas(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/archive/berkas/:id/legal-hold',
    {
      schema: { tags, summary: 'Pasang atau lepas penahanan hukum (legal hold) pada berkas: mencegah pemusnahan', params: IdParam, body: z.object({ version: VersionField, hold: z.boolean(), reason: z.string().trim().max(500).nullable().optional() }), response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await setLegalHold(ctx, actorOf(req), { berkasId: req.params.id }, req.body);
      return reply.code(204).send(null);
    },
  );

  const RecordDetail = z
    .object({
      id: z.string(),
      sourceKind: z.enum(['outgoing', 'incoming', 'service']),
      sourceId: z.string(),
      number: z.string().nullable(),
      title: z.string(),
      documentDate: z.string().nullable(),
      sifat: z.string(),
      accessClass: z.string(),
      unitId: z.string(),
      unitName: z.string().nullable(),
      classificationCode: z.string(),
      classificationName: z.string().nullable(),
      parties: z.array(z.string()),
      berkas: z.object({ id: z.string(), uraian: z.string(), status: z.enum(['open', 'closed']), state: z.string(), year: z.number() }).nullable(),
      files: z.array(
        z.object({
          index: z.number(),
          role: z.string(),
          name: z.string(),
          sha256: z.string().describe('SHA-256 berkas saat arsip ditetapkan (tidak berubah; berkas yang diunduh memuat cap waktu arsip tambahan bila ada)'),
          size: z.number(),
          available: z.boolean(),
          personalData: z.boolean(),
          longTerm: z
            .object({ protectedUntil: z.date().nullable(), archiveTimestamps: z.number() })
            .nullable()
            .describe('Keabsahan jangka panjang tanda tangan (PAdES B-LTA): terlindungi sampai, jumlah cap waktu arsip'),
        }),
      ),
      hasOcrText: z.boolean(),
      declaredAt: z.date(),
      snapshotSha256: z.string(),
      legalHold: z.boolean(),
      legalHoldReason: z.string().nullable(),
      contentDeletedAt: z.date().nullable(),
      history: z.array(z.object({ at: z.string().nullable(), action: z.string(), actor: z.string().nullable(), note: z.string().nullable() })),
      version: z.number(),
    })
    .meta({ id: 'ArchiveRecord' });

  app.get(
    '/archive/records/:id',
    { schema: { tags, summary: 'Satu arsip: metadata, berkas, berkas PDF dan riwayat yang dibekukan saat ditetapkan (hanya yang boleh Anda lihat)', params: IdParam, response: { 200: RecordDetail, ...errorResponses } } },
    async (req) => getRecord(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/archive/records/:id/files/:index',
    {
      schema: {
        tags,
        summary: 'Unduh/tampilkan berkas PDF arsip (selama belum dimusnahkan)',
        params: z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(100) }),
        querystring: z.object({ download: z.enum(['1']).optional() }),
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await recordFile(ctx, actorOf(req), req.params.id, req.params.index);
      return sendStoredFile(ctx, req, reply, f.row, { name: f.name, download: req.query.download === '1' });
    },
  );

  app.post(
    '/archive/records/:id/legal-hold',
    {
      schema: { tags, summary: 'Pasang atau lepas penahanan hukum pada satu arsip', params: IdParam, body: z.object({ version: VersionField, hold: z.boolean(), reason: z.string().trim().max(500).nullable().optional() }), response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await setLegalHold(ctx, actorOf(req), { recordId: req.params.id }, req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/archive/records/:id/move',
    {
      schema: { tags, summary: 'Pindahkan arsip ke berkas lain yang masih terbuka', params: IdParam, body: z.object({ version: VersionField, berkasId: z.uuid() }), response: { 200: z.object({ id: z.string(), berkasId: z.string(), version: z.number() }), ...errorResponses } },
    },
    async (req) => moveRecord(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/archive/reports/retention',
    {
      schema: {
        tags,
        summary: 'Laporan retensi: jatuh tempo inaktif, usul musnah, serah statis, dinilai kembali, tanpa JRA',
        querystring: z.object({ unitId: z.uuid().optional(), horizonDays: z.coerce.number().int().min(0).max(3650).optional() }),
        response: { 200: z.object({ asOf: z.string(), dueInactive: z.array(Berkas), dueDisposal: z.array(Berkas), dueTransfer: z.array(Berkas), dueReappraisal: z.array(Berkas), withoutJra: z.array(Berkas) }) },
      },
    },
    async (req) => retentionReport(ctx.database.db, actorOf(req), { ...req.query, asOf: today(ctx) }),
  );

  app.get(
    '/archive/daftar',
    {
      schema: {
        tags,
        summary: 'Daftar arsip aktif atau inaktif per unit (kolom ANRI), CSV atau PDF',
        querystring: z.object({ unitId: z.uuid(), kind: z.enum(['aktif', 'inaktif']).default('aktif'), format: z.enum(['csv', 'pdf']).default('csv') }),
        produces: ['text/csv', 'application/pdf'],
        response: { 200: z.any().describe('text/csv atau application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const table = await daftarArsip(ctx.database.db, actorOf(req), req.query.unitId, req.query.kind);
      const name = `daftar-arsip-${req.query.kind}`;
      if (req.query.format === 'pdf') {
        const pdf = await daftarPdf(table, today(ctx));
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).header('cache-control', 'no-store').send(Buffer.from(pdf));
      }
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(daftarCsv(table));
    },
  );

  app.get(
    '/archive/box-labels',
    {
      schema: {
        tags,
        summary: 'Label boks arsip (PDF): satu label per nomor boks dari lokasi fisik berkas unit',
        querystring: z.object({ unitId: z.uuid() }),
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { pdf } = await boxLabelsPdf(ctx.database.db, actorOf(req), req.query.unitId);
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="label-boks-arsip.pdf"').header('cache-control', 'no-store').send(Buffer.from(pdf));
    },
  );

  app.get(
    '/archive/loans',
    {
      schema: { tags, summary: 'Peminjaman arsip (yang belum kembali bila open=true)', querystring: z.object({ open: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }), response: { 200: z.array(z.record(z.string(), z.unknown())) } },
    },
    async (req) => listLoans(ctx.database.db, actorOf(req), { open: req.query.open, asOf: today(ctx) }),
  );

  app.post(
    '/archive/loans',
    {
      schema: {
        tags,
        summary: 'Pinjamkan berkas atau arsip dengan tanggal kembali',
        body: z.object({ berkasId: z.uuid().optional(), recordId: z.uuid().optional(), borrowerUserId: z.uuid(), purpose: z.string().trim().min(3).max(500), dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).refine((b) => !!b.berkasId !== !!b.recordId, { message: 'berkasId atau recordId' }),
        response: { 201: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await lendArchive(ctx, actorOf(req), req.body)),
  );

  app.post(
    '/archive/loans/:id/return',
    { schema: { tags, summary: 'Catat pengembalian pinjaman', params: IdParam, body: z.object({ version: VersionField }), response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } } },
    async (req) => returnLoan(ctx, actorOf(req), req.params.id, req.body),
  );
}
