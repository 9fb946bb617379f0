// The records officer (or the administrator) sets the unit's official mailbox: server, account,
// password (sealed with the instance key; never returned), folder, on/off.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { seal } from '../crypto/kek.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/tx.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { units } from '../org/schema.js';
import { passwordContext, POLL_JOB } from './pollMailbox.js';
import { mailIntakeAccounts } from './schema.js';

export interface MailboxInput {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  /** Required the first time; omitted = keep the stored one. */
  password?: string | null;
  mailbox?: string;
  enabled: boolean;
  version?: number;
}

/** The unit, if the actor may manage its mailbox; 404 otherwise (no hint that it exists). */
export async function unitForMailbox(db: Db, actor: Actor, unitId: string) {
  const [u] = await db.select({ id: units.id, path: units.path, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!u || !(isSystemAdmin(actor) || hasRole(actor, 'records_officer', u.path))) throw new AppError('NOT_FOUND', { entity: 'unit', id: unitId });
  return u;
}

export async function configureMailbox(ctx: AppContext, actor: Actor, unitId: string, input: MailboxInput) {
  return inTransaction(ctx.database, async (tx) => {
    await unitForMailbox(tx.db, actor, unitId);
    const [cur] = await tx.db.select().from(mailIntakeAccounts).where(eq(mailIntakeAccounts.unitId, unitId)).for('update');
    if (cur && input.version !== undefined && input.version !== cur.version) throw new AppError('STALE_VERSION', { current: cur.version });
    if (!cur && !input.password) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.password', message: 'Kata sandi kotak surat wajib diisi' }] });
    const id = cur?.id ?? uuidv7();
    const serverChanged = cur && (cur.host !== input.host || cur.port !== input.port || cur.username !== input.username || cur.mailbox !== (input.mailbox ?? 'INBOX'));
    const values = {
      host: input.host.trim(),
      port: input.port,
      tls: input.tls,
      username: input.username.trim(),
      mailbox: input.mailbox?.trim() || 'INBOX',
      enabled: input.enabled,
      ...(input.password ? { passwordSealed: seal(ctx.kek, input.password, passwordContext(id)) } : {}),
      // Another server or folder: its UIDs mean nothing here; start over (Message-IDs still prevent doubles).
      ...(serverChanged ? { uidValidity: null, lastUid: 0 } : {}),
      state: 'new' as const,
      stateDetail: null,
      updatedAt: ctx.now(),
    };
    let row;
    if (cur) {
      [row] = await tx.db.update(mailIntakeAccounts).set({ ...values, version: cur.version + 1 }).where(eq(mailIntakeAccounts.id, id)).returning();
    } else {
      [row] = await tx.db.insert(mailIntakeAccounts).values({ id, unitId, ...values, passwordSealed: values.passwordSealed!, createdAt: ctx.now() }).returning();
    }
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'mailintake.configured', entityType: 'unit', entityId: unitId, data: { host: values.host, port: values.port, username: values.username, mailbox: values.mailbox, enabled: values.enabled, passwordChanged: !!input.password }, ip: actor.ip });
    if (row!.enabled) await ctx.jobs.send(tx, POLL_JOB, { accountId: id });
    return row!;
  });
}

/** Read now (the officer's "Periksa sekarang"). */
export async function checkMailboxNow(ctx: AppContext, actor: Actor, unitId: string): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    await unitForMailbox(tx.db, actor, unitId);
    const [acc] = await tx.db.select().from(mailIntakeAccounts).where(eq(mailIntakeAccounts.unitId, unitId));
    if (!acc) throw new AppError('NOT_FOUND', { entity: 'mailbox', unitId });
    await ctx.jobs.send(tx, POLL_JOB, { accountId: acc.id });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'mailintake.check_requested', entityType: 'unit', entityId: unitId, ip: actor.ip });
  });
}
