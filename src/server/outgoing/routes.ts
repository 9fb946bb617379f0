import { asc, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, ErrorBody, Page, VersionField, type App } from '../http/types.js';
import { hasAnyRole, isSystemAdmin } from '../auth/actor.js';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { getFileRow } from '../files/storeFile.js';
import { holdersOf } from '../org/positions.js';
import { HOLDER_KINDS, positions, units } from '../org/schema.js';
import { actorView, assertCanView, loadSteps } from './access.js';
import { approveDocument, editAndApproveDocument } from './approveDocument.js';
import { addAttachment, removeAttachment } from './attachments.js';
import { cancelDocument } from './cancelDocument.js';
import { suggestChain } from './chain.js';
import { BOXES, documentFileIds, getDocumentDetail, listDocuments, listInbox, listOutbox, markDeliveryRead } from './queries.js';
import { registerDocument, updateDraft } from './registerDocument.js';
import { returnDocument } from './returnDocument.js';
import { sendDispatch } from '../correspondence/sendDispatch.js';
import { signDocument } from './signDocument.js';
import { getSignBatch, listSignBatches, resumeBulkSign, startBulkSign } from './signBatch.js';
import { submitDocument } from './submitDocument.js';
import { listLetterheads, resolveTemplate, templateForDownload, uploadTemplate } from '../catalog/templates.js';
import { setDocumentTypePolicy } from './chainPolicy.js';
import { createRecipientGroup } from '../catalog/createRecipientGroup.js';
import { uploadDraftVersion } from './uploadVersion.js';
import { DOCUMENT_STATUSES, DRAFT_KINDS, documents, RECIPIENT_KINDS, RECIPIENT_ROLES, SIFAT, URGENSI } from './schema.js';
import { documentTypes, LETTERHEAD_KINDS, PAGE_SHAPES, PAPER_SIZES, recipientGroupMembers, recipientGroups } from '../catalog/schema.js';

const Id = z.object({ id: z.uuid() });
const tags = ['naskah keluar'];

const DocumentTypeSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    category: z.string(),
    shape: z.enum(PAGE_SHAPES),
    formKind: z.string().nullable(),
    defaultClassificationCode: z.string().nullable(),
    numberSeries: z.string(),
    selfApprovalAllowed: z.boolean().describe('SOP jenis ini mengizinkan konseptor memverifikasi/menandatangani naskahnya sendiri'),
    active: z.boolean(),
    version: z.number(),
  })
  .meta({ id: 'DocumentType' });

const LetterheadSchema = z
  .object({ id: z.string(), kind: z.enum(LETTERHEAD_KINDS), unitId: z.string().nullable(), unitName: z.string().nullable(), name: z.string(), lines: z.array(z.string()), address: z.string().nullable(), contact: z.string().nullable(), active: z.boolean() })
  .meta({ id: 'Letterhead' });

const RecipientBody = z.object({
  role: z.enum(RECIPIENT_ROLES).describe('to = tujuan, cc = tembusan'),
  kind: z.enum(RECIPIENT_KINDS),
  positionId: z.uuid().nullish(),
  unitId: z.uuid().nullish(),
  groupId: z.uuid().nullish(),
  externalName: z.string().max(300).nullish(),
  externalAddress: z.string().max(500).nullish(),
  externalEmail: z.string().max(200).nullish(),
});

const PdfMarksSchema = z.object({
  number: z.object({ page: z.number().int().min(1), x: z.number(), y: z.number(), fontSize: z.number().min(6).max(24).optional() }).optional(),
  date: z.object({ page: z.number().int().min(1), x: z.number(), y: z.number(), fontSize: z.number().min(6).max(24).optional() }).optional(),
  signature: z.object({ page: z.number().int().min(1), x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }).optional(),
});

