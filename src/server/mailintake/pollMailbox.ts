// The intake job: read a unit's mailbox from where it stopped, turn each new message with scans
// into a pending registration, and advance the stored UID in the same transaction, so a crash
// or restart can neither lose nor duplicate a message.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../jobs.js';
import type { AppContext } from '../context.js';
import { open } from '../crypto/kek.js';
import { inTransaction } from '../db/tx.js';
import { isAppError } from '../errors.js';
import { ImapReader, MailboxError, type MailboxReader } from './imapReader.js';
import { NO_ATTACHMENT_REASON, TOO_LARGE_REASON } from './messages.js';
import { parseMail } from './parseMessage.js';
import { pendingSinkOf } from './pendingSink.js';
import { mailIntakeAccounts, mailIntakeMessages } from './schema.js';

export const POLL_RETRY_LIMIT = 3;
/** Reads one mailbox from where it stopped. */
export const POLL_JOB = defineJob('mailintake.poll', z.object({ accountId: z.string().min(1) }), { retryLimit: POLL_RETRY_LIMIT, retryDelaySeconds: 30, expireInSeconds: 15 * 60 });
const BATCH = 25;

export const passwordContext = (accountId: string) => `mailintake:${accountId}`;

const readers = new WeakMap<AppContext, MailboxReader>();
export function mailboxReader(ctx: AppContext): MailboxReader {
  let r = readers.get(ctx);
  if (!r) readers.set(ctx, (r = new ImapReader()));
  return r;
}

export interface PollResult {
  read: number;
  registered: number;
  state: string;
}

export async function pollMailboxJob(ctx: AppContext, data: { accountId: string }, meta: { retryCount: number }): Promise<PollResult> {
  const { db } = ctx.database;
  const [acc] = await db.select().from(mailIntakeAccounts).where(eq(mailIntakeAccounts.id, data.accountId));
  if (!acc || !acc.enabled) return { read: 0, registered: 0, state: 'disabled' };
  const password = open(ctx.kek, acc.passwordSealed, passwordContext(acc.id)).toString('utf8');
  const limits = { max: BATCH, maxBytes: Math.ceil(ctx.config.uploads.uploadMaxBytes * 1.4), timeoutMs: ctx.config.mailIntake.timeoutMs };
  let batch;
  try {
    batch = await mailboxReader(ctx).readNew({ host: acc.host, port: acc.port, tls: acc.tls, username: acc.username, password, mailbox: acc.mailbox }, { uidValidity: acc.uidValidity, afterUid: acc.lastUid }, limits);
  } catch (e) {
    if (!(e instanceof MailboxError)) throw e;
    await db.update(mailIntakeAccounts).set({ state: e.kind, stateDetail: e.message.slice(0, 500), lastCheckedAt: ctx.now() }).where(eq(mailIntakeAccounts.id, acc.id));
    ctx.log.warn({ accountId: acc.id, kind: e.kind }, 'mailbox not read');
    // A wrong password stays wrong until someone changes it: no retry storm (the next scheduled check tries again).
    if (e.kind !== 'auth_failed' && meta.retryCount < POLL_RETRY_LIMIT) throw e;
    return { read: 0, registered: 0, state: e.kind };
  }

  let registered = 0;
  const sink = pendingSinkOf(ctx);
  for (const msg of batch.messages) {
    const parsed = msg.source ? await parseMail(msg.source, { maxAttachmentBytes: ctx.config.uploads.uploadMaxBytes }) : null;
    await inTransaction(ctx.database, async (tx) => {
      const [cur] = await tx.db.select().from(mailIntakeAccounts).where(eq(mailIntakeAccounts.id, acc.id)).for('update');
      const sameEpoch = cur!.uidValidity === batch.uidValidity;
      if (sameEpoch && cur!.lastUid >= msg.uid) return; // another worker took it
      const base = {
        accountId: acc.id,
        unitId: acc.unitId,
        uidValidity: batch.uidValidity,
        uid: msg.uid,
        messageId: parsed?.messageId ?? null,
        fromAddress: parsed?.fromAddress ?? null,
        fromName: parsed?.fromName ?? null,
        subject: parsed?.subject ?? null,
        body: parsed?.body ?? null,
        sentAt: parsed?.sentAt ?? null,
        attachments: (parsed?.scans ?? []).map((s) => ({ name: s.name, kind: s.kind, size: s.bytes.length })),
        skipped: parsed?.skipped ?? [],
        createdAt: ctx.now(),
      };
      let state: 'registered' | 'no_attachment' | 'rejected';
      let reason: string | null = null;
      let registrationId: string | null = null;
      if (!parsed) {
        state = 'rejected';
        reason = TOO_LARGE_REASON(msg.size / 1024 / 1024);
      } else if (parsed.scans.length === 0) {
        state = 'no_attachment';
        reason = NO_ATTACHMENT_REASON;
      } else {
        state = 'registered';
      }
      const [row] = await tx.db.insert(mailIntakeMessages).values({ ...base, state, reason }).onConflictDoNothing().returning({ id: mailIntakeMessages.id });
      if (row && parsed && state === 'registered') {
        await tx.client.query('savepoint pending_registration');
        try {
          ({ registrationId } = await sink(ctx, tx, {
            unitId: acc.unitId,
            files: parsed.scans.map((s) => ({ name: s.name, bytes: s.bytes })),
            receivedAt: ctx.now(),
            intake: { from: parsed.fromAddress, fromName: parsed.fromName, subject: parsed.subject, body: parsed.body, messageId: parsed.messageId, uid: msg.uid, uidValidity: batch.uidValidity.toString(), mailbox: acc.mailbox },
            suggestions: { ...(parsed.fromAddress ? { senderEmail: parsed.fromAddress } : {}), ...(parsed.fromName ? { senderName: parsed.fromName } : {}), ...(parsed.subject ? { hal: parsed.subject.slice(0, 500) } : {}) },
          }));
          await tx.client.query('release savepoint pending_registration');
          registered++;
        } catch (e) {
          await tx.client.query('rollback to savepoint pending_registration');
          if (!isAppError(e)) throw e;
          state = 'rejected';
          reason = `Lampiran e-mail tidak dapat dicatat: ${e.userMessage('id')}`;
        }
        await tx.db.update(mailIntakeMessages).set({ state, reason, registrationId }).where(eq(mailIntakeMessages.id, row.id));
      }
      await tx.db
        .update(mailIntakeAccounts)
        .set({ uidValidity: batch.uidValidity, lastUid: msg.uid, updatedAt: ctx.now() })
        .where(and(eq(mailIntakeAccounts.id, acc.id)));
    });
  }
  await db
    .update(mailIntakeAccounts)
    .set({
      state: 'ok',
      stateDetail: null,
      lastCheckedAt: ctx.now(),
      lastSuccessAt: ctx.now(),
      ...(batch.messages.length === 0 && acc.uidValidity !== batch.uidValidity ? { uidValidity: batch.uidValidity, lastUid: 0 } : {}),
    })
    .where(eq(mailIntakeAccounts.id, acc.id));
  if (batch.messages.length >= BATCH) await ctx.jobs.send(null, POLL_JOB, { accountId: acc.id });
  return { read: batch.messages.length, registered, state: 'ok' };
}
