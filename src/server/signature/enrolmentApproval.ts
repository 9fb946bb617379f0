// Second-person control over signing keys. An administrator who created an account or reset its
// password or 2FA knows enough to log in as that official; a signing key enrolled after that
// needs the approval of a registration authority (RA) who is neither the official nor that
// administrator. The approval is used once, by the next enrolment, and expires after
// ENROLMENT_APPROVAL_HOURS. The official is told by e-mail when his key changes hands.
import { and, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasAnyRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { requireFreshReauth } from '../auth/loginUser.js';
import { AppError } from '../errors.js';
import { queueEmail } from '../notify/index.js';
import { users } from '../org/schema.js';
import { enrolmentApprovals } from './schema.js';

export const ENROLMENT_APPROVAL_HOURS = 72;

/** Whether the user's next enrolment needs an RA approval, and since when. */
export async function enrolmentApprovalNeeded(db: Db, userId: string): Promise<{ since: Date; resetBy: string | null } | null> {
  const [u] = await db.select({ at: users.credentialsResetAt, by: users.credentialsResetBy }).from(users).where(eq(users.id, userId));
  if (!u?.at) return null;
  const [used] = await db
    .select({ id: enrolmentApprovals.id })
    .from(enrolmentApprovals)
    .where(and(eq(enrolmentApprovals.userId, userId), gte(enrolmentApprovals.approvedAt, u.at), gt(enrolmentApprovals.usedAt, u.at)))
    .limit(1);
  return used ? null : { since: u.at, resetBy: u.by };
}

/** Inside the enrolment's transaction: use the approval, or refuse ENROLMENT_APPROVAL_REQUIRED. */
export async function consumeEnrolmentApproval(ctx: AppContext, db: Db, userId: string): Promise<string | null> {
  const need = await enrolmentApprovalNeeded(db, userId);
  if (!need) return null;
  const now = ctx.now();
  const [approval] = await db
    .select()
    .from(enrolmentApprovals)
    .where(and(eq(enrolmentApprovals.userId, userId), isNull(enrolmentApprovals.usedAt), gte(enrolmentApprovals.approvedAt, need.since), gt(enrolmentApprovals.expiresAt, now)))
    .orderBy(desc(enrolmentApprovals.approvedAt))
    .limit(1)
    .for('update');
  if (!approval) throw new AppError('ENROLMENT_APPROVAL_REQUIRED');
  const used = await db.update(enrolmentApprovals).set({ usedAt: now }).where(and(eq(enrolmentApprovals.id, approval.id), isNull(enrolmentApprovals.usedAt))).returning({ id: enrolmentApprovals.id });
  if (!used.length) throw new AppError('ENROLMENT_APPROVAL_REQUIRED');
  return approval.id;
}

export interface PendingEnrolment {
  userId: string;
  username: string;
  name: string;
  nip: string | null;
  /** When an admin created the account or reset its password/2FA. */
  since: Date;
  resetByName: string | null;
  /** The RA asking may not approve it (he is the official or the admin who reset the account). */
  mayApprove: boolean;
  /** An approval given and not used yet (the official has not enrolled). */
  approval: { approvedAt: Date; expiresAt: Date; approvedByName: string } | null;
}

/**
 * The registration authority's list: signers whose next key enrolment needs a second person's
 * approval (reset since their last approved enrolment), newest first, with the approval already
 * given if any.
 */
export async function pendingEnrolments(ctx: AppContext, actor: Actor): Promise<PendingEnrolment[]> {
  if (!hasAnyRole(actor, 'registration_authority') && !isSystemAdmin(actor)) throw new AppError('FORBIDDEN', { requiredRole: 'registration_authority' });
  const now = ctx.now();
  const { rows } = await ctx.database.db.execute(sql`
    select u.id::text as user_id, u.username, u.name, u.nip, u.credentials_reset_at as since, rb.name as reset_by_name,
           (u.id = ${actor.userId} or u.credentials_reset_by is not distinct from ${actor.userId}::uuid) as excluded,
           a.approved_at, a.expires_at, ab.name as approved_by_name
      from users u
      left join users rb on rb.id = u.credentials_reset_by
      left join lateral (
        select x.approved_at, x.expires_at, x.approved_by from enrolment_approvals x
         where x.user_id = u.id and x.used_at is null and x.approved_at >= u.credentials_reset_at and x.expires_at > ${now}
         order by x.approved_at desc limit 1) a on true
      left join users ab on ab.id = a.approved_by
     where u.credentials_reset_at is not null
       and exists (select 1 from role_grants g where g.user_id = u.id and g.role = 'signer')
       and not exists (select 1 from enrolment_approvals y where y.user_id = u.id and y.approved_at >= u.credentials_reset_at and y.used_at > u.credentials_reset_at)
     order by u.credentials_reset_at desc
     limit 200`);
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  return (rows as Array<Record<string, unknown>>).map((r) => ({
    userId: String(r.user_id),
    username: String(r.username),
    name: String(r.name),
    nip: (r.nip as string | null) ?? null,
    since: date(r.since),
    resetByName: (r.reset_by_name as string | null) ?? null,
    mayApprove: hasAnyRole(actor, 'registration_authority') && !r.excluded,
    approval: r.approved_at ? { approvedAt: date(r.approved_at), expiresAt: date(r.expires_at), approvedByName: String(r.approved_by_name) } : null,
  }));
}

export async function approveEnrolment(ctx: AppContext, actor: Actor, input: { userId: string; note?: string | undefined }) {
  if (!hasAnyRole(actor, 'registration_authority')) throw new AppError('FORBIDDEN', { requiredRole: 'registration_authority' });
  if (input.userId === actor.userId) throw new AppError('ENROLMENT_APPROVAL_SELF');
  await requireFreshReauth(ctx, actor);
  return inTransaction(ctx.database, async (tx) => {
    const [u] = await tx.db.select().from(users).where(eq(users.id, input.userId)).for('update');
    if (!u) throw new AppError('NOT_FOUND', { entity: 'user', id: input.userId });
    if (u.credentialsResetBy === actor.userId) throw new AppError('ENROLMENT_APPROVAL_SELF');
    const now = ctx.now();
    const [row] = await tx.db
      .insert(enrolmentApprovals)
      .values({ userId: u.id, approvedBy: actor.userId, note: input.note ?? null, approvedAt: now, expiresAt: new Date(now.getTime() + ENROLMENT_APPROVAL_HOURS * 3600_000) })
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'signature.enrolment_approved', entityType: 'user', entityId: u.id, data: { approvalId: row!.id, expiresAt: row!.expiresAt.toISOString() }, ip: actor.ip });
    await noticeToOfficial(ctx, tx, u, 'Pendaftaran TTE disetujui', `Otoritas pendaftaran (${actor.name}) menyetujui pendaftaran ulang kunci TTE akun Anda (${u.username}). Bila bukan Anda yang memintanya, segera hubungi admin dan otoritas pendaftaran.`);
    return { id: row!.id, userId: u.id, approvedAt: row!.approvedAt, expiresAt: row!.expiresAt };
  });
}

/** E-mail to the official about a change to his signing key (nothing when he has no address). */
export async function noticeToOfficial(ctx: AppContext, tx: Tx, user: { id: string; email: string | null }, subject: string, text: string): Promise<void> {
  if (!user.email) return;
  await queueEmail(ctx, tx, { to: user.email, subject, text, purpose: 'signature_key', userId: user.id }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'EMAIL_ADDRESS_INVALID') return; // a malformed address must not block the key operation
    throw e;
  });
}
