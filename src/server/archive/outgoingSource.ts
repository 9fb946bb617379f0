// The index row of an outgoing document (naskah keluar), live: who may see it follows
// documents/access.ts exactly (drafter, chain positions and actors, recipients, records officers
// over the issuing unit — not for a secret document before signing — and the administrator).
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { archiveRecords, classificationCodes, type RecordFile } from './schema.js';
import { declareRecord } from './declareRecord.js';
import { auditEvents } from '../audit/schema.js';
import { files } from '../files/schema.js';
import { documentAttachments, documentEvents, documentSteps, documents, documentVersions } from '../outgoing/schema.js';
import { documentDeliveries } from '../correspondence/schema.js';
import { documentTypes } from '../catalog/schema.js';
import { loadRecipients, recipientLabels } from '../outgoing/recipientNames.js';
import { readFileBytes } from '../files/storeFile.js';
import { units } from '../org/schema.js';
import { extractPdfText } from '../pdf/extractPdfText.js';
import { indexEntry, isSecret, readersFor, removeEntry, stricterClass, type SearchEntryInput } from '../search/index.js';

async function pdfTextOf(ctx: AppContext, db: Db, fileId: string | null | undefined): Promise<string> {
  if (!fileId) return '';
  try {
    const { bytes } = await readFileBytes(ctx, db, fileId);
    return await extractPdfText(bytes);
  } catch {
    return '';
  }
}

/** Everything the index needs about one outgoing document, or null when it is gone. */
export async function outgoingEntry(ctx: AppContext, db: Db, documentId: string): Promise<SearchEntryInput | null> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return null;
  const [type] = await db.select({ code: documentTypes.code, name: documentTypes.name }).from(documentTypes).where(eq(documentTypes.id, doc.documentTypeId));
  const [cls] = await db.select({ name: classificationCodes.name, accessClass: classificationCodes.accessClass }).from(classificationCodes).where(eq(classificationCodes.code, doc.classificationCode));
  const [unit] = await db.select({ path: units.path, name: units.name }).from(units).where(eq(units.id, doc.issuingUnitId));
  const steps = await db.select({ positionId: documentSteps.positionId, actedBy: documentSteps.actedByUserId }).from(documentSteps).where(eq(documentSteps.documentId, doc.id));
  const deliveries = await db.select({ positionId: documentDeliveries.recipientPositionId }).from(documentDeliveries).where(eq(documentDeliveries.documentId, doc.id));
  const labels = await recipientLabels(db, await loadRecipients(db, doc.id));
  const signedOrSent = doc.status === 'signed' || doc.status === 'delivered';
  let pdfFileId = doc.signedFileId;
  if (!pdfFileId && doc.currentVersionId) {
    const [v] = await db.select({ pdf: documentVersions.pdfFileId }).from(documentVersions).where(eq(documentVersions.id, doc.currentVersionId));
    pdfFileId = v?.pdf ?? null;
  }
  const lampiran = await db.select({ fileId: documentAttachments.fileId }).from(documentAttachments).where(eq(documentAttachments.documentId, doc.id));
  const texts = [await pdfTextOf(ctx, db, pdfFileId)];
  for (const l of lampiran.slice(0, 10)) texts.push(await pdfTextOf(ctx, db, l.fileId));
  const accessClass = stricterClass(doc.sifat, cls?.accessClass);
  return {
    kind: 'outgoing',
    sourceId: doc.id,
    unitId: doc.issuingUnitId,
    unitPath: unit?.path ?? null,
    classificationCode: doc.classificationCode,
    classificationName: cls?.name ?? null,
    sifat: doc.sifat,
    accessClass,
    docType: type?.code ?? null,
    state: doc.status,
    entryDate: doc.documentDate ?? doc.createdAt.toISOString().slice(0, 10),
    number: doc.number,
    title: doc.hal,
    parties: [unit?.name ?? '', ...labels.tujuan, ...labels.tembusan],
    pdfText: texts.filter(Boolean).join('\n'),
    acl: readersFor({
      participants: { userIds: [doc.drafterUserId, doc.signedByUserId, ...steps.map((s) => s.actedBy)], positionIds: [...steps.map((s) => s.positionId), ...deliveries.map((d) => d.positionId)] },
      unitPath: unit?.path ?? null,
      accessClass,
      // Records officers see a secret document only once signed (documents/access.ts); the
      // classification's SKKAAD class keeps secret ones from them in search regardless.
      custodians: !isSecret(doc.sifat) || signedOrSent,
      unitStaff: false,
    }),
  };
}

/**
 * Re-index one outgoing document (cancelled drafts leave the index). A document signed and sent
 * (delivered) is declared an archive record here, once: from then on its index row is the
 * record's, and later changes to the live document no longer touch it.
 */
export async function indexOutgoingDocument(ctx: AppContext, db: Db, documentId: string): Promise<void> {
  const [rec] = await db.select({ id: archiveRecords.id }).from(archiveRecords).where(and(eq(archiveRecords.sourceKind, 'outgoing'), eq(archiveRecords.sourceId, documentId)));
  if (rec) return;
  const entry = await outgoingEntry(ctx, db, documentId);
  if (!entry || entry.state === 'cancelled') {
    await removeEntry(db, 'outgoing', documentId);
    return;
  }
  if (entry.state === 'delivered') {
    await declareOutgoingRecord(ctx, db, documentId, entry);
    return;
  }
  await indexEntry(db, entry);
}

/** The frozen record of a signed and sent outgoing document: files, metadata, timeline, audit. */
async function declareOutgoingRecord(ctx: AppContext, db: Db, documentId: string, entry: SearchEntryInput): Promise<void> {
  const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) return;
  const fileRows: RecordFile[] = [];
  const addFile = async (fileId: string | null | undefined, role: RecordFile['role'], name?: string) => {
    if (!fileId) return;
    const [f] = await db.select().from(files).where(eq(files.id, fileId));
    if (f) fileRows.push({ fileId: f.id, role, name: name ?? f.name, sha256: f.sha256, size: Number(f.size) });
  };
  await addFile(doc.signedFileId, 'naskah');
  const lampiran = await db.select().from(documentAttachments).where(eq(documentAttachments.documentId, doc.id)).orderBy(asc(documentAttachments.sortOrder));
  for (const l of lampiran) await addFile(l.fileId, 'lampiran', l.name);
  const timeline = await db.select().from(documentEvents).where(eq(documentEvents.documentId, doc.id)).orderBy(asc(documentEvents.id));
  const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'document'), eq(auditEvents.entityId, doc.id))).orderBy(asc(auditEvents.at));
  const steps = await db.select().from(documentSteps).where(eq(documentSteps.documentId, doc.id)).orderBy(asc(documentSteps.order));
  await declareRecord(db, {
    sourceKind: 'outgoing',
    sourceId: doc.id,
    unitId: doc.issuingUnitId,
    classificationCode: doc.classificationCode,
    number: doc.number,
    title: doc.hal,
    documentDate: doc.documentDate ?? entry.entryDate ?? ctx.now().toISOString().slice(0, 10),
    sifat: doc.sifat,
    files: fileRows,
    pdfText: entry.pdfText ?? null,
    parties: entry.parties ?? [],
    participants: {
      userIds: entry.acl.filter((t) => t.startsWith('u:')).map((t) => t.slice(2)),
      positionIds: entry.acl.filter((t) => t.startsWith('p:')).map((t) => t.slice(2)),
    },
    snapshot: { kind: 'outgoing', docType: entry.docType, document: doc, parties: entry.parties, steps, timeline, audit },
    declaredByUserId: doc.signedByUserId,
    now: ctx.now(),
  });
}
