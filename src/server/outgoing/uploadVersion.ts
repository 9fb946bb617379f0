// Versions of a draft: every upload or edit is a new version; a .docx version is converted to
// PDF by a background job (the preview fills what is already known: hal, tujuan, signer …).
import { and, eq, inArray, max } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { defineJob, type JobMeta } from '../jobs.js';
import type { Tx } from '../db/tx.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError, isAppError } from '../errors.js';
import { MIME, readFileBytes, storeFile } from '../files/storeFile.js';
import { holdersOf } from '../org/positions.js';
import { positions, users } from '../org/schema.js';
import { actorView, assertDrafter, checkVersion, lockDocument, type DocumentRow } from './access.js';
import { recordDocumentEvent } from './transition.js';
import { checkTemplate, fillDocx, inspectPdf, readTemplateIdentity } from './deps.js';
import { checkUntrustedDocx } from '../pdf/untrusted.js';
import { converterFor, convertWhenReady } from './converter.js';
import { placeholderValues, type SignerBlock } from './placeholderValues.js';
import { loadRecipients, recipientLabels } from './recipientNames.js';
import { documents, documentVersions, type VersionKind } from './schema.js';
import { documentTypes, letterheads } from '../catalog/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { PREVIEW_TEXT } from '../../shared/templateGuide.js';
import { unitHasSeal } from '../org/unitSeal.js';

/** Converts a .docx version to PDF; an unexpected converter failure is retried with back-off. */
export const CONVERT_JOB = defineJob('documents.convertVersion', z.object({ versionId: z.string().min(1) }), { retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 10 * 60 });

export type VersionRow = typeof documentVersions.$inferSelect;

/** Tell a .docx from a PDF by content, not by the file name. */
export function sniffFormat(bytes: Uint8Array): 'docx' | 'pdf' | null {
  if (bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  return null;
}

/** What checkDraftFile needs to know of the document. */
export interface DraftFileTarget {
  draftKind: DocumentRow['draftKind'];
  shape: 'korespondensi' | 'judul';
  letterheadId: string | null;
  letterheadName: string | null;
}

/** The document's kind, shape and chosen KOP, for checkDraftFile. */
export async function draftFileTarget(db: Tx['db'], id: string): Promise<DraftFileTarget | undefined> {
  const [row] = await db
    .select({ draftKind: documents.draftKind, shape: documentTypes.shape, letterheadId: documents.letterheadId, letterheadName: letterheads.name })
    .from(documents)
    .innerJoin(documentTypes, eq(documentTypes.id, documents.documentTypeId))
    .leftJoin(letterheads, eq(letterheads.id, documents.letterheadId))
    .where(eq(documents.id, id));
  return row;
}

/**
 * Check an uploaded draft file against the document before storing it: its kind, its fields,
 * and for a .docx downloaded from Naskah, that it came from the KOP chosen at registration
 * (a letter registered on KOP Setda must not go out on the Bupati's letterhead).
 */
export async function checkDraftFile(doc: DraftFileTarget, bytes: Uint8Array): Promise<'docx' | 'pdf'> {
  const format = sniffFormat(bytes);
  const wanted = doc.draftKind === 'pdf' ? 'pdf' : 'docx';
  if (format !== wanted) throw new AppError('DOCUMENT_FILE_KIND', { expected: wanted });
  if (format === 'pdf') {
    await inspectPdf(bytes);
  } else {
    await checkUntrustedDocx(bytes); // limits first, in a worker thread
    const origin = readTemplateIdentity(bytes);
    if (origin && doc.letterheadId && origin.letterheadId !== doc.letterheadId) {
      const chosen = doc.letterheadName ?? 'KOP naskah ini';
      const used = origin.letterheadName || 'KOP lain';
      const message = `Konsep ini dibuat dari templat ${used}, sedangkan naskah didaftarkan dengan ${chosen}. Unduh templat ${chosen}, salin isi naskah ke dalamnya, lalu unggah lagi.`;
      throw new AppError(
        'DOCUMENT_KOP_MISMATCH',
        { fields: [{ path: 'file', message }], expected: { id: doc.letterheadId, name: chosen }, found: { id: origin.letterheadId, name: used } },
        { id: message, en: `This draft was made from the ${used} template, but the document is registered with ${chosen}. Download the ${chosen} template, copy the text into it and upload again.` },
      );
    }
    try {
      checkTemplate(bytes, doc.shape);
    } catch (e) {
      if (isAppError(e) && e.code === 'TEMPLATE_MISSING_FIELDS') {
        const missing = (e.details?.missing as string[] | undefined) ?? [];
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'file', message: `Isian berikut terhapus dari konsep: ${missing.map((m) => `\${${m}}`).join(', ')}. Unduh templat lagi dan jangan ubah isian \${…}.` }], missing });
      }
      throw e;
    }
  }
  return format;
}

