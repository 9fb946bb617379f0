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
import { sendStoredFile } from '../files/sendStoredFile.js';
import { batchItemFile, batchProgress, loadOwnFiles, requireOutsideWorkflowSigner, requireSigner, signUploadedPdf, startBulkSigning, storeUpload, MAX_BATCH_ITEMS, type BulkSource } from './apiSigning.js';
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
import { approveEnrolment, consumeEnrolmentApproval, enrolmentApprovalNeeded, noticeToOfficial, pendingEnrolments } from './enrolmentApproval.js';
import { requireFreshReauth } from '../auth/loginUser.js';
import { users } from '../org/schema.js';
import { eq } from 'drizzle-orm';
import { matchRegistered, registeredDocument } from './registeredDocument.js';
import { renewCertificate } from './renewCertificate.js';
import { revokeCertificate } from './revokeCertificate.js';
import { issueSealCredential, revokeSealCredential, unitSealCredentials } from './sealCredentials.js';
import { REVOCATION_REASONS } from './schema.js';
import { verifyPdf } from './verify/verifyPdf.js';
import { checkUntrustedPdf } from '../pdf/untrusted.js';

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

/** An uploaded PDF, opened first in the worker under limits (pages, objects, decoded bytes, time). */
async function checkedPdf(files: Upload[]): Promise<Upload> {
  const f = pdfFile(files);
  if (f.bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) await checkUntrustedPdf(f.bytes);
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

  // The office's electronic seal (segel elektronik): issued, re-issued and revoked by a system
  // administrator after fresh re-authentication; applied by the system to every letter of the unit.
  const SealCredentialSchema = z.object({
    id: z.string(),
    unitId: z.string(),
    status: z.enum(['active', 'expired', 'revoked', 'superseded']),
    serial: z.string(),
    subject: z.string(),
    notBefore: z.date(),
    notAfter: z.date(),
    revokedAt: z.date().nullable(),
    revocationReason: z.string().nullable(),
    version: z.number(),
  });
  const UnitSealCredentialsSchema = z.object({
    own: SealCredentialSchema.nullable(),
    effective: z.object({ unitId: z.string(), unitName: z.string(), serial: z.string(), notAfter: z.date() }).nullable(),
  });
  const UnitParams = z.object({ unitId: z.uuid() });

  app.get(
    '/signature/units/:unitId/seal',
    { schema: { tags, summary: 'Sertifikat segel elektronik sebuah unit (admin): miliknya sendiri dan yang dipakai untuk naskahnya', params: UnitParams, response: { 200: UnitSealCredentialsSchema, ...errorResponses } } },
    async (req) => {
      requireRole(actorOf(req), 'system_admin');
      return unitSealCredentials(ctx, req.params.unitId);
    },
  );

  app.post(
    '/signature/units/:unitId/seal',
    {
      schema: {
        tags,
        summary: 'Terbitkan (atau terbitkan ulang) sertifikat segel elektronik unit',
        description: 'Admin sistem; perlu konfirmasi ulang identitas (POST /auth/reauth) dalam beberapa menit terakhir. replaceVersion = versi sertifikat aktif yang diganti (terbitkan ulang).',
        params: UnitParams,
        body: z.object({ replaceVersion: z.number().int().positive().optional() }),
        response: { 201: UnitSealCredentialsSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireRole(actor, 'system_admin');
      await requireFreshReauth(ctx, actor);
      return reply.code(201).send(await issueSealCredential(ctx, actor, req.params.unitId, { replaceVersion: req.body.replaceVersion }));
    },
  );

  app.post(
    '/signature/units/:unitId/seal/revoke',
    {
      schema: {
        tags,
        summary: 'Cabut sertifikat segel elektronik unit, dengan alasan',
        description: 'Admin sistem; perlu konfirmasi ulang identitas (POST /auth/reauth). Naskah berikutnya tidak lagi diberi segel ini.',
        params: UnitParams,
        body: z.object({ reason: z.enum(REVOCATION_REASONS), version: z.number().int().positive() }),
        response: { 200: UnitSealCredentialsSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requireRole(actor, 'system_admin');
      await requireFreshReauth(ctx, actor);
      return revokeSealCredential(ctx, actor, req.params.unitId, req.body);
    },
  );

  app.post(
    '/signature/enrol',
    {
      schema: {
        tags,
        summary: 'Daftar TTE: server membuat pasangan kunci, CA instansi menerbitkan sertifikat, kunci dienkripsi dengan passphrase',
        description: 'Perlu konfirmasi ulang identitas (POST /auth/reauth) dalam beberapa menit terakhir. Setelah admin membuat akun atau mengatur ulang kata sandi/2FA, perlu persetujuan otoritas pendaftaran (orang kedua).',
        body: z.object({ passphrase: Passphrase }),
        response: { 201: EnrolResultSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireSigner(actor);
      await requireFreshReauth(ctx, actor);
      const r = await inTransaction(ctx.database, async (tx) => {
        const approvalId = await consumeEnrolmentApproval(ctx, tx.db, actor.userId);
        const enrolled = await enrolSigner(ctx, tx.db, { userId: actor.userId, passphrase: req.body.passphrase, actorUserId: actor.userId, ip: actor.ip, approvalId });
        const [u] = await tx.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, actor.userId));
        await noticeToOfficial(ctx, tx, u!, 'Kunci TTE baru didaftarkan', `Kunci TTE baru (sertifikat ${enrolled.certificateSerial}) didaftarkan untuk akun Anda. Bila bukan Anda yang melakukannya, segera cabut sertifikat dan hubungi admin.`);
        return enrolled;
      });
      return reply.code(201).send(r);
    },
  );

  app.get(
    '/signature/enrolment-approvals',
    {
      schema: {
        tags,
        summary: 'Daftar penandatangan yang pendaftaran ulang kunci TTE-nya menunggu persetujuan otoritas pendaftaran (otoritas pendaftaran / admin)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                userId: z.string(),
                username: z.string(),
                name: z.string(),
                nip: z.string().nullable(),
                since: z.date(),
                resetByName: z.string().nullable(),
                mayApprove: z.boolean(),
                approval: z.object({ approvedAt: z.date(), expiresAt: z.date(), approvedByName: z.string() }).nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ items: await pendingEnrolments(ctx, actorOf(req)) }),
  );

  app.get(
    '/signature/users/:userId/enrolment-approval',
    {
      schema: {
        tags,
        summary: 'Apakah pendaftaran TTE pengguna ini perlu persetujuan otoritas pendaftaran (admin / otoritas pendaftaran / pemilik)',
        params: z.object({ userId: z.uuid() }),
        response: { 200: z.object({ required: z.boolean(), since: z.date().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.params.userId !== actor.userId && !isSystemAdmin(actor) && !hasAnyRole(actor, 'registration_authority')) throw new AppError('FORBIDDEN', { requiredRole: 'registration_authority' });
      const need = await enrolmentApprovalNeeded(ctx.database.db, req.params.userId);
      return { required: Boolean(need), since: need?.since ?? null };
    },
  );

  app.post(
    '/signature/users/:userId/enrolment-approval',
    {
      schema: {
        tags,
        summary: 'Otoritas pendaftaran menyetujui pendaftaran ulang kunci TTE seorang pejabat (orang kedua, setelah identitasnya diperiksa)',
        description: 'Hanya peran registration_authority, bukan pemilik akun dan bukan admin yang terakhir mengatur ulang akun; perlu konfirmasi ulang identitas penyetuju (POST /auth/reauth). Berlaku sekali, 72 jam.',
        params: z.object({ userId: z.uuid() }),
        body: z.object({ note: z.string().trim().max(500).optional() }),
        response: { 201: z.object({ id: z.string(), userId: z.string(), approvedAt: z.date(), expiresAt: z.date() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await approveEnrolment(ctx, actorOf(req), { userId: req.params.userId, note: req.body.note })),
  );

  app.post(
    '/signature/passphrase',
    {
      schema: {
        tags,
        summary: 'Ganti passphrase TTE (kunci dienkripsi ulang)',
        description: 'Perlu konfirmasi ulang identitas (POST /auth/reauth) dalam beberapa menit terakhir.',
        body: z.object({ current: Passphrase, next: Passphrase, version: z.number().int().positive() }),
        response: { 200: z.object({ version: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await requireFreshReauth(ctx, actor);
      return changePassphrase(ctx, actor, req.body);
    },
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
    {
      schema: {
        tags,
        summary: 'Cabut sertifikat (pemilik atau admin) dengan alasan',
        description: 'Perlu konfirmasi ulang identitas (POST /auth/reauth) pelaku dalam beberapa menit terakhir. Pemilik sertifikat diberi tahu.',
        body: RevokeBody,
        response: { 200: CertificateStatusSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const userId = req.body.userId ?? actor.userId;
      if (userId !== actor.userId && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN', { requiredRole: 'system_admin' });
      await requireFreshReauth(ctx, actor);
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
          'multipart/form-data: file (PDF), passphrase, options (JSON SignOptions, opsional). Jawaban application/pdf dengan header X-Verification-Code dan X-Certificate-Serial. Hanya penandatangan dengan peran tte_outside_workflow (diberi admin): dokumen ini tercatat "ditandatangani di luar alur naskah dinas".',
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requireOutsideWorkflowSigner(actor);
      const { fields, files } = await readMultipart(req, 1, maxBytes);
      const passphrase = field(Passphrase, fields.passphrase, 'passphrase');
      const options = field(SignOptionsSchema, jsonField(fields.options, 'options'), 'options');
      const f = await checkedPdf(files);
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
      requireOutsideWorkflowSigner(actor);
      const { files } = await readMultipart(req, 1, maxBytes);
      const f = await checkedPdf(files);
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
      requireOutsideWorkflowSigner(actor);
      let sources: BulkSource[];
      let passphrase: string;
      let options: z.infer<typeof SignOptionsSchema>;
      if (req.isMultipart()) {
        const { fields, files } = await readMultipart(req, MAX_BATCH_ITEMS + 1, maxBytes);
        passphrase = field(Passphrase, fields.passphrase, 'passphrase');
        options = field(SignOptionsSchema, jsonField(fields.options, 'options'), 'options');
        // A bomb refuses the whole request; a merely damaged or locked file fails as its own item.
        for (const f of files) {
          if (!f.bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) continue;
          try {
            await checkUntrustedPdf(f.bytes);
          } catch (e) {
            const damaged = e instanceof AppError && (e.code === 'PDF_ENCRYPTED' || (e.code === 'PDF_INVALID' && e.details?.reason === 'rusak'));
            if (!damaged) throw e;
          }
        }
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
      return sendStoredFile(ctx, req, reply, await batchItemFile(ctx, actorOf(req), req.params.id, req.params.itemId), { download: true });
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
      return verifyPdf(ctx, (await checkedPdf(files)).bytes, { maxBytes });
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
      const f = await checkedPdf(files);
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
      const pdf = (await checkedPdf(files)).bytes;
      const registered = fields.code ? await registeredDocument(ctx.database.db, fields.code) : null;
      const report = await verifyPdf(ctx, pdf, { maxBytes });
      return { report, registered: registered?.doc ?? null, matchesRegistered: registered ? matchRegistered(pdf, registered.hashes) : null };
    },
  );
}
