// Registration of an outgoing document (seed 000 step 3, seed 002 step 3, seed 003 step 2):
// type, letterhead, metadata, recipients, the verifier chain and the signer. The draft file
// comes with it (form route) or right after (upload of the edited .docx or a finished PDF).
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf } from '../org/positions.js';
import { positions, units } from '../org/schema.js';
import { actorView, assertDrafter, checkVersion, loadSteps, lockDocument, type ActorView } from './access.js';
import { assertClassificationUsable, attachReservedNumber, getNumberingMode, renderFormDraft } from './deps.js';
import { recordDocumentEvent } from './transition.js';
import { assertChainAllowed } from './chainPolicy.js';
import { getDocumentType, getLetterhead, listLetterheads, templateForDownload } from '../catalog/templates.js';
import { addVersion, reconvertCurrentVersion } from './uploadVersion.js';
import { documentRecipients, documents, documentSteps, type DraftKind, type PdfMarks, type RecipientKind, type RecipientRole, type Sifat, type Urgensi } from './schema.js';
import { recipientGroups, type PaperSize } from '../catalog/schema.js';
import { readFileBytes } from '../files/storeFile.js';

export interface RecipientInput {
  role: RecipientRole;
  kind: RecipientKind;
  positionId?: string | null | undefined;
  unitId?: string | null | undefined;
  groupId?: string | null | undefined;
  externalName?: string | null | undefined;
  externalAddress?: string | null | undefined;
  externalEmail?: string | null | undefined;
}

export interface RegisterInput {
  documentTypeId: string;
  letterheadId?: string | null | undefined;
  paper?: PaperSize | undefined;
  issuingUnitId?: string | null | undefined;
  drafterPositionId?: string | null | undefined;
  draftKind: DraftKind;
  hal: string;
  sifat: Sifat;
  urgensi: Urgensi;
  classificationCode: string;
  lampiran?: string | undefined;
  recipients: RecipientInput[];
  verifierPositionIds: string[];
  signerPositionId: string;
  onBehalfOfPositionId?: string | null | undefined;
  signatureVisibility?: 'visible' | 'invisible' | undefined;
  /** A number reserved by the records officer (units numbering before drafting). */
  numberEntryId?: string | null | undefined;
  /** Form route: the fields of the in-app form (rendered into the template). */
  form?: Record<string, unknown> | undefined;
}

/** Validate and normalise recipients; unknown ids and incomplete externals are field errors. */
export async function validateRecipients(db: Db, recipients: RecipientInput[]): Promise<RecipientInput[]> {
  const fields: Array<{ path: string; message: string }> = [];
  const posIds = recipients.filter((r) => r.kind === 'position').map((r) => r.positionId ?? '');
  const unitIds = recipients.filter((r) => r.kind === 'unit').map((r) => r.unitId ?? '');
  const groupIds = recipients.filter((r) => r.kind === 'group').map((r) => r.groupId ?? '');
  const uuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);
  const knownPos = new Set(posIds.filter(uuid).length ? (await db.select({ id: positions.id }).from(positions).where(inArray(positions.id, posIds.filter(uuid)))).map((r) => r.id) : []);
  const knownUnits = new Set(unitIds.filter(uuid).length ? (await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds.filter(uuid)))).map((r) => r.id) : []);
  const knownGroups = new Set(groupIds.filter(uuid).length ? (await db.select({ id: recipientGroups.id }).from(recipientGroups).where(inArray(recipientGroups.id, groupIds.filter(uuid)))).map((r) => r.id) : []);
  const out: RecipientInput[] = [];
  recipients.forEach((r, i) => {
    const p = `body.recipients.${i}`;
    if (r.kind === 'position' && !knownPos.has(r.positionId ?? '')) fields.push({ path: `${p}.positionId`, message: 'Jabatan tujuan tidak ditemukan' });
    if (r.kind === 'unit' && !knownUnits.has(r.unitId ?? '')) fields.push({ path: `${p}.unitId`, message: 'Unit tujuan tidak ditemukan' });
    if (r.kind === 'group' && !knownGroups.has(r.groupId ?? '')) fields.push({ path: `${p}.groupId`, message: 'Grup tujuan tidak ditemukan' });
    if (r.kind === 'external' && !r.externalName?.trim()) fields.push({ path: `${p}.externalName`, message: 'Nama tujuan eksternal wajib diisi' });
    if (r.kind === 'external' && r.externalEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.externalEmail)) fields.push({ path: `${p}.externalEmail`, message: 'Alamat e-mail tidak valid' });
    out.push({
      role: r.role,
      kind: r.kind,
      positionId: r.kind === 'position' ? r.positionId : null,
      unitId: r.kind === 'unit' ? r.unitId : null,
      groupId: r.kind === 'group' ? r.groupId : null,
      externalName: r.kind === 'external' ? r.externalName?.trim() : null,
      externalAddress: r.kind === 'external' ? (r.externalAddress?.trim() ?? null) : null,
      externalEmail: r.kind === 'external' ? (r.externalEmail?.trim() ?? null) : null,
    });
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  return out;
}