const RegisterBody = z.object({
  documentTypeId: z.uuid(),
  letterheadId: z.uuid().nullish(),
  paper: z.enum(PAPER_SIZES).optional(),
  issuingUnitId: z.uuid().nullish(),
  drafterPositionId: z.uuid().nullish(),
  draftKind: z.enum(DRAFT_KINDS).describe('docx = unggah .docx hasil edit templat; form = isi formulir; pdf = unggah PDF jadi'),
  hal: z.string().trim().min(3).max(500),
  sifat: z.enum(SIFAT).default('biasa'),
  urgensi: z.enum(URGENSI).default('biasa'),
  classificationCode: z.string().trim().min(1).max(40),
  lampiran: z.string().max(100).optional(),
  recipients: z.array(RecipientBody).max(500),
  verifierPositionIds: z.array(z.uuid()).max(20),
  signerPositionId: z.uuid(),
  onBehalfOfPositionId: z.uuid().nullish(),
  signatureVisibility: z.enum(['visible', 'invisible']).optional(),
  numberEntryId: z.uuid().nullish(),
  form: z.record(z.string(), z.unknown()).optional(),
});

const UpdateBody = RegisterBody.omit({ draftKind: true, documentTypeId: true, numberEntryId: true, sifat: true, urgensi: true })
  .partial()
  .extend({ sifat: z.enum(SIFAT).optional(), urgensi: z.enum(URGENSI).optional(), version: VersionField, pdfMarks: PdfMarksSchema.nullish() });

