// HTTP API of the archive domain: classification codes with JRA (list/search, one with its
// ancestors, create/update by the system admin, CSV import and export).
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireRole } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { acceptCsvBodies, readCsvUpload } from '../http/csvUpload.js';
import { ErrorBody, errorResponses, Page, VersionField, type App } from '../http/types.js';
import { DISPOSITIONS } from './classificationCode.js';
import { createClassification } from './createClassification.js';
import { exportClassificationsCsv } from './exportClassifications.js';
import { classificationAncestors, classificationView, getClassification } from './getClassification.js';
import { importClassificationsCsv } from './importClassifications.js';
import { listClassifications } from './listClassifications.js';
import { updateClassification } from './updateClassification.js';
import { archiveRecordsRoutes } from './recordsRoutes.js';
import { archiveDisposalRoutes } from './disposalRoutes.js';
import { CsvSeparatorQuery } from '../http/csvQuery.js';

const BoolString = z.enum(['true', 'false']).transform((v) => v === 'true');

const ClassificationSchema = z
  .object({
    code: z.string().describe('Kode klasifikasi bertitik, mis. 000.8.3.3'),
    name: z.string(),
    parentCode: z.string().nullable(),
    level: z.number().int(),
    description: z.string().nullable(),
    retentionActiveYears: z.number().int().nullable().describe('JRA: retensi aktif (tahun); null = belum ditetapkan'),
    retentionInactiveYears: z.number().int().nullable().describe('JRA: retensi inaktif (tahun); null = belum ditetapkan'),
    finalDisposition: z.enum(DISPOSITIONS).nullable().describe('JRA: keterangan akhir'),
    legalBasis: z.string().nullable().describe('Dasar hukum / catatan JRA'),
    jraLabel: z.string().describe('Ringkasan JRA untuk ditampilkan, atau "belum ditetapkan"'),
    active: z.boolean(),
    source: z.enum(['permendagri_83_2022', 'import', 'manual']),
    version: z.number().int(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Classification' });

const Fields = {
  name: z.string().trim().min(2).max(500),
  description: z.string().trim().max(2000).nullable().optional(),
  retentionActiveYears: z.number().int().min(0).max(100).nullable().optional(),
  retentionInactiveYears: z.number().int().min(0).max(100).nullable().optional(),
  finalDisposition: z.enum(DISPOSITIONS).nullable().optional(),
  legalBasis: z.string().trim().max(1000).nullable().optional(),
  active: z.boolean().optional(),
};

const ImportReportSchema = z
  .object({
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    errors: z.array(z.object({ row: z.number(), column: z.string().optional(), message: z.string() })),
    applied: z.boolean(),
  })
  .meta({ id: 'ClassificationImportReport' });

const CodeParam = z.object({ code: z.string().min(1).max(40) });

export async function archiveRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['arsip'];
  acceptCsvBodies(app);
  await archiveRecordsRoutes(app, ctx);
  await archiveDisposalRoutes(app, ctx);

  app.get(
    '/archive/classifications',
    {
      schema: {
        tags,
        summary: 'Cari kode klasifikasi arsip (awalan kode atau kata pada nama), per induk, dengan halaman',
        querystring: Page.extend({
          q: z.string().trim().max(100).optional().describe('Awalan kode (mis. 000.8) atau kata pada nama'),
          parent: z.string().max(40).optional().describe('Anak langsung dari kode ini; kosong ("") = kode tingkat teratas'),
          level: z.coerce.number().int().min(1).max(5).optional(),
          includeInactive: BoolString.optional(),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(ClassificationSchema.extend({ hasChildren: z.boolean() })) }) },
      },
    },
    async (req) => listClassifications(ctx.database.db, req.query),
  );

  app.get(
    '/archive/classifications/export',
    {
      schema: {
        tags,
        summary: 'Ekspor seluruh kode klasifikasi dan JRA sebagai CSV (kolom sama dengan impor)',
        querystring: z.object({ separator: CsvSeparatorQuery }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV UTF-8 dengan BOM') },
      },
    },
    async (req, reply) => {
      const csv = await exportClassificationsCsv(ctx.database.db, { separator: req.query.separator });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kode-klasifikasi-arsip.csv"')
        .send(csv);
    },
  );

  app.get(
    '/archive/classifications/:code',
    {
      schema: {
        tags,
        summary: 'Satu kode klasifikasi dengan induk-induknya (dari tingkat teratas)',
        params: CodeParam,
        response: { 200: ClassificationSchema.extend({ ancestors: z.array(ClassificationSchema) }), 404: ErrorBody },
      },
    },
    async (req) => {
      const row = await getClassification(ctx.database.db, req.params.code);
      const ancestors = await classificationAncestors(ctx.database.db, row.code);
      return { ...classificationView(row), ancestors: ancestors.map(classificationView) };
    },
  );

  app.post(
    '/archive/classifications',
    {
      schema: {
        tags,
        summary: 'Tambah kode klasifikasi (admin sistem); induknya harus sudah ada',
        body: z.object({ code: z.string().trim().min(3).max(40), ...Fields }),
        response: { 201: ClassificationSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createClassification(ctx, actorOf(req), req.body)),
  );

  app.patch(
    '/archive/classifications/:code',
    {
      schema: {
        tags,
        summary: 'Ubah nama, keterangan, JRA, atau status aktif kode klasifikasi (admin sistem)',
        params: CodeParam,
        body: z.object({ ...Fields, name: Fields.name.optional(), version: VersionField }),
        response: { 200: ClassificationSchema, ...errorResponses },
      },
    },
    async (req) => updateClassification(ctx, actorOf(req), req.params.code, req.body),
  );

  app.post(
    '/archive/classifications/import',
    {
      schema: {
        tags,
        summary: 'Impor kode klasifikasi dan JRA dari CSV (admin sistem). Semua atau tidak sama sekali.',
        description:
          'Kolom: kode, nama, keterangan, retensi_aktif, retensi_inaktif, keterangan_akhir (musnah/permanen/dinilai kembali), dasar_hukum, aktif. ' +
          'Dicocokkan menurut kode; hanya kolom yang ada di berkas yang diubah. Kirim sebagai text/csv atau multipart field "file". dryRun=true memeriksa tanpa menyimpan.',
        querystring: z.object({ dryRun: BoolString.optional() }),
        response: { 200: ImportReportSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireRole(actor, 'system_admin');
      const csv = await readCsvUpload(req);
      const report = await importClassificationsCsv(ctx, actor, csv, { dryRun: req.query.dryRun ?? false });
      if (report.errors.length) return reply.code(400).send(new AppError('IMPORT_FAILED', { report }).toBody(req.lang));
      return report;
    },
  );
}
