// HTTP API of the signature module under /api/v1/signature: enrolment, passphrase, certificate
// status/renewal/revocation, signing uploaded PDFs (single and bulk with progress),
// verification (signed-in and public). Multipart inputs are parsed here and validated with zod.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, type App } from '../http/types.js';
import { hasAnyRole, isSystemAdmin, requireRole } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { batchItemFile, batchProgress, loadOwnFiles, requireSigner, signUploadedPdf, startBulkSigning, storeUpload, MAX_BATCH_ITEMS, type BulkSource } from './apiSigning.js';
import {
  BatchProgressSchema,
  CertificateStatusSchema,
  EnrolResultSchema,
  Passphrase,
  PublicVerifyResultSchema,
  RegisteredDocumentSchema,
  RevokeBody,
  SignOptionsSchema,
  UploadSchema,
  VerificationReportSchema,
} from './apiSchemas.js';
import { addArchiveTimestamp } from './archiveTimestamp.js';
import { certificateStatus } from './certificateStatus.js';
import { changePassphrase } from './changePassphrase.js';
import { enrolSigner } from './enrolSigner.js';
import { matchRegistered, registeredDocument } from './registeredDocument.js';
import { renewCertificate } from './renewCertificate.js';
import { revokeCertificate } from './revokeCertificate.js';
import { verifyPdf } from './verify/verifyPdf.js';
import './errors.js';

const tags = ['signature'];

interface Upload {
  field: string;
  name: string;
  bytes: Buffer;
}

async function readMultipart(req: FastifyRequest, maxFiles: number, maxBytes: number): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  for await (const part of req.parts({ limits: { files: maxFiles, fileSize: maxBytes, fields: 20 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
      files.push({ field: part.fieldname, name: part.filename || 'dokumen.pdf', bytes });
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}

function field<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { fields: r.error.issues.map((i) => ({ path: [`body.${path}`, ...i.path].join('.'), message: i.message })) });
  return r.data;
}

function jsonField(raw: string | undefined, path: string): unknown {
  if (raw === undefined || raw === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: `body.${path}`, message: 'JSON tidak valid' }] });
  }
}

