// Who is acting: the signed-in user, their role grants (with the granted unit's path so
// subtree checks need no query) and the request's session.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { roleGrants, units, type Role } from '../org/schema.js';

export interface Grant {
  role: Role;
  unitId: string | null;
  /** Materialised path of the unit ("/a/b/"); null for instance-wide grants. */
  unitPath: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  name: string;
  sessionId: string | null;
  grants: Grant[];
  ip: string | null;
}

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitPath: units.path })
    .from(roleGrants)
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(sql`${roleGrants.role}`);
  return rows.map((r) => ({ role: r.role, unitId: r.unitId, unitPath: r.unitPath }));
}

/** True if the actor holds `role` instance-wide, or for the unit at `unitPath` or an ancestor. */
export function hasRole(actor: Pick<Actor, 'grants'>, role: Role, unitPath?: string | null): boolean {
  return actor.grants.some(
    (g) => g.role === role && (g.unitPath === null || (unitPath != null && unitPath.startsWith(g.unitPath))),
  );
}

export function hasAnyRole(actor: Pick<Actor, 'grants'>, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

export function requireRole(actor: Pick<Actor, 'grants'>, role: Role, unitPath?: string | null): void {
  if (!hasRole(actor, role, unitPath)) throw new AppError('FORBIDDEN', { requiredRole: role });
}

export function isSystemAdmin(actor: Pick<Actor, 'grants'>): boolean {
  return actor.grants.some((g) => g.role === 'system_admin' && g.unitId === null);
}
