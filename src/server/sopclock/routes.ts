// SOP time standards (admin edits them) and the SOP performance report (heads of office).
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, VersionField, type App } from '../http/types.js';
import { SOP_PHASES } from '../catalog/schema.js';
import { createSopStandard, deleteSopStandard, listSopStandards, updateSopStandard } from '../catalog/sopStandardStore.js';
import { reportUnits, sopReport } from './report.js';

const tags = ['kinerja SOP'];
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal dengan format TTTT-BB-HH.');

const StepSchema = z.object({
  no: z.number().int().min(1).max(999),
  activity: z.string().max(500),
  phase: z.enum(SOP_PHASES).describe('Bagian alur yang diukur: draft/numbering/register/review (penyusunan), verify, sign, send'),
  minutes: z.number().int().min(0).max(100_000),
});

const StandardSchema = z
  .object({
    id: z.string(),
    unitId: z.string().nullable().describe('null = standar bawaan seluruh pemda'),
    unitName: z.string().nullable(),
    documentTypeId: z.string().nullable().describe('null = semua jenis naskah'),
    documentTypeName: z.string().nullable(),
    sopName: z.string(),
    steps: z.array(StepSchema),
    statedTotalMinutes: z.number().nullable(),
    version: z.number(),
    updatedAt: z.date(),
  })
  .meta({ id: 'SopTimeStandard' });

const StandardBody = z.object({
  sopName: z.string().max(300),
  steps: z.array(StepSchema).max(100),
  statedTotalMinutes: z.number().int().min(1).max(100_000).nullable().default(null),
});

const STEP_KEY = z.string().describe('draft | verify:N | sign | send');

const ReportSchema = z
  .object({
    unit: z.object({ id: z.string(), name: z.string() }),
    period: z.object({ from: z.string(), to: z.string() }),
    standard: z.object({ id: z.string(), sopName: z.string(), totalMinutes: z.number(), statedTotalMinutes: z.number().nullable() }).nullable(),
    letters: z.number(),
    truncated: z.boolean(),
    steps: z.array(
      z.object({
        key: STEP_KEY,
        sopNos: z.array(z.number()),
        activities: z.array(z.string()),
        standardMinutes: z.number().nullable(),
        count: z.number(),
        medianMinutes: z.number().nullable(),
        p90Minutes: z.number().nullable(),
        onTimeShare: z.number().nullable(),
      }),
    ),
    overdueNow: z.array(
      z.object({
        documentId: z.string(),
        hal: z.string().nullable().describe('null untuk naskah Rahasia / Sangat Rahasia'),
        sifat: z.string(),
        number: z.string().nullable(),
        key: STEP_KEY,
        stepOrder: z.number().nullable(),
        positionName: z.string().nullable(),
        elapsedMinutes: z.number(),
        standardMinutes: z.number(),
      }),
    ),
    overdueCount: z.number(),
  })
  .meta({ id: 'SopReport' });

export async function sopClockRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/sop-standards', { schema: { tags, summary: 'Standar waktu SOP per unit × jenis naskah', response: { 200: z.array(StandardSchema) } } }, async () => listSopStandards(ctx.database.db));

  app.post(
    '/sop-standards',
    {
      schema: {
        tags,
        summary: 'Tambah standar waktu SOP untuk satu unit (dan jenis naskah) (admin)',
        body: StandardBody.extend({ unitId: z.uuid(), documentTypeId: z.uuid().nullable().default(null) }),
        response: { 201: StandardSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createSopStandard(ctx, actorOf(req), req.body)),
  );

  app.put(
    '/sop-standards/:id',
    {
      schema: {
        tags,
        summary: 'Ubah langkah dan waktu standar SOP (admin)',
        params: z.object({ id: z.uuid() }),
        body: StandardBody.extend({ version: VersionField }),
        response: { 200: StandardSchema, ...errorResponses },
      },
    },
    async (req) => updateSopStandard(ctx, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/sop-standards/:id',
    {
      schema: {
        tags,
        summary: 'Hapus standar waktu SOP sebuah unit (admin); naskah unit itu kembali memakai standar di atasnya',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ version: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteSopStandard(ctx, actorOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/sop-report/units',
    { schema: { tags, summary: 'Unit yang laporan kinerja SOP-nya boleh dibuka pengguna', response: { 200: z.array(z.object({ id: z.string(), name: z.string(), depth: z.number() })) } } },
    async (req) => reportUnits(ctx, actorOf(req)),
  );

  app.get(
    '/sop-report',
    {
      schema: {
        tags,
        summary: 'Kinerja SOP: waktu nyata per langkah SOP dibanding standar (median, p90, tepat waktu) dan naskah yang terlambat sekarang',
        querystring: z.object({ unitId: z.uuid(), documentTypeId: z.uuid().optional(), from: IsoDate.optional(), to: IsoDate.optional() }),
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (req) => sopReport(ctx, actorOf(req), req.query),
  );
}
