// Lampiran: PDF files attached to a draft (seed 003: PDF only, max 1 MB each by default).
import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { MIME, storeFile } from '../files/storeFile.js';
import { actorView, assertDrafter, checkVersion, lockDocument } from './access.js';
import { recordDocumentEvent } from './transition.js';
import { validateAttachment } from './deps.js';
import { documentAttachments, documents } from './schema.js';

export async function addAttachment(ctx: AppContext, actor: Actor, id: string, input: { bytes: Uint8Array; name: string; version: number }) {
  const view = await actorView(ctx, ctx.database.db, actor);
  const info = await validateAttachment({ bytes: input.bytes, name: input.name }, { maxBytes: ctx.config.uploads.attachmentMaxBytes });
  return inTransaction(ctx.database, async (tx) => {
    const { doc } = await lockDocument(tx.db, id, view);
    assertDrafter(view, doc);
    checkVersion(doc, input.version);
    if (doc.status !== 'draft' && doc.status !== 'returned') throw new AppError('DOCUMENT_NOT_EDITABLE');
    const [n] = await tx.db.select({ n: count() }).from(documentAttachments).where(eq(documentAttachments.documentId, id));
    if ((n?.n ?? 0) >= ctx.config.uploads.attachmentMaxCount) throw new AppError('DOCUMENT_TOO_MANY_ATTACHMENTS', { max: ctx.config.uploads.attachmentMaxCount });
    const file = await storeFile(ctx, tx.db, { bytes: input.bytes, name: input.name, mime: MIME.pdf, createdBy: view.userId });
    const [row] = await tx.db
      .insert(documentAttachments)
      .values({ documentId: id, fileId: file.id, name: input.name, pages: (info as { pages?: number } | undefined)?.pages ?? null, sortOrder: n?.n ?? 0, createdBy: view.userId, createdAt: ctx.now() })
      .returning();
    await tx.db.update(documents).set({ version: doc.version + 1, updatedAt: ctx.now() }).where(eq(documents.id, id));
    await recordDocumentEvent(tx.db, { documentId: id, at: ctx.now(), actorUserId: view.userId, action: 'attachment_added', data: { name: input.name } });
    return { ...row!, documentVersion: doc.version + 1 };
  });
}

export async function removeAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string, expectedVersion: number) {
  const view = await actorView(ctx, ctx.database.db, actor);
  await inTransaction(ctx.database, async (tx) => {
    const { doc } = await lockDocument(tx.db, id, view);
    assertDrafter(view, doc);
    checkVersion(doc, expectedVersion);
    if (doc.status !== 'draft' && doc.status !== 'returned') throw new AppError('DOCUMENT_NOT_EDITABLE');
    const rows = await tx.db.delete(documentAttachments).where(and(eq(documentAttachments.id, attachmentId), eq(documentAttachments.documentId, id))).returning();
    if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'attachment', id: attachmentId });
    await tx.db.update(documents).set({ version: doc.version + 1, updatedAt: ctx.now() }).where(eq(documents.id, id));
    await recordDocumentEvent(tx.db, { documentId: id, at: ctx.now(), actorUserId: view.userId, action: 'attachment_removed', data: { name: rows[0]!.name } });
  });
}