const StepSchema = z.object({
  order: z.number(),
  kind: z.enum(['verify', 'sign']),
  status: z.enum(['pending', 'current', 'approved', 'signed']),
  positionId: z.string(),
  positionName: z.string(),
  unitName: z.string(),
  holders: z.array(z.object({ userId: z.string(), name: z.string(), kind: z.enum(HOLDER_KINDS) })),
  actedBy: z.object({ id: z.string(), name: z.string(), as: z.enum(HOLDER_KINDS).nullable() }).nullable(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  note: z.string().nullable(),
});

const DocumentDetailSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    status: z.enum(DOCUMENT_STATUSES),
    hal: z.string(),
    sifat: z.enum(SIFAT),
    urgensi: z.enum(URGENSI),
    classificationCode: z.string(),
    lampiran: z.string(),
    draftKind: z.enum(DRAFT_KINDS),
    formData: z.record(z.string(), z.unknown()).nullable(),
    pdfMarks: PdfMarksSchema.nullable(),
    number: z.string().nullable(),
    documentDate: z.string().nullable(),
    numberingMode: z.enum(['before_drafting', 'at_signing']),
    signatureVisibility: z.enum(['visible', 'invisible']),
    type: z.object({ id: z.string(), code: z.string(), name: z.string(), shape: z.enum(PAGE_SHAPES), formKind: z.string().nullable() }),
    letterhead: z.object({ id: z.string(), name: z.string(), kind: z.enum(LETTERHEAD_KINDS) }).nullable(),
    issuingUnit: z.object({ id: z.string(), name: z.string(), code: z.string().nullable() }),
    drafter: z.object({ id: z.string(), name: z.string(), positionName: z.string().nullable() }),
    signerPosition: z.object({ id: z.string(), name: z.string() }),
    onBehalfOfPosition: z.object({ id: z.string(), name: z.string() }).nullable(),
    currentStepOrder: z.number().nullable(),
    steps: z.array(StepSchema),
    timings: z.array(
      z.object({
        label: z.enum(['draft', 'verify', 'sign', 'send']),
        stepOrder: z.number().nullable(),
        startedAt: z.date().nullable(),
        completedAt: z.date().nullable(),
        elapsedMinutes: z.number().nullable(),
        standardMinutes: z.number().nullable(),
        sopNos: z.array(z.number()).describe('Nomor langkah SOP yang menjadi dasar standar waktunya'),
        overdue: z.boolean(),
      }),
    ),
    recipients: z.array(
      z.object({
        id: z.string(),
        role: z.enum(RECIPIENT_ROLES),
        kind: z.enum(RECIPIENT_KINDS),
        label: z.string(),
        positionId: z.string().nullable(),
        unitId: z.string().nullable(),
        groupId: z.string().nullable(),
        externalName: z.string().nullable(),
        externalAddress: z.string().nullable(),
        externalEmail: z.string().nullable(),
      }),
    ),
    versions: z.array(
      z.object({
        id: z.string(),
        n: z.number(),
        kind: z.string(),
        sourceFileId: z.string(),
        sourceName: z.string(),
        pdfFileId: z.string().nullable(),
        conversionStatus: z.enum(['pending', 'running', 'done', 'failed', 'not_needed']),
        conversionError: z.string().nullable(),
        createdBy: z.object({ id: z.string(), name: z.string() }),
        createdAt: z.date(),
        note: z.string().nullable(),
        current: z.boolean(),
        converterStarting: z
          .object({
            kind: z.enum(['libreoffice', 'wasm']),
            phase: z.string().nullable(),
            progress: z.number().int().min(0).max(100).describe('Perkiraan kemajuan start-up, persen'),
            elapsedSeconds: z.number().nullable(),
            expectedSeconds: z.number(),
          })
          .nullable()
          .describe('Konversi versi ini menunggu konverter yang sedang dinyalakan (null: tidak menunggu)'),
      }),
    ),
    attachments: z.array(z.object({ id: z.string(), name: z.string(), fileId: z.string(), pages: z.number().nullable() })),
    events: z.array(
      z.object({
        at: z.date(),
        action: z.string(),
        actorName: z.string().nullable(),
        actedAs: z.string().nullable(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        stepOrder: z.number().nullable(),
        note: z.string().nullable(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    signed: z.object({ fileId: z.string(), signedAt: z.date().nullable(), signedAs: z.string().nullable(), verificationCode: z.string().nullable(), verificationUrl: z.string() }).nullable(),
    dispatches: z.array(
      z.object({
        id: z.string(),
        externalName: z.string(),
        externalEmail: z.string().nullable(),
        externalAddress: z.string().nullable(),
        role: z.enum(RECIPIENT_ROLES),
        status: z.enum(['awaiting', 'sent', 'failed', 'cancelled']),
        channel: z.string().nullable(),
        sentAt: z.date().nullable(),
        note: z.string().nullable(),
      }),
    ),
    me: z.object({
      access: z.enum(['full', 'final']).describe('full = termasuk riwayat penyusunan (konseptor, rantai, petugas arsip unit); final = naskah bertanda tangan, lampiran dan metadata (tujuan, tembusan)'),
      actions: z.array(z.enum(['submit', 'approve', 'edit_and_approve', 'return', 'sign', 'deliver', 'cancel'])),
      canEdit: z.boolean(),
      isRecordsOfficer: z.boolean(),
      canDispatch: z.boolean(),
      delivery: z.object({ id: z.string(), role: z.enum(RECIPIENT_ROLES), readAt: z.date().nullable() }).nullable(),
    }),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'DocumentDetail' });

const DocumentListItem = z
  .object({
    id: z.string(),
    hal: z.string(),
    number: z.string().nullable(),
    documentDate: z.string().nullable(),
    status: z.enum(DOCUMENT_STATUSES),
    sifat: z.enum(SIFAT),
    urgensi: z.enum(URGENSI),
    typeName: z.string(),
    unitName: z.string(),
    drafterName: z.string(),
    currentStepOrder: z.number().nullable(),
    updatedAt: z.date(),
    version: z.number(),
    lastReturn: z.object({ note: z.string().nullable(), byName: z.string().nullable(), at: z.date() }).nullable().describe('Alasan pengembalian terakhir (naskah dikembalikan)'),
  })
  .meta({ id: 'DocumentListItem' });

/** Fields and files of a multipart request; files are buffered (size limited by the multipart plugin). */
async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; files: Array<{ field: string; name: string; bytes: Buffer }> }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  const files: Array<{ field: string; name: string; bytes: Buffer }> = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') files.push({ field: part.fieldname, name: part.filename || 'berkas', bytes: await part.toBuffer() });
    else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}

function versionField(fields: Record<string, string>): number {
  const v = Number(fields.version);
  if (!Number.isInteger(v) || v < 1) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.version', message: 'Versi data wajib diisi' }] });
  return v;
}

function oneFile(files: Array<{ field: string; name: string; bytes: Buffer }>) {
  const f = files.find((x) => x.field === 'file') ?? files[0];
  if (!f || !f.bytes.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Berkas wajib dilampirkan' }] });
  return f;
}

export async function documentsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/document-types', { schema: { tags, summary: 'Jenis naskah', response: { 200: z.array(DocumentTypeSchema) } } }, async () =>
    ctx.database.db.select().from(documentTypes).where(eq(documentTypes.active, true)).orderBy(asc(documentTypes.sortOrder)),
  );

  app.patch(
    '/document-types/:id',
    {
      schema: {
        tags,
        summary: 'Ubah aturan SOP jenis naskah (admin): apakah konseptor boleh memverifikasi/menandatangani naskahnya sendiri',
        params: Id,
        body: z.object({ version: VersionField, selfApprovalAllowed: z.boolean() }),
        response: { 200: DocumentTypeSchema, ...errorResponses },
      },
    },
    async (req) => setDocumentTypePolicy(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/letterheads',
    {
      schema: {
        tags,
        summary: 'KOP; dengan unitId hanya yang boleh dipakai unit itu (SOP TTE Bupati, langkah 1)',
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.array(LetterheadSchema) },
      },
    },
    async (req) => listLetterheads(ctx.database.db, req.query.unitId ?? null),
  );

  app.get(
    '/templates/download',
    {
      schema: {
        tags,
        summary: 'Unduh templat .docx untuk jenis naskah × KOP (dibuat otomatis bila belum ada)',
        querystring: z.object({ documentTypeId: z.uuid(), letterheadId: z.uuid(), paper: z.enum(PAPER_SIZES).default('A4') }),
      },
    },
    async (req, reply) => {
      const t = await templateForDownload(ctx, req.query);
      return reply
        .type(t.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(t.name)}`)
        .send(t.bytes);
    },
  );

  app.post(
    '/templates',
    {
      schema: {
        tags,
        summary: 'Unggah templat .docx sendiri (admin); ditolak bila isian wajib tidak lengkap',
        description: 'multipart: documentTypeId, letterheadId, paper (A4|F4), file',
        response: { 201: z.object({ id: z.string(), placeholders: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { fields, files } = await readMultipart(req);
      const parsed = z.object({ documentTypeId: z.uuid(), letterheadId: z.uuid(), paper: z.enum(PAPER_SIZES).default('A4') }).safeParse(fields);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', { fields: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })) });
      const file = oneFile(files);
      const row = await uploadTemplate(ctx, actorOf(req), { ...parsed.data, bytes: file.bytes, fileName: file.name });
      return reply.code(201).send({ id: row.id, placeholders: row.placeholders });
    },
  );

  app.get(
    '/recipient-groups',
    {
      schema: {
        tags,
        summary: 'Grup tujuan',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              description: z.string().nullable(),
              members: z.array(z.object({ kind: z.enum(['position', 'unit', 'external']), positionId: z.string().nullable(), unitId: z.string().nullable(), externalName: z.string().nullable(), externalEmail: z.string().nullable() })),
            }),
          ),
        },
      },
    },
    async () => {
      const groups = await ctx.database.db.select().from(recipientGroups).where(eq(recipientGroups.active, true)).orderBy(asc(recipientGroups.name));
      const members = await ctx.database.db.select().from(recipientGroupMembers).orderBy(asc(recipientGroupMembers.sortOrder));
      return groups.map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        members: members.filter((m) => m.groupId === g.id).map((m) => ({ kind: m.kind, positionId: m.positionId, unitId: m.unitId, externalName: m.externalName, externalEmail: m.externalEmail })),
      }));
    },
  );

  app.post(
    '/recipient-groups',
    {
      schema: {
        tags,
        summary: 'Buat grup tujuan (admin atau petugas arsip)',
        body: z.object({
          name: z.string().trim().min(3).max(200),
          description: z.string().max(500).nullish(),
          members: z
            .array(z.object({ kind: z.enum(['position', 'unit', 'external']), positionId: z.uuid().nullish(), unitId: z.uuid().nullish(), externalName: z.string().max(300).nullish(), externalAddress: z.string().max(500).nullish(), externalEmail: z.string().max(200).nullish() }))
            .min(1)
            .max(500),
        }),
        response: { 201: z.object({ id: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { id } = await createRecipientGroup(ctx, actorOf(req), req.body);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/workflow/suggest-chain',
    {
      schema: {
        tags,
        summary: 'Usulan urutan verifikator dari hierarki jabatan antara konseptor dan penandatangan',
        querystring: z.object({ signerPositionId: z.uuid(), drafterPositionId: z.uuid().optional() }),
        response: {
          200: z.object({
            verifierPositionIds: z.array(z.string()),
            signerInLine: z.boolean(),
            positions: z.array(z.object({ id: z.string(), name: z.string(), unitName: z.string(), holders: z.array(z.object({ userId: z.string(), name: z.string(), kind: z.enum(HOLDER_KINDS) })) })).describe('Verifikator lalu penandatangan, dengan pemangku hari ini'),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const view = await actorView(ctx, ctx.database.db, actorOf(req));
      const drafterPositionId = req.query.drafterPositionId ?? view.held[0]?.positionId;
      if (!drafterPositionId) throw new AppError('FORBIDDEN', { reason: 'no_position' });
      const suggestion = await suggestChain(ctx.database.db, drafterPositionId, req.query.signerPositionId);
      const ids = [...suggestion.verifierPositionIds, req.query.signerPositionId];
      const rows = await ctx.database.db.select({ id: positions.id, name: positions.name, unitName: units.name }).from(positions).innerJoin(units, eq(units.id, positions.unitId)).where(inArray(positions.id, ids));
      const holders = await holdersOf(ctx.database.db, ids, view.today);
      return {
        ...suggestion,
        positions: ids.flatMap((id) => {
          const r = rows.find((x) => x.id === id);
          return r ? [{ ...r, holders: (holders.get(id) ?? []).map((h) => ({ userId: h.userId, name: h.name, kind: h.kind })) }] : [];
        }),
      };
    },
  );

  app.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'Daftar naskah per kotak: drafts (konsep), in_progress, to_verify, to_sign, outgoing (keluar), all',
        querystring: Page.extend({ box: z.enum(BOXES).default('drafts'), q: z.string().max(200).optional(), status: z.enum(DOCUMENT_STATUSES).optional() }),
        response: { 200: z.object({ total: z.number(), items: z.array(DocumentListItem) }) },
      },
    },
    async (req) => listDocuments(ctx, actorOf(req), req.query),
  );

  app.post(
    '/documents',
    { schema: { tags, summary: 'Registrasi naskah keluar (metadata, tujuan, verifikator, penandatangan)', body: RegisterBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await registerDocument(ctx, actorOf(req), req.body)),
  );

  app.get(
    '/documents/:id',
    { schema: { tags, summary: 'Halaman naskah: data, rantai, waktu vs standar SOP, versi, lini masa, tindakan tersedia', params: Id, response: { 200: DocumentDetailSchema, 404: ErrorBody } } },
    async (req) => getDocumentDetail(ctx, actorOf(req), req.params.id),
  );

  app.patch(
    '/documents/:id',
    {
      schema: {
        tags,
        summary: 'Ubah data naskah selama konsep/dikembalikan (termasuk isi formulir, dan tanda letak nomor/tanggal/TTE pada PDF)',
        params: Id,
        // A partial update: no defaults here (a default would overwrite what was not sent).
        body: UpdateBody,
        response: { 204: z.undefined(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await updateDraft(ctx, actorOf(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/documents/:id/versions',
    { schema: { tags, summary: 'Unggah versi baru konsep (.docx atau PDF): multipart file, version, note', params: Id, response: { 201: z.object({ id: z.string(), n: z.number(), version: z.number().describe('Versi naskah sesudah unggahan (untuk perubahan berikutnya)') }), ...errorResponses } } },
    async (req, reply) => {
      const { fields, files } = await readMultipart(req);
      const f = oneFile(files);
      const row = await uploadDraftVersion(ctx, actorOf(req), req.params.id, { bytes: f.bytes, fileName: f.name, version: versionField(fields), note: fields.note ?? null });
      return reply.code(201).send({ id: row.id, n: row.n, version: row.documentVersion });
    },
  );

  app.post(
    '/documents/:id/attachments',
    { schema: { tags, summary: 'Tambah lampiran PDF: multipart file, version', params: Id, response: { 201: z.object({ id: z.string(), version: z.number().describe('Versi naskah sesudah unggahan') }), ...errorResponses } } },
    async (req, reply) => {
      const { fields, files } = await readMultipart(req);
      const f = oneFile(files);
      const row = await addAttachment(ctx, actorOf(req), req.params.id, { bytes: f.bytes, name: f.name, version: versionField(fields) });
      return reply.code(201).send({ id: row.id, version: row.documentVersion });
    },
  );

  app.delete(
    '/documents/:id/attachments/:attachmentId',
    {
      schema: { tags, summary: 'Hapus lampiran', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }), querystring: z.object({ version: z.coerce.number().int().positive() }), response: { 204: z.undefined(), ...errorResponses } },
    },
    async (req, reply) => {
      await removeAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId, req.query.version);
      return reply.code(204).send();
    },
  );

  // Actions answer with the new state; the page reloads the full detail (GET) when it needs it.
  const ActionResult = z
    .object({ id: z.string(), version: z.number(), status: z.enum(DOCUMENT_STATUSES), currentStepOrder: z.number().nullable(), number: z.string().nullable() })
    .meta({ id: 'DocumentActionResult' });
  const Detail = { 200: ActionResult, ...errorResponses };
  const result = (d: { id: string; version: number; status: (typeof DOCUMENT_STATUSES)[number]; currentStepOrder: number | null; number: string | null }) => ({
    id: d.id,
    version: d.version,
    status: d.status,
    currentStepOrder: d.currentStepOrder,
    number: d.number,
  });

  app.post(
    '/documents/:id/submit',
    { schema: { tags, summary: 'Kirim ke verifikator pertama (setelah meninjau PDF)', params: Id, body: z.object({ version: VersionField, note: z.string().max(2000).nullish() }), response: Detail } },
    async (req) => {
      return result(await submitDocument(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.post(
    '/documents/:id/approve',
    { schema: { tags, summary: 'Setujui (paraf) pada langkah verifikasi Anda', params: Id, body: z.object({ version: VersionField, note: z.string().max(2000).nullish() }), response: Detail } },
    async (req) => {
      return result(await approveDocument(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.post(
    '/documents/:id/edit-and-approve',
    { schema: { tags, summary: 'Verifikator memperbaiki sendiri lalu menyetujui: multipart file, version, note', params: Id, response: Detail } },
    async (req) => {
      const { fields, files } = await readMultipart(req);
      const f = oneFile(files);
      return result(await editAndApproveDocument(ctx, actorOf(req), req.params.id, { bytes: f.bytes, fileName: f.name, version: versionField(fields), note: fields.note ?? null }));
    },
  );

  app.post(
    '/documents/:id/return',
    {
      schema: {
        tags,
        summary: 'Kembalikan untuk perbaikan, dengan alasan, ke konseptor atau verifikator sebelumnya',
        params: Id,
        body: z.object({ version: VersionField, reason: z.string().trim().min(3, 'Alasan pengembalian wajib diisi').max(2000), to: z.union([z.literal('drafter'), z.number().int().min(1)]).default('drafter') }),
        response: Detail,
      },
    },
    async (req) => {
      return result(await returnDocument(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.post(
    '/documents/:id/sign',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Tandatangani secara elektronik (TTE) dengan passphrase; nomor dan tanggal ditetapkan; naskah langsung terkirim ke penerima internal',
        params: Id,
        body: z.object({ version: VersionField, passphrase: z.string().min(1).max(200) }),
        response: { ...Detail, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => {
      return result(await signDocument(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.post(
    '/documents/sign-bulk',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'TTE massal: satu passphrase untuk banyak naskah; pantau kemajuan di /sign-batches/{id}',
        body: z.object({ items: z.array(z.object({ id: z.uuid(), version: VersionField })).min(1).max(200), passphrase: z.string().min(1).max(200) }),
        response: { 202: z.object({ batchId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { batchId } = await startBulkSign(ctx, actorOf(req), req.body);
      return reply.code(202).send({ batchId });
    },
  );

  const BatchSummary = z.object({
    id: z.string(),
    total: z.number(),
    signed: z.number(),
    failed: z.number(),
    interrupted: z.number().describe('Naskah yang belum ditandatangani karena proses terhenti (server dimulai ulang)'),
    resumable: z.number().describe('Naskah yang dapat dilanjutkan dengan passphrase (belum ditandatangani)'),
    finished: z.boolean(),
    createdAt: z.string(),
  });
  const BatchItem = z.object({ documentId: z.string(), status: z.enum(['pending', 'signed', 'failed']), errorCode: z.string().nullable(), errorMessage: z.string().nullable(), hal: z.string(), number: z.string().nullable() });

  app.get(
    '/sign-batches',
    { schema: { tags, summary: 'TTE massal saya (7 hari terakhir, terbaru dahulu)', response: { 200: z.object({ items: z.array(BatchSummary) }), ...errorResponses } } },
    async (req) => ({ items: await listSignBatches(ctx, actorOf(req)) }),
  );

  app.get(
    '/sign-batches/:id',
    { schema: { tags, summary: 'Kemajuan TTE massal', params: Id, response: { 200: BatchSummary.extend({ items: z.array(BatchItem) }), 404: ErrorBody } } },
    async (req) => getSignBatch(ctx, actorOf(req), req.params.id),
  );

  app.post(
    '/sign-batches/:id/resume',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Lanjutkan TTE massal yang terhenti: naskah yang belum ditandatangani diproses lagi (versi yang sama) dengan passphrase',
        params: Id,
        body: z.object({ passphrase: z.string().min(1).max(200) }),
        response: { 202: z.object({ batchId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { batchId } = await resumeBulkSign(ctx, actorOf(req), req.params.id, req.body);
      return reply.code(202).send({ batchId });
    },
  );

  app.post(
    '/documents/:id/cancel',
    { schema: { tags, summary: 'Batalkan naskah (konseptor, sebelum TTE); nomor yang sudah diambil dicatat batal', params: Id, body: z.object({ version: VersionField, reason: z.string().trim().min(3).max(2000) }), response: Detail } },
    async (req) => {
      return result(await cancelDocument(ctx, actorOf(req), req.params.id, req.body));
    },
  );

  app.post(
    '/documents/:id/read',
    { schema: { tags, summary: 'Tandai naskah masuk sudah dibaca', params: Id, response: { 204: z.undefined(), ...errorResponses } } },
    async (req, reply) => {
      await markDeliveryRead(ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/documents/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Unduh/lihat berkas naskah (versi, PDF, lampiran, PDF bertanda tangan)',
        params: z.object({ id: z.uuid(), fileId: z.uuid() }),
        querystring: z.object({ download: z.enum(['1', '0']).optional() }),
      },
    },
    async (req, reply) => {
      const view = await actorView(ctx, ctx.database.db, actorOf(req));
      const [doc] = await ctx.database.db.select().from(documents).where(eq(documents.id, req.params.id));
      if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id: req.params.id });
      const access = await assertCanView(ctx.database.db, view, doc, await loadSteps(ctx.database.db, doc.id));
      if (!(await documentFileIds(ctx, doc.id, access)).has(req.params.fileId)) throw new AppError('NOT_FOUND', { entity: 'file' });
      return sendStoredFile(ctx, req, reply, await getFileRow(ctx.database.db, req.params.fileId), { download: req.query.download === '1' });
    },
  );

  app.get(
    '/inbox',
    {
      schema: {
        tags: ['naskah masuk'],
        summary: 'Naskah masuk (tujuan dan tembusan) untuk jabatan yang Anda pangku',
        querystring: Page.extend({ unread: z.enum(['true', 'false']).optional(), q: z.string().max(200).optional().describe('Cari di hal atau nomor') }),
        response: {
          200: z.object({
            total: z.number(),
            unread: z.number(),
            items: z.array(
              z.object({
                deliveryId: z.string(),
                role: z.enum(RECIPIENT_ROLES),
                deliveredAt: z.date(),
                readAt: z.date().nullable(),
                document: z.object({ id: z.string(), hal: z.string(), number: z.string().nullable(), documentDate: z.string().nullable(), sifat: z.enum(SIFAT), urgensi: z.enum(URGENSI), signedAs: z.string().nullable(), unitName: z.string(), typeName: z.string() }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => listInbox(ctx, actorOf(req), { page: req.query.page, pageSize: req.query.pageSize, unread: req.query.unread === 'true', q: req.query.q }),
  );

  app.get(
    '/outbox',
    {
      schema: {
        tags: ['naskah keluar'],
        summary: 'Naskah keluar menunggu dikirim ke tujuan eksternal (petugas arsip)',
        querystring: Page.extend({ status: z.enum(['awaiting', 'sent', 'failed', 'cancelled']).optional() }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                status: z.enum(['awaiting', 'sent', 'failed', 'cancelled']),
                channel: z.string().nullable(),
                externalName: z.string(),
                externalAddress: z.string().nullable(),
                externalEmail: z.string().nullable(),
                role: z.enum(RECIPIENT_ROLES),
                createdAt: z.date(),
                sentAt: z.date().nullable(),
                documentId: z.string(),
                hal: z.string(),
                number: z.string().nullable(),
                unitName: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => listOutbox(ctx, actorOf(req), req.query),
  );

  app.post(
    '/dispatches/:id/send',
    {
      schema: {
        tags: ['naskah keluar'],
        summary: 'Kirim ke tujuan eksternal: e-mail (PDF terlampir) atau catat pengiriman pos/lainnya',
        params: Id,
        body: z.object({ channel: z.enum(['email', 'post', 'courier', 'other']), note: z.string().max(1000).nullish(), receiptNumber: z.string().trim().max(100).nullish() }),
        response: { 200: z.object({ id: z.string(), status: z.enum(['awaiting', 'sent', 'failed', 'cancelled']), channel: z.string().nullable() }), ...errorResponses },
      },
    },
    async (req) => {
      const d = await sendDispatch(ctx, actorOf(req), req.params.id, req.body);
      return { id: d.id, status: d.status, channel: d.channel };
    },
  );
}