/** Positions must exist and be active; the chain must not repeat a position or contain the signer. */
export async function validateChain(db: Db, verifierPositionIds: string[], signerPositionId: string, onBehalfOfPositionId?: string | null): Promise<void> {
  const all = [...verifierPositionIds, signerPositionId, ...(onBehalfOfPositionId ? [onBehalfOfPositionId] : [])];
  if (!all.every((id) => /^[0-9a-f-]{36}$/i.test(id))) throw new AppError('DOCUMENT_CHAIN_INVALID', { reason: 'invalid_id' });
  const rows = await db.select({ id: positions.id, active: positions.active }).from(positions).where(inArray(positions.id, all));
  const active = new Set(rows.filter((r) => r.active).map((r) => r.id));
  const missing = all.filter((id) => !active.has(id));
  if (missing.length) throw new AppError('DOCUMENT_CHAIN_INVALID', { reason: 'unknown_position', positionIds: missing });
  if (new Set(verifierPositionIds).size !== verifierPositionIds.length || verifierPositionIds.includes(signerPositionId)) {
    throw new AppError('DOCUMENT_CHAIN_INVALID', { reason: 'duplicate_position' }, { id: 'Satu jabatan hanya boleh muncul sekali dalam rantai verifikasi, dan penandatangan tidak boleh menjadi verifikator.' });
  }
}

export function chainOf(verifierPositionIds: string[], signerPositionId: string): Array<{ positionId: string; kind: 'verify' | 'sign' }> {
  return [...verifierPositionIds.map((positionId) => ({ positionId, kind: 'verify' as const })), { positionId: signerPositionId, kind: 'sign' as const }];
}

/** The Perangkat Daerah (depth-1 unit) containing a unit, used as the default register. */
async function defaultIssuingUnit(db: Db, unitId: string): Promise<string> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  const ids = (u?.path ?? '').split('/').filter(Boolean);
  const chain = ids.length ? await db.select({ id: units.id, code: units.code, depth: units.depth }).from(units).where(inArray(units.id, ids)) : [];
  // Nearest ancestor with a code at PD level or below, preferring the PD itself.
  const pd = chain.find((c) => c.depth === 1 && c.code);
  const nearest = [...chain].sort((a, b) => b.depth - a.depth).find((c) => c.code);
  const pick = pd ?? nearest;
  if (!pick) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.issuingUnitId', message: 'Unit Anda belum memiliki kode unit untuk penomoran; hubungi admin' }] });
  return pick.id;
}

