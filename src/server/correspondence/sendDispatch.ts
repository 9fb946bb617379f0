// The records officer sends a signed document to an external recipient (seed 002 step 9):
// by e-mail (a background job attaches the signed PDF and lampiran), or records that it went
// by post / another channel.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { defineJob } from '../jobs.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { readFileBytes } from '../files/storeFile.js';
import { requireMailer } from '../mail/mailer.js';
import { units } from '../org/schema.js';
import { recordDocumentEvent } from '../outgoing/transition.js';
import { documentAttachments, documents } from '../outgoing/schema.js';
import { documentDispatches } from './schema.js';
import { tanggalIndonesia } from '../../shared/dates.js';
import { getSetting } from '../settings/settings.js';

/** Sends one dispatch by e-mail. No retry: a failure is shown to the records officer; no duplicate e-mails. */
export const EMAIL_DISPATCH_JOB = defineJob('documents.emailDispatch', z.object({ dispatchId: z.string().min(1) }), { retryLimit: 0 });

export async function sendDispatch(ctx: AppContext, actor: Actor, dispatchId: string, input: { channel: 'email' | 'post' | 'courier' | 'other'; note?: string | null | undefined; receiptNumber?: string | null | undefined }) {
  return inTransaction(ctx.database, async (tx) => {
    const [d] = await tx.db.select().from(documentDispatches).where(eq(documentDispatches.id, dispatchId)).for('update');
    if (!d) throw new AppError('NOT_FOUND', { entity: 'dispatch', id: dispatchId });
    const [u] = await tx.db.select({ path: units.path }).from(units).where(eq(units.id, d.senderUnitId));
    // The outbox entry is the sending unit's records office's: for anyone else it does not exist
    // (the same answer as a made-up id, so another office cannot probe for it).
    if (!hasRole(actor, 'records_officer', u?.path) && !isSystemAdmin(actor)) throw new AppError('NOT_FOUND', { entity: 'dispatch', id: dispatchId });
    if (d.status === 'sent') throw new AppError('DISPATCH_ALREADY_SENT');
    const now = ctx.now();
    if (input.channel === 'email') {
      if (!d.externalEmail) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.channel', message: 'Penerima ini tidak memiliki alamat e-mail; kirim lewat pos' }] });
      requireMailer(ctx.config.mail);
      await tx.db.update(documentDispatches).set({ channel: 'email', status: 'awaiting', note: input.note ?? null, sentByUserId: actor.userId }).where(eq(documentDispatches.id, d.id));
      await ctx.jobs.send(tx, EMAIL_DISPATCH_JOB, { dispatchId: d.id });
      await recordAudit(tx.db, { at: now, actorUserId: actor.userId, action: 'correspondence.dispatch_requested', entityType: 'document', entityId: d.documentId, data: { dispatchId: d.id, channel: input.channel }, ip: actor.ip });
    } else {
      await tx.db.update(documentDispatches).set({ channel: input.channel, status: 'sent', sentAt: now, sentByUserId: actor.userId, note: input.note ?? null, receiptNumber: input.receiptNumber?.trim() || null }).where(eq(documentDispatches.id, d.id));
      await recordDocumentEvent(tx.db, { documentId: d.documentId, at: now, actorUserId: actor.userId, action: 'dispatched', domain: 'correspondence', note: input.note ?? null, data: { to: d.externalName, channel: input.channel }, audit: { dispatchId: d.id }, ip: actor.ip });
    }
    const [after] = await tx.db.select().from(documentDispatches).where(eq(documentDispatches.id, d.id));
    return after!;
  });
}

/** Job: e-mail the signed PDF (and lampiran) to the external recipient. Not retried blindly: a failure is recorded for the officer. */
export async function emailDispatchJob(ctx: AppContext, data: { dispatchId: string }): Promise<void> {
  const { db } = ctx.database;
  const [d] = await db.select().from(documentDispatches).where(eq(documentDispatches.id, data.dispatchId));
  if (!d || d.status === 'sent' || !d.externalEmail) return;
  const [doc] = await db.select().from(documents).where(eq(documents.id, d.documentId));
  if (!doc?.signedFileId) return;
  const signed = await readFileBytes(ctx, db, doc.signedFileId);
  const lampiran = await db.select().from(documentAttachments).where(eq(documentAttachments.documentId, doc.id));
  const attachments = [{ filename: `${(doc.number ?? 'naskah').replace(/\//g, '-')}.pdf`, content: signed.bytes, contentType: 'application/pdf' }];
  for (const a of lampiran) attachments.push({ filename: a.name, content: (await readFileBytes(ctx, db, a.fileId)).bytes, contentType: 'application/pdf' });
  const instance = (await getSetting<string>(db, 'instance.name')) ?? 'Naskah';
  try {
    await requireMailer(ctx.config.mail).send({
      to: d.externalEmail,
      subject: `${doc.number ?? ''} - ${doc.hal}`.trim(),
      text: [
        `Yth. ${d.externalName},`,
        '',
        `Bersama ini kami sampaikan naskah dinas ${instance}:`,
        `Nomor   : ${doc.number ?? '-'}`,
        `Tanggal : ${doc.documentDate ? tanggalIndonesia(doc.documentDate) : '-'}`,
        `Hal     : ${doc.hal}`,
        '',
        'Naskah ini ditandatangani secara elektronik; keasliannya dapat diperiksa melalui kode QR pada naskah.',
      ].join('\n'),
      attachments,
    });
    await inTransaction(ctx.database, async (tx) => {
      await tx.db.update(documentDispatches).set({ status: 'sent', sentAt: ctx.now() }).where(and(eq(documentDispatches.id, d.id)));
      await recordDocumentEvent(tx.db, { documentId: d.documentId, at: ctx.now(), actorUserId: d.sentByUserId, action: 'dispatched', domain: 'correspondence', data: { to: d.externalName, channel: 'email', email: d.externalEmail }, audit: { dispatchId: d.id } });
    });
  } catch (err) {
    await db.update(documentDispatches).set({ status: 'failed', note: `Gagal mengirim e-mail: ${(err as Error).message}`.slice(0, 500) }).where(eq(documentDispatches.id, d.id));
  }
}