export async function addVersion(
  ctx: AppContext,
  tx: Tx,
  v: { documentId: string; bytes: Uint8Array; fileName: string; kind: VersionKind; format: 'docx' | 'pdf'; createdBy: string; note: string | null },
): Promise<VersionRow> {
  const file = await storeFile(ctx, tx.db, { bytes: v.bytes, name: v.fileName, mime: v.format === 'pdf' ? MIME.pdf : MIME.docx, createdBy: v.createdBy });
  const [last] = await tx.db.select({ n: max(documentVersions.n) }).from(documentVersions).where(eq(documentVersions.documentId, v.documentId));
  const n = (last?.n ?? 0) + 1;
  const [row] = await tx.db
    .insert(documentVersions)
    .values({
      documentId: v.documentId,
      n,
      kind: v.kind,
      sourceFileId: file.id,
      pdfFileId: v.format === 'pdf' ? file.id : null,
      conversionStatus: v.format === 'pdf' ? 'not_needed' : 'pending',
      createdBy: v.createdBy,
      note: v.note,
      createdAt: ctx.now(),
    })
    .returning();
  await tx.db.update(documents).set({ currentVersionId: row!.id, updatedAt: ctx.now() }).where(eq(documents.id, v.documentId));
  if (v.format === 'docx') await ctx.jobs.send(tx, CONVERT_JOB, { versionId: row!.id });
  await recordDocumentEvent(tx.db, { documentId: v.documentId, at: ctx.now(), actorUserId: v.createdBy, action: 'version_added', data: { n, kind: v.kind, format: v.format } });
  return row!;
}

/** After metadata edits the preview is stale: convert the current .docx version again. */
export async function reconvertCurrentVersion(ctx: AppContext, tx: Tx, doc: DocumentRow): Promise<void> {
  if (!doc.currentVersionId || doc.draftKind === 'pdf') return;
  await tx.db.update(documentVersions).set({ conversionStatus: 'pending', conversionError: null }).where(eq(documentVersions.id, doc.currentVersionId));
  await ctx.jobs.send(tx, CONVERT_JOB, { versionId: doc.currentVersionId });
}

/** The drafter uploads the edited .docx (or the finished PDF) while the document is a draft or returned. */
export async function uploadDraftVersion(ctx: AppContext, actor: Actor, id: string, input: { bytes: Uint8Array; fileName: string; version: number; note?: string | null }): Promise<VersionRow & { documentVersion: number }> {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const pre = await draftFileTarget(db, id);
  if (!pre) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  // Authorise before the file is parsed: an untrusted upload is only opened for its drafter.
  await inTransaction(ctx.database, async (tx) => {
    const { doc } = await lockDocument(tx.db, id, view);
    assertDrafter(view, doc);
  });
  const format = await checkDraftFile(pre, input.bytes);
  return inTransaction(ctx.database, async (tx) => {
    const { doc } = await lockDocument(tx.db, id, view);
    assertDrafter(view, doc);
    checkVersion(doc, input.version);
    if (doc.status !== 'draft' && doc.status !== 'returned') throw new AppError('DOCUMENT_NOT_EDITABLE');
    const row = await addVersion(ctx, tx, { documentId: id, bytes: input.bytes, fileName: input.fileName, kind: format === 'pdf' ? 'upload_pdf' : 'upload_docx', format, createdBy: view.userId, note: input.note ?? null });
    await tx.db.update(documents).set({ version: doc.version + 1, updatedAt: ctx.now() }).where(eq(documents.id, id));
    return { ...row, documentVersion: doc.version + 1 };
  });
}

/** Placeholder values for a document: preview (known fields only) or final (all). */
export async function documentPlaceholders(
  ctx: AppContext,
  db: Tx['db'],
  doc: DocumentRow,
  opts: { final: false } | { final: true; number: string; date: string; signer: SignerBlock },
): Promise<Record<string, string | string[]>> {
  const labels = await recipientLabels(db, await loadRecipients(db, doc.id));
  let signer: SignerBlock | null = null;
  if (opts.final) signer = opts.signer;
  else {
    // Preview: the signer position's current holder (definitive first).
    const holders = (await holdersOf(db, [doc.signerPositionId], isoDateIn(ctx.config.timeZone, ctx.now()))).get(doc.signerPositionId) ?? [];
    const [pos] = await db.select({ name: positions.name }).from(positions).where(eq(positions.id, doc.signerPositionId));
    const onBehalf = doc.onBehalfOfPositionId ? (await db.select({ name: positions.name }).from(positions).where(eq(positions.id, doc.onBehalfOfPositionId)))[0]?.name : null;
    const h = holders[0];
    if (h && pos) {
      const [u] = await db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, h.userId));
      signer = { positionName: pos.name, actingAs: h.kind, onBehalfOfPositionName: onBehalf ?? null, name: u?.name ?? h.name, nip: u?.nip ?? null };
    }
  }
  const values = placeholderValues(
    {
      number: opts.final ? opts.number : doc.number,
      date: opts.final ? opts.date : doc.documentDate,
      sifat: doc.sifat,
      lampiran: doc.lampiran,
      hal: doc.hal,
      tujuan: labels.tujuan,
      tembusan: labels.tembusan,
      signer,
    },
    { final: opts.final },
  );
  if (opts.final) return values;
  return {
    ...values,
    nomor_naskah: values.nomor_naskah ?? PREVIEW_TEXT.number,
    tanggal_naskah: values.tanggal_naskah ?? PREVIEW_TEXT.date,
    jabatan_pengirim: values.jabatan_pengirim ?? PREVIEW_TEXT.signerTitle,
    nama_pengirim: values.nama_pengirim ?? PREVIEW_TEXT.signerName,
    nip_pengirim: values.nip_pengirim ?? '',
  };
}