export async function registerDocument(ctx: AppContext, actor: Actor, input: RegisterInput): Promise<{ id: string }> {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const drafterPosition = input.drafterPositionId ? view.held.find((h) => h.positionId === input.drafterPositionId) : view.held[0];
  if (!drafterPosition) throw new AppError('FORBIDDEN', { reason: 'no_position' }, { id: 'Anda belum memangku jabatan di unit mana pun; hubungi admin.' });
  if (!hasRole(view, 'drafter', drafterPosition.unitPath)) throw new AppError('FORBIDDEN', { requiredRole: 'drafter' });

  const type = await getDocumentType(db, input.documentTypeId);
  if (input.draftKind === 'form' && !type.formKind) throw new AppError('DOCUMENT_FORM_NOT_SUPPORTED', { type: type.code });
  if (input.draftKind !== 'pdf' && !input.letterheadId) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.letterheadId', message: 'Pilih KOP naskah' }] });
  }
  if (input.letterheadId) {
    await getLetterhead(db, input.letterheadId);
    const usable = await listLetterheads(db, drafterPosition.unitId);
    if (!usable.some((l) => l.id === input.letterheadId)) throw new AppError('DOCUMENT_LETTERHEAD_NOT_ALLOWED');
  }
  await assertClassificationUsable(db, input.classificationCode);
  const recipients = await validateRecipients(db, input.recipients);
  await validateChain(db, input.verifierPositionIds, input.signerPositionId, input.onBehalfOfPositionId);
  await assertChainAllowed(db, { drafterUserId: view.userId, documentTypeId: type.id, today: view.today, chain: chainOf(input.verifierPositionIds, input.signerPositionId) });
  const signerHolders = (await holdersOf(db, [input.signerPositionId], view.today)).get(input.signerPositionId) ?? [];
  if (!signerHolders.length) throw new AppError('DOCUMENT_SIGNER_INVALID', { reason: 'vacant' });

  const issuingUnitId = input.issuingUnitId ?? (await defaultIssuingUnit(db, drafterPosition.unitId));
  const [issuing] = await db.select({ path: units.path, code: units.code }).from(units).where(eq(units.id, issuingUnitId));
  if (!issuing?.code) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.issuingUnitId', message: 'Unit penerbit harus memiliki kode unit' }] });
  if (!drafterPosition.unitPath.startsWith(issuing.path)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.issuingUnitId', message: 'Unit penerbit harus unit Anda atau unit induknya' }] });
  }
  const numberingMode = await getNumberingMode(db, issuingUnitId);
  if (numberingMode === 'before_drafting' && !input.numberEntryId) throw new AppError('DOCUMENT_NUMBER_REQUIRED');

  // Form route: render the template with the form before opening the transaction.
  let formDocx: Buffer | undefined;
  const paper = input.paper ?? 'A4';
  if (input.draftKind === 'form') {
    const { bytes } = await templateForDownload(ctx, { documentTypeId: type.id, letterheadId: input.letterheadId!, paper });
    formDocx = renderFormDraft(bytes, { kind: type.formKind!, ...(input.form ?? {}) } as Parameters<typeof renderFormDraft>[1]);
  }

  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const [doc] = await tx.db
      .insert(documents)
      .values({
        documentTypeId: type.id,
        letterheadId: input.letterheadId ?? null,
        issuingUnitId,
        drafterUserId: view.userId,
        drafterPositionId: drafterPosition.positionId,
        hal: input.hal.trim(),
        sifat: input.sifat,
        urgensi: input.urgensi,
        classificationCode: input.classificationCode,
        lampiran: input.lampiran?.trim() || '-',
        draftKind: input.draftKind,
        formData: input.form ?? null,
        signerPositionId: input.signerPositionId,
        onBehalfOfPositionId: input.onBehalfOfPositionId ?? null,
        signatureVisibility: input.signatureVisibility ?? 'visible',
        numberingMode,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const id = doc!.id;
    if (recipients.length) {
      await tx.db.insert(documentRecipients).values(recipients.map((r, i) => ({ documentId: id, role: r.role, kind: r.kind, positionId: r.positionId ?? null, unitId: r.unitId ?? null, groupId: r.groupId ?? null, externalName: r.externalName ?? null, externalAddress: r.externalAddress ?? null, externalEmail: r.externalEmail ?? null, sortOrder: i })));
    }
    await tx.db.insert(documentSteps).values([
      ...input.verifierPositionIds.map((positionId, i) => ({ documentId: id, order: i + 1, kind: 'verify' as const, positionId })),
      { documentId: id, order: input.verifierPositionIds.length + 1, kind: 'sign' as const, positionId: input.signerPositionId },
    ]);
    if (input.numberEntryId) {
      const { number, date } = await attachReservedNumber(tx, { entryId: input.numberEntryId, documentId: id, unitId: issuingUnitId, actorUserId: view.userId, at: now });
      await tx.db.update(documents).set({ numberEntryId: input.numberEntryId, number, documentDate: date }).where(eq(documents.id, id));
    }
    await recordDocumentEvent(tx.db, { documentId: id, at: now, actorUserId: view.userId, action: 'created', status: 'draft', data: { draftKind: input.draftKind }, audit: { type: type.code, hal: input.hal }, ip: view.ip });
    if (formDocx) {
      await addVersion(ctx, tx, { documentId: id, bytes: formDocx, fileName: `${type.name} - konsep.docx`, kind: 'form', format: 'docx', createdBy: view.userId, note: null });
    }
    return { id };
  });
}

/** Metadata edits while the document is a draft or returned (recipients, chain, hal …). */
export type UpdateInput = Partial<Omit<RegisterInput, 'draftKind' | 'documentTypeId' | 'numberEntryId'>> & { version: number; pdfMarks?: PdfMarks | null | undefined };

