// HTTP API of pemusnahan and serah arsip statis: propose from the retention report, the panitia's
// pertimbangan, the Kepala ANRI's approval (PDF upload), keputusan, execution, and the documents
// (daftar usul, daftar musnah/serah, berita acara, BagIt package).
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { ErrorBody, errorResponses, VersionField, type App } from '../http/types.js';
import { AppError } from '../errors.js';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { assertMayAttachAnri, assessDisposal, attachAnriApproval, decideDisposal, disposalDocument, executeDisposal, getDisposal, listDisposals, proposeDisposal, signDisposal } from './disposal.js';
import { DISPOSAL_STATUSES } from './schema.js';

const Disposal = z
  .object({
    id: z.string(),
    kind: z.enum(['musnah', 'serah']),
    unitId: z.string(),
    status: z.enum(DISPOSAL_STATUSES).describe('usul → dinilai (panitia) → ditetapkan (keputusan pimpinan) → dilaksanakan (petugas arsip) → selesai (berita acara ditandatangani TTE)'),
    panitiaUserIds: z.array(z.string()),
    needsAnriApproval: z.boolean(),
    anriApprovalFileId: z.string().nullable(),
    anriApprovalNumber: z.string().nullable(),
    anriApprovalDate: z.string().nullable(),
    keputusanNumber: z.string().nullable(),
    keputusanDate: z.string().nullable(),
    createdByUserId: z.string().describe('Pengusul (petugas arsip)'),
    decidedByUserId: z.string().nullable(),
    executedByUserId: z.string().nullable(),
    signedByUserId: z.string().nullable(),
    signedAt: z.date().nullable(),
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
  head: z
    .object({ unitName: z.string(), positionName: z.string().nullable(), holders: z.array(z.object({ userId: z.string(), name: z.string(), kind: z.enum(['definitif', 'plt', 'plh', 'pj']) })) })
    .describe('Pimpinan Perangkat Daerah pencipta arsip yang menetapkan keputusan dan menandatangani berita acara'),
  decidedByName: z.string().nullable(),
  executedByName: z.string().nullable(),
  signedByName: z.string().nullable(),
  actions: z.object({ assess: z.boolean(), anri: z.boolean(), decide: z.boolean(), execute: z.boolean(), sign: z.boolean() }).describe('Langkah yang dapat Anda lakukan sekarang'),
  items: z.array(z.object({ berkasId: z.string(), classificationCode: z.string(), uraian: z.string(), year: z.number(), itemCount: z.number(), state: z.string(), pertimbangan: z.string().nullable(), approved: z.boolean().nullable() })),
}).meta({ id: 'ArchiveDisposalDetail' });
const IdParam = z.object({ id: z.uuid() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export async function archiveDisposalRoutes(app: App, ctx: AppContext): Promise<void> {
  const tags = ['arsip'];
  app.get(
    '/archive/disposals',
    { schema: { tags, summary: 'Usul pemusnahan dan penyerahan arsip (petugas arsip unit; panitia penilai)', querystring: z.object({ kind: z.enum(['musnah', 'serah']).optional() }), response: { 200: z.array(Disposal) } } },
    async (req) => listDisposals(ctx, actorOf(req), req.query),
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
  app.get('/archive/disposals/:id', { schema: { tags, summary: 'Satu usul dengan berkasnya', params: IdParam, response: { 200: DisposalDetail, ...errorResponses } } }, async (req) => getDisposal(ctx, actorOf(req), req.params.id));
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
      schema: { tags, summary: 'Unggah persetujuan Kepala ANRI (PDF, multipart: file, version, number, date) untuk retensi 10 tahun atau lebih', params: IdParam, response: { 200: Disposal, ...errorResponses } },
    },
    async (req) => {
      // Authorised before a byte of the upload is read.
      await assertMayAttachAnri(ctx.database.db, actorOf(req), req.params.id);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: ['multipart/form-data'] });
      let bytes: Buffer | null = null;
      let name = 'persetujuan-anri.pdf';
      let version: number | null = null;
      let number = '';
      let date = '';
      for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 1, fieldSize: 1000 } })) {
        if (part.type === 'file') {
          bytes = await part.toBuffer();
          name = part.filename || name;
        } else if (part.fieldname === 'version') version = Number(part.value);
        else if (part.fieldname === 'number') number = String(part.value ?? '').trim();
        else if (part.fieldname === 'date') date = String(part.value ?? '').trim();
      }
      const fields: Array<{ path: string; message: string }> = [];
      if (!bytes) fields.push({ path: 'body.file', message: 'Lampirkan PDF surat persetujuan Kepala ANRI' });
      if (version === null || !Number.isInteger(version)) fields.push({ path: 'body.version', message: 'Versi usul tidak ada' });
      if (number.length < 3 || number.length > 200) fields.push({ path: 'body.number', message: 'Isi nomor surat persetujuan Kepala ANRI' });
      if (!Day.safeParse(date).success || Number.isNaN(Date.parse(date))) fields.push({ path: 'body.date', message: 'Isi tanggal surat persetujuan (TTTT-BB-HH)' });
      if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
      return attachAnriApproval(ctx, actorOf(req), req.params.id, { version: version!, name, bytes: bytes!, number, date });
    },
  );
  app.post(
    '/archive/disposals/:id/decide',
    { schema: { tags, summary: 'Pimpinan Perangkat Daerah (bukan pengusul): tetapkan usul dengan keputusan (nomor dan tanggal)', params: IdParam, body: z.object({ version: VersionField, keputusanNumber: z.string().trim().min(3).max(200), keputusanDate: Day }), response: { 200: Disposal, ...errorResponses } } },
    async (req) => decideDisposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/archive/disposals/:id/execute',
    { schema: { tags, summary: 'Petugas arsip: laksanakan: musnahkan berkas elektronik arsip yang disetujui (metadata tetap) atau tandai berkas statis; berita acara menunggu tanda tangan pimpinan', params: IdParam, body: z.object({ version: VersionField }), response: { 200: Disposal, ...errorResponses } } },
    async (req) => executeDisposal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/archive/disposals/:id/sign',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Pimpinan Perangkat Daerah: tandatangani berita acara dan daftar arsip musnah/serah dengan TTE (passphrase); untuk serah, paket BagIt dibuat dengan dokumen bertanda tangan',
        params: IdParam,
        body: z.object({ version: VersionField, passphrase: z.string().min(1).max(200) }),
        response: { 200: Disposal, 423: ErrorBody, 429: ErrorBody, ...errorResponses },
      },
    },
    async (req) => signDisposal(ctx, actorOf(req), req.params.id, req.body),
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