function pdfFile(files: Upload[]): Upload {
  const f = files.find((x) => x.field === 'file') ?? files[0];
  if (!f || !f.bytes.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Berkas PDF wajib dilampirkan' }] });
  return f;
}

function attachmentName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function signatureRoutes(app: App, ctx: AppContext): Promise<void> {
  const maxBytes = ctx.config.uploads.uploadMaxBytes;

  app.get(
    '/signature/certificate',
    { schema: { tags, summary: 'Status sertifikat TTE saya', response: { 200: CertificateStatusSchema, ...errorResponses } } },
    async (req) => certificateStatus(ctx, actorOf(req).userId),
  );

  app.get(
    '/signature/users/:userId/certificate',
    { schema: { tags, summary: 'Status sertifikat TTE seorang pengguna (admin)', params: z.object({ userId: z.uuid() }), response: { 200: CertificateStatusSchema, ...errorResponses } } },
    async (req) => {
      requireRole(actorOf(req), 'system_admin');
      return certificateStatus(ctx, req.params.userId);
    },
  );

  app.post(
    '/signature/enrol',
    {
      schema: {
        tags,
        summary: 'Daftar TTE: server membuat pasangan kunci, CA instansi menerbitkan sertifikat, kunci dienkripsi dengan passphrase',
        body: z.object({ passphrase: Passphrase }),
        response: { 201: EnrolResultSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSigner(actor);
      const r = await inTransaction(ctx.database, (tx) => enrolSigner(ctx, tx.db, { userId: actor.userId, passphrase: req.body.passphrase, actorUserId: actor.userId, ip: actor.ip }));
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/signature/passphrase',
    {
      schema: {
        tags,
        summary: 'Ganti passphrase TTE (kunci dienkripsi ulang)',
        body: z.object({ current: Passphrase, next: Passphrase, version: z.number().int().positive() }),
        response: { 200: z.object({ version: z.number() }), ...errorResponses },
      },
    },
    async (req) => changePassphrase(ctx, actorOf(req), req.body),
  );

  app.post(
    '/signature/certificate/renew',
    {
      schema: { tags, summary: 'Perbarui sertifikat (kunci dan sertifikat baru, passphrase sama)', body: z.object({ passphrase: Passphrase, version: z.number().int().positive() }), response: { 200: CertificateStatusSchema, ...errorResponses } },
    },
    async (req) => {
      const actor = actorOf(req);
      requireSigner(actor);
      await renewCertificate(ctx, actor, req.body);
      return certificateStatus(ctx, actor.userId);
    },
  );

  app.post(
    '/signature/certificate/revoke',
    { schema: { tags, summary: 'Cabut sertifikat (pemilik atau admin) dengan alasan', body: RevokeBody, response: { 200: CertificateStatusSchema, ...errorResponses } } },
    async (req) => {
      const actor = actorOf(req);
      const userId = req.body.userId ?? actor.userId;
      await revokeCertificate(ctx, actor, { userId, reason: req.body.reason, version: req.body.version });
      return certificateStatus(ctx, userId);
    },
  );

  app.post(
    '/signature/sign',
    {
      schema: {
        tags,
        summary: 'Tandatangani PDF yang diunggah; jawaban: PDF bertanda tangan',
        description:
          'multipart/form-data: file (PDF), passphrase, options (JSON SignOptions, opsional). Jawaban application/pdf dengan header X-Verification-Code dan X-Certificate-Serial. Hanya peran penandatangan.',
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSigner(actor);
      const { fields, files } = await readMultipart(req, 1, maxBytes);
      const passphrase = field(Passphrase, fields.passphrase, 'passphrase');
      const options = field(SignOptionsSchema, jsonField(fields.options, 'options'), 'options');
      const f = pdfFile(files);
      const r = await signUploadedPdf(ctx, actor, { pdf: f.bytes, name: f.name, passphrase, options });
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentName(f.name.replace(/(\.pdf)?$/i, '-ttd.pdf')))
        .header('x-verification-code', r.verificationCode)
        .header('x-certificate-serial', r.certificateSerial)
        .header('x-signed-at', r.signedAt.toISOString())
        .send(Buffer.from(r.pdf));
    },
  );

  app.post(
    '/signature/uploads',
    {
      schema: { tags, summary: 'Unggah PDF untuk tanda tangan massal berdasarkan id', description: 'multipart/form-data: file (PDF).', response: { 201: UploadSchema, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSigner(actor);
      const { files } = await readMultipart(req, 1, maxBytes);
      const f = pdfFile(files);
      if (!f.bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) throw new AppError('PDF_INVALID');
      return reply.code(201).send(await storeUpload(ctx, actor, f.name, f.bytes));
    },
  );

  app.post(
    '/signature/batches',
    {
      schema: {
        tags,
        summary: 'Tanda tangan massal: satu passphrase untuk banyak dokumen, kemajuan tersimpan di basis data',
        description: `multipart/form-data (files: beberapa PDF, passphrase, options JSON) atau JSON {fileIds, passphrase, options}. Maksimal ${MAX_BATCH_ITEMS} dokumen. Jawaban 202 dengan id proses; ?wait=true menunggu selesai (200).`,
        querystring: z.object({ wait: z.enum(['true', 'false']).optional() }),
        response: { 200: BatchProgressSchema, 202: z.object({ batchId: z.string(), total: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSigner(actor);
      let sources: BulkSource[];
      let passphrase: string;
      let options: z.infer<typeof SignOptionsSchema>;
      if (req.isMultipart()) {
        const { fields, files } = await readMultipart(req, MAX_BATCH_ITEMS + 1, maxBytes);
        passphrase = field(Passphrase, fields.passphrase, 'passphrase');
        options = field(SignOptionsSchema, jsonField(fields.options, 'options'), 'options');
        sources = files.map((f) => ({ name: f.name, pdf: f.bytes }));
      } else {
        const body = field(z.object({ fileIds: z.array(z.uuid()).min(1).max(MAX_BATCH_ITEMS), passphrase: Passphrase, options: SignOptionsSchema.optional() }), req.body, '');
        passphrase = body.passphrase;
        options = body.options ?? {};
        sources = await loadOwnFiles(ctx, actor, body.fileIds);
      }
      const { batchId, done } = await startBulkSigning(ctx, actor, { sources, passphrase, options });
      if (req.query.wait === 'true') {
        await done;
        return reply.code(200).send(await batchProgress(ctx, actor, batchId));
      }
      return reply.code(202).send({ batchId, total: sources.length });
    },
  );

  app.get(
    '/signature/batches/:id',
    { schema: { tags, summary: 'Kemajuan tanda tangan massal (dari instans mana pun)', params: z.object({ id: z.uuid() }), response: { 200: BatchProgressSchema, ...errorResponses } } },
    async (req) => batchProgress(ctx, actorOf(req), req.params.id),
  );

  app.get(
    '/signature/batches/:id/items/:itemId/file',
    { schema: { tags, summary: 'Unduh PDF bertanda tangan dari proses massal', params: z.object({ id: z.uuid(), itemId: z.uuid() }), response: { 200: z.any().describe('application/pdf'), ...errorResponses } } },
    async (req, reply) => {
      const f = await batchItemFile(ctx, actorOf(req), req.params.id, req.params.itemId);
      return reply.type('application/pdf').header('content-disposition', attachmentName(f.name)).send(f.bytes);
    },
  );

  app.post(
    '/signature/verify',
    {
      schema: { tags, summary: 'Verifikasi PDF bertanda tangan (laporan JSON)', description: 'multipart/form-data: file (PDF).', response: { 200: VerificationReportSchema, ...errorResponses } },
    },
    async (req) => {
      actorOf(req);
      const { files } = await readMultipart(req, 1, maxBytes);
      return verifyPdf(ctx, pdfFile(files).bytes, { maxBytes });
    },
  );

  app.post(
    '/signature/archive-timestamp',
    {
      schema: {
        tags,
        summary: 'Cap waktu arsip (PAdES B-LTA) untuk dokumen arsip: DSS semua tanda tangan + cap waktu dokumen',
        description: 'multipart/form-data: file (PDF bertanda tangan). Petugas arsip atau admin.',
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!hasAnyRole(actor, 'records_officer') && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN', { requiredRole: 'records_officer' });
      const { files } = await readMultipart(req, 1, maxBytes);
      const f = pdfFile(files);
      const out = await addArchiveTimestamp(ctx, f.bytes);
      return reply.type('application/pdf').header('content-disposition', attachmentName(f.name.replace(/(\.pdf)?$/i, '-arsip.pdf'))).send(Buffer.from(out));
    },
  );

  // Public (no session): the QR code's document and verification of an uploaded file.
  app.get(
    '/signature/public/verifications/:code',
    {
      config: { public: true },
      schema: { tags, summary: 'Dokumen yang terdaftar di balik kode QR (publik)', params: z.object({ code: z.string().min(4).max(40) }), response: { 200: RegisteredDocumentSchema, ...errorResponses } },
    },
    async (req) => (await registeredDocument(ctx.database.db, req.params.code)).doc,
  );

  app.post(
    '/signature/public/verify',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Verifikasi publik PDF bertanda tangan; dengan code juga dicocokkan dengan dokumen terdaftar',
        description: 'multipart/form-data: file (PDF), code (opsional, dari QR).',
        response: { 200: PublicVerifyResultSchema, ...errorResponses },
      },
    },
    async (req) => {
      const { fields, files } = await readMultipart(req, 1, maxBytes);
      const pdf = pdfFile(files).bytes;
      const registered = fields.code ? await registeredDocument(ctx.database.db, fields.code) : null;
      const report = await verifyPdf(ctx, pdf, { maxBytes });
      return { report, registered: registered?.doc ?? null, matchesRegistered: registered ? matchRegistered(pdf, registered.hashes) : null };
    },
  );
}