export async function updateDraft(ctx: AppContext, actor: Actor, id: string, input: UpdateInput): Promise<void> {
  const { db } = ctx.database;
  const view: ActorView = await actorView(ctx, db, actor);
  if (input.classificationCode) await assertClassificationUsable(db, input.classificationCode);
  const recipients = input.recipients ? await validateRecipients(db, input.recipients) : undefined;
  // Form drafts are revised by editing the form: render a new version from the template.
  let formDocx: Buffer | undefined;
  if (input.form) {
    const [pre] = await db.select().from(documents).where(eq(documents.id, id));
    if (!pre) throw new AppError('DOCUMENT_NOT_FOUND', { id });
    if (pre.draftKind !== 'form' || !pre.letterheadId) throw new AppError('DOCUMENT_FORM_NOT_SUPPORTED');
    const type = await getDocumentType(db, pre.documentTypeId);
    const { bytes } = await templateForDownload(ctx, { documentTypeId: type.id, letterheadId: pre.letterheadId, paper: input.paper ?? 'A4' });
    formDocx = renderFormDraft(bytes, { kind: type.formKind!, ...input.form } as Parameters<typeof renderFormDraft>[1]);
  }
  await inTransaction(ctx.database, async (tx) => {
    const { doc } = await lockDocument(tx.db, id, view);
    assertDrafter(view, doc);
    checkVersion(doc, input.version);
    if (doc.status !== 'draft' && doc.status !== 'returned') throw new AppError('DOCUMENT_NOT_EDITABLE');
    const signer = input.signerPositionId ?? doc.signerPositionId;
    if (input.verifierPositionIds || input.signerPositionId || input.onBehalfOfPositionId !== undefined) {
      const current = await loadSteps(tx.db, id);
      const verifiers = input.verifierPositionIds ?? current.filter((s) => s.kind === 'verify').map((s) => s.positionId);
      await validateChain(tx.db, verifiers, signer, input.onBehalfOfPositionId ?? doc.onBehalfOfPositionId);
      await assertChainAllowed(tx.db, { drafterUserId: doc.drafterUserId, documentTypeId: doc.documentTypeId, today: view.today, chain: chainOf(verifiers, signer) });
      await tx.db.delete(documentSteps).where(eq(documentSteps.documentId, id));
      await tx.db.insert(documentSteps).values([
        ...verifiers.map((positionId, i) => ({ documentId: id, order: i + 1, kind: 'verify' as const, positionId })),
        { documentId: id, order: verifiers.length + 1, kind: 'sign' as const, positionId: signer },
      ]);
    }
    if (recipients) {
      await tx.db.delete(documentRecipients).where(eq(documentRecipients.documentId, id));
      if (recipients.length) {
        await tx.db.insert(documentRecipients).values(recipients.map((r, i) => ({ documentId: id, role: r.role, kind: r.kind, positionId: r.positionId ?? null, unitId: r.unitId ?? null, groupId: r.groupId ?? null, externalName: r.externalName ?? null, externalAddress: r.externalAddress ?? null, externalEmail: r.externalEmail ?? null, sortOrder: i })));
      }
    }
    await tx.db
      .update(documents)
      .set({
        ...(input.hal !== undefined ? { hal: input.hal.trim() } : {}),
        ...(input.sifat !== undefined ? { sifat: input.sifat } : {}),
        ...(input.urgensi !== undefined ? { urgensi: input.urgensi } : {}),
        ...(input.classificationCode !== undefined ? { classificationCode: input.classificationCode } : {}),
        ...(input.lampiran !== undefined ? { lampiran: input.lampiran.trim() || '-' } : {}),
        ...(input.signerPositionId !== undefined ? { signerPositionId: input.signerPositionId } : {}),
        ...(input.onBehalfOfPositionId !== undefined ? { onBehalfOfPositionId: input.onBehalfOfPositionId } : {}),
        ...(input.signatureVisibility !== undefined ? { signatureVisibility: input.signatureVisibility } : {}),
        ...(input.pdfMarks !== undefined ? { pdfMarks: input.pdfMarks } : {}),
        ...(input.form !== undefined ? { formData: input.form } : {}),
        version: doc.version + 1,
        updatedAt: ctx.now(),
      })
      .where(and(eq(documents.id, id)));
    if (formDocx) {
      await addVersion(ctx, tx, { documentId: id, bytes: formDocx, fileName: 'konsep-formulir.docx', kind: 'form', format: 'docx', createdBy: view.userId, note: null });
    } else {
      // The preview shows hal, tujuan, tembusan …: render it again.
      await reconvertCurrentVersion(ctx, tx, doc);
    }
    await recordDocumentEvent(tx.db, { documentId: id, at: ctx.now(), actorUserId: view.userId, action: 'metadata_updated', status: doc.status, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
}
