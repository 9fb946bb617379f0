// Server-side sessions behind an HttpOnly cookie. The token is random; the table keeps its hash.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { mfaPolicy, roleGrants, units, users } from '../org/schema.js';
import { DEFAULT_MFA_REQUIRED } from './mfaPolicy.js';
import type { Grant } from './actor.js';
import { sessions } from './schema.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';

export const SESSION_COOKIE = 'naskah_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  id: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  ctx: AppContext,
  db: Db,
  input: { userId: string; mfaSatisfied: boolean; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.session.ttlHours * 3600_000);
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      userId: input.userId,
      csrfToken,
      mfaSatisfied: input.mfaSatisfied,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return { token, id: row!.id, csrfToken, expiresAt };
}

export interface ResolvedSession {
  /** The user's role grants, read in the same query. */
  grants: Grant[];
  id: string;
  userId: string;
  csrfToken: string;
  /** This session was opened with a second factor (or enrolled one). */
  mfaSatisfied: boolean;
  /** The user's CURRENT roles require 2FA (policy read on every request, not at login). */
  mfaRequired: boolean;
  totpEnabled: boolean;
  username: string;
  name: string;
  status: string;
  mustChangePassword: boolean;
}

/** The live session for a cookie token, or null (unknown, expired, idle too long, user inactive). */
export async function resolveSession(ctx: AppContext, token: string): Promise<ResolvedSession | null> {
  const now = ctx.now();
  const [row] = await ctx.database.db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      mfaSatisfied: sessions.mfaSatisfied,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      username: users.username,
      name: users.name,
      status: users.status,
      mustChangePassword: users.mustChangePassword,
      totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
      mfaRequired: sql<boolean>`exists (select 1 from ${roleGrants} g left join ${mfaPolicy} p on p.role = g.role
        where g.user_id = ${sessions.userId} and coalesce(p.required, g.role in (${sql.join(DEFAULT_MFA_REQUIRED.map((r) => sql`${r}`), sql`, `)})))`,
      grants: sql<Grant[]>`coalesce((select json_agg(json_build_object('role', g.role, 'unitId', g.unit_id, 'unitPath', u.path) order by g.role)
        from ${roleGrants} g left join ${units} u on u.id = g.unit_id where g.user_id = ${sessions.userId}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const idleLimit = ctx.config.session.idleMinutes * 60_000;
  const ended = row.status !== 'active' ? 'user_inactive' : row.expiresAt <= now ? 'expired' : now.getTime() - row.lastSeenAt.getTime() > idleLimit ? 'idle' : null;
  if (ended) {
    // The session ends here, once (concurrent requests with the same cookie: one deletes it).
    await inTransaction(ctx.database, async (tx) => {
      const gone = await tx.db.delete(sessions).where(eq(sessions.id, row.id)).returning({ id: sessions.id });
      if (gone.length) {
        await recordAudit(tx.db, { at: now, actorUserId: row.userId, action: 'auth.session_expired', entityType: 'user', entityId: row.userId, data: { sessionId: row.id, reason: ended } });
      }
    });
    return null;
  }
  // Refresh the idle clock at most once a minute: no write on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await ctx.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return {
    grants: row.grants,
    id: row.id,
    userId: row.userId,
    csrfToken: row.csrfToken,
    mfaSatisfied: row.mfaSatisfied,
    mfaRequired: row.mfaRequired,
    totpEnabled: row.totpEnabled,
    username: row.username,
    name: row.name,
    status: row.status,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Logout everywhere: every session of the user, optionally keeping the current one. */
export async function deleteUserSessions(db: Db, userId: string, keepSessionId?: string): Promise<number> {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const rows = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return rows.length;
}
