// HTTP API of pemusnahan and serah arsip statis: propose from the retention report, the panitia's
// pertimbangan, the Kepala ANRI's approval (PDF upload), keputusan, execution, and the documents
// (daftar usul, daftar musnah/serah, berita acara, BagIt package).
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, VersionField, type App } from '../http/types.js';
import { AppError } from '../errors.js';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { assessDisposal, attachAnriApproval, decideDisposal, disposalDocument, executeDisposal, getDisposal, listDisposals, proposeDisposal } from './disposal.js';

const Disposal = z
  .object({
    id: z.string(),
    kind: z.enum(['musnah', 'serah']),
    unitId: z.string(),
    status: z.enum(['usul', 'dinilai', 'ditetapkan', 'selesai']),
    panitiaUserIds: z.array(z.string()),
    needsAnriApproval: z.boolean(),
    anriApprovalFileId: z.string().nullable(),
    keputusanNumber: z.string().nullable(),
    keputusanDate: z.string().nullable(),
    beritaAcaraFileId: z.string().nullable(),
    daftarFileId: z.string().nullable(),
    packageFileId: z.string().nullable(),
    executedAt: z.date().nullable(),
    createdAt: z.date(),
    version: z.number(),
  })
  .meta({ id: 'ArchiveDisposal' });
const DisposalDetail = Disposal.extend({
  unitName: z.string(),
  panitia: z.array(z.object({ userId: z.string(), name: z.string() })).describe('Panitia penilai arsip (usul musnah)'),
  items: z.array(z.object({ berkasId: z.string(), classificationCode: z.string(), uraian: z.string(), year: z.number(), itemCount: z.number(), state: z.string(), pertimbangan: z.string().nullable(), approved: z.boolean().nullable() })),
}).meta({ id: 'ArchiveDisposalDetail' });
const IdParam = z.object({ id: z.uuid() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export async function archiveDisposalRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['arsip'];
  app.get(
    '/archive/disposals',
    { schema: { tags, summary: 'Usul pemusnahan dan penyerahan arsip (petugas arsip unit; panitia penilai)', querystring: z.object({ kind: z.enum(['musnah', 'serah']).optional() }), response: { 200: z.array(Disposal) } } },
    async (req) => listDisposals(ctx.database.db, actorOf(req), req.query),
  );
  app.post(
    '/archive/disposals',
    {
      schema: {
        tags,
        summary: 'Usulkan berkas yang jatuh tempo untuk dimusnahkan (musnah) atau diserahkan sebagai arsip statis (serah)',
        body: z.object({ kind: z.enum(['musnah', 'serah']), unitId: z.uuid(), berkasIds: z.array(z.uuid()).min(1).max(500), panitiaUserIds: z.array(z.uuid()).max(20).optional() }),
        response: { 201: Disposal, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await proposeDisposal(ctx, actorOf(req), req.body)),
  );
  app.get('/archive/disposals/:id', { schema: { tags, summary: 'Satu usul dengan berkasnya', params: IdParam, response: { 200: DisposalDetail, ...errorResponses } } }, async (req) => getDisposal(ctx.database.db, actorOf(req), req.params.id));
  app.post(
    '/archive/disposals/:id/assess',
    {
      schema: {
        tags,
        summary: 'Panitia penilai: pertimbangan per berkas (setuju/tidak setuju dimusnahkan)',
        params: IdParam,
        body: z.object({ version: VersionField, items: z.array(z.object({ berkasId: z.uuid(), approved: z.boolean(), pertimbangan: z.string().trim().min(3).max(1000) })).min(1) }),
        response: { 200: Disposal, ...errorResponses },
      },
    },
    async (req) => assessDisposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/archive/disposals/:id/anri-approval',
    {
      schema: { tags, summary: 'Unggah persetujuan Kepala ANRI (PDF, multipart: file, version) untuk retensi 10 tahun atau lebih', params: IdParam, response: { 200: Disposal, ...errorResponses } },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: ['multipart/form-data'] });
      let bytes: Buffer | null = null;
      let name = 'persetujuan-anri.pdf';
      let version: number | null = null;
      for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } })) {
        if (part.type === 'file') {
          bytes = await part.toBuffer();
          name = part.filename || name;
        } else if (part.fieldname === 'version') version = Number(part.value);
      }
      if (!bytes || version === null || !Number.isInteger(version)) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Lampirkan PDF persetujuan dan versi usul' }] });
      return attachAnriApproval(ctx, actorOf(req), req.params.id, { version, name, bytes });
    },
  );
  app.post(
    '/archive/disposals/:id/decide',
    { schema: { tags, summary: 'Catat keputusan penetapan (nomor dan tanggal)', params: IdParam, body: z.object({ version: VersionField, keputusanNumber: z.string().trim().min(3).max(200), keputusanDate: Day }), response: { 200: Disposal, ...errorResponses } } },
    async (req) => decideDisposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/archive/disposals/:id/execute',
    { schema: { tags, summary: 'Laksanakan: musnahkan berkas elektronik arsip yang disetujui (metadata tetap) atau buat paket serah BagIt; berita acara dibuat', params: IdParam, body: z.object({ version: VersionField }), response: { 200: Disposal, ...errorResponses } } },
    async (req) => executeDisposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/archive/disposals/:id/documents/:which',
    {
      schema: {
        tags,
        summary: 'Dokumen usul: usul (daftar usul, PDF), daftar (daftar musnah/serah), berita-acara, paket (BagIt, tar), anri',
        params: z.object({ id: z.uuid(), which: z.enum(['usul', 'daftar', 'berita-acara', 'paket', 'anri']) }),
        response: { 200: z.any().describe('application/pdf atau application/x-tar'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const doc = await disposalDocument(ctx, actorOf(req), req.params.id, req.params.which);
      if ('stored' in doc) return sendStoredFile(ctx, req, reply, doc.stored, { download: true });
      const g = doc.generated;
      return reply.type(g.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(g.name)}`).header('cache-control', 'no-store').send(Buffer.from(g.bytes));
    },
  );
}