/** Job: convert one .docx version to a PDF preview. Idempotent; a broken .docx marks the version failed. */
export async function convertVersionJob(ctx: AppContext, data: { versionId: string }, meta: JobMeta = { id: '', retryCount: 0 }): Promise<void> {
  const { db } = ctx.database;
  const [version] = await db.select().from(documentVersions).where(eq(documentVersions.id, data.versionId));
  if (!version || (version.conversionStatus !== 'pending' && version.conversionStatus !== 'running')) return;
  await db.update(documentVersions).set({ conversionStatus: 'running' }).where(eq(documentVersions.id, version.id));
  const [doc] = await db.select().from(documents).where(eq(documents.id, version.documentId));
  try {
    const { bytes } = await readFileBytes(ctx, db, version.sourceFileId);
    // The preview reads like the letter: every field filled or said in words, no raw ${…}.
    const values = await documentPlaceholders(ctx, db, doc!, { final: false });
    // The office seal goes into the signature space with the stamp: the box says so.
    const signatureBox = (await unitHasSeal(db, doc!.issuingUnitId)) ? PREVIEW_TEXT.signatureBoxWithSeal : PREVIEW_TEXT.signatureBox;
    const filled = fillDocx(bytes, values, { signatureBox });
    const converter = await converterFor(ctx);
    // A converter still starting (the WASM build: a minute) tells the document page so.
    const pdf = await convertWhenReady(ctx, converter, version.id, () => converter.convert(filled, { pdfa: true }));
    await inTransaction(ctx.database, async (tx) => {
      const file = await storeFile(ctx, tx.db, { bytes: pdf, name: `konsep-v${version.n}.pdf`, mime: MIME.pdf, createdBy: null });
      // Only a still-running conversion is completed (a newer request may have re-queued it).
      const done = await tx.db
        .update(documentVersions)
        .set({ conversionStatus: 'done', pdfFileId: file.id, conversionError: null })
        .where(and(eq(documentVersions.id, version.id), eq(documentVersions.conversionStatus, 'running')))
        .returning({ id: documentVersions.id });
      if (done.length) await recordDocumentEvent(tx.db, { documentId: version.documentId, at: ctx.now(), actorUserId: null, action: 'converted', data: { n: version.n } });
    });
  } catch (e) {
    // A problem in the file itself (AppError) will not go away by retrying: failed at once.
    // Anything else (the converter crashed, timed out …) is retried by the queue with back-off;
    // the version stays pending meanwhile and is marked failed only after the last attempt.
    const attempts = (CONVERT_JOB.options.retryLimit ?? 0) + 1;
    const attempt = meta.retryCount + 1;
    if (!isAppError(e) && attempt < attempts) {
      await db
        .update(documentVersions)
        .set({ conversionStatus: 'pending', conversionError: `Konversi terganggu kesalahan sistem; dicoba lagi otomatis (percobaan ${attempt + 1} dari ${attempts}).` })
        .where(and(eq(documentVersions.id, version.id), eq(documentVersions.conversionStatus, 'running')));
      throw e;
    }
    const message = isAppError(e) ? e.userMessage('id') : `Konversi gagal karena kesalahan sistem setelah ${attempts} percobaan. Unggah ulang berkas atau minta admin memeriksa konverter.`;
    await inTransaction(ctx.database, async (tx) => {
      await tx.db.update(documentVersions).set({ conversionStatus: 'failed', conversionError: message }).where(eq(documentVersions.id, version.id));
      await recordDocumentEvent(tx.db, { documentId: version.documentId, at: ctx.now(), actorUserId: null, action: 'conversion_failed', note: message, data: { n: version.n } });
    });
    if (!isAppError(e)) ctx.log.error({ err: e, versionId: version.id }, 'conversion failed after the last attempt');
  }
}

/**
 * The queue gave the conversion up because its worker died on the last attempt (kill -9 during
 * LibreOffice): the version is marked failed, so the drafter sees why and uploads again, and
 * nothing waits for it.
 */
export async function abandonConversion(ctx: AppContext, data: { versionId: string }): Promise<void> {
  const message = 'Konversi terhenti karena server berhenti mendadak. Unggah ulang berkas .docx untuk mencoba lagi.';
  await inTransaction(ctx.database, async (tx) => {
    const [v] = await tx.db
      .update(documentVersions)
      .set({ conversionStatus: 'failed', conversionError: message })
      .where(and(eq(documentVersions.id, data.versionId), inArray(documentVersions.conversionStatus, ['pending', 'running'])))
      .returning({ documentId: documentVersions.documentId, n: documentVersions.n });
    if (v) await recordDocumentEvent(tx.db, { documentId: v.documentId, at: ctx.now(), actorUserId: null, action: 'conversion_failed', note: message, data: { n: v.n } });
  });
}
