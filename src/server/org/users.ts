// User accounts as the admin manages them: create (with a temporary password the user must
// change), edit, deactivate, reset password, unlock, roles.
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { generateTemporaryPassword, hashPassword } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import { normaliseWhatsapp, parseNik, parseNip } from '../../shared/identity.js';
import { positionHolders, positions, roleGrants, units, users, type Role, type UserStatus } from './schema.js';

export type UserRow = typeof users.$inferSelect;

export interface UserInput {
  username: string;
  name: string;
  nip?: string | null | undefined;
  nik?: string | null | undefined;
  pangkat?: string | null | undefined;
  golongan?: string | null | undefined;
  email?: string | null | undefined;
  whatsapp?: string | null | undefined;
}

/** Normalise and validate identity fields; throws with a precise reason. */
export function cleanIdentity<T extends Partial<UserInput>>(input: T): T {
  const out = { ...input };
  if (input.nip) {
    const r = parseNip(input.nip);
    if (!r.ok) throw new AppError('NIP_INVALID', { reason: r.reason }, { id: `NIP tidak valid: ${r.reason}.` });
    out.nip = r.nip;
  }
  if (input.nik) {
    const r = parseNik(input.nik);
    if (!r.ok) throw new AppError('NIK_INVALID', { reason: r.reason }, { id: `NIK tidak valid: ${r.reason}.` });
    out.nik = r.nik;
  }
  if (input.whatsapp) {
    const r = normaliseWhatsapp(input.whatsapp);
    if (!r.ok) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.whatsapp', message: r.reason }] });
    out.whatsapp = r.number;
  }
  if (input.username !== undefined) {
    const u = input.username.trim();
    if (!/^[a-zA-Z0-9._-]{3,64}$/.test(u)) {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.username', message: 'Nama pengguna 3–64 karakter: huruf, angka, titik, garis bawah atau strip' }] });
    }
    out.username = u;
  }
  return out;
}

async function assertUnique(db: Db, input: Partial<UserInput>, exceptId?: string): Promise<void> {
  if (input.username) {
    const rows = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
    if (rows.some((r) => r.id !== exceptId)) throw new AppError('USERNAME_TAKEN', { username: input.username });
  }
  if (input.nip) {
    const rows = await db.select({ id: users.id }).from(users).where(eq(users.nip, input.nip));
    if (rows.some((r) => r.id !== exceptId)) throw new AppError('NIP_TAKEN', { nip: input.nip });
  }
}

/** Insert a user with a known password hash (import/seed) or a temporary password. */
export async function insertUser(
  db: Db,
  input: UserInput,
  password: { hash: string; mustChange: boolean },
): Promise<UserRow> {
  const clean = cleanIdentity(input);
  await assertUnique(db, clean);
  const [row] = await db
    .insert(users)
    .values({
      username: clean.username,
      name: clean.name.trim(),
      nip: clean.nip ?? null,
      nik: clean.nik ?? null,
      pangkat: clean.pangkat ?? null,
      golongan: clean.golongan ?? null,
      email: clean.email ?? null,
      whatsapp: clean.whatsapp ?? null,
      passwordHash: password.hash,
      mustChangePassword: password.mustChange,
    })
    .returning();
  return row!;
}

export async function createUser(ctx: AppContext, actor: Actor, input: UserInput): Promise<{ user: UserRow; temporaryPassword: string }> {
  requireRole(actor, 'system_admin');
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword);
  return inTransaction(ctx.database, async (tx) => {
    const inserted = await insertUser(tx.db, input, { hash, mustChange: true });
    // The administrator knows the temporary password: a signing key for this account needs a second person's approval.
    const [user] = await tx.db.update(users).set({ credentialsResetAt: ctx.now(), credentialsResetBy: actor.userId }).where(eq(users.id, inserted.id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.user_created', entityType: 'user', entityId: user!.id, data: { username: user!.username }, ip: actor.ip });
    return { user: user!, temporaryPassword };
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Partial<UserInput> & { status?: UserStatus | undefined; version: number },
): Promise<UserRow> {
  requireRole(actor, 'system_admin');
  const clean = cleanIdentity(input);
  return inTransaction(ctx.database, async (tx) => {
    const [current] = await tx.db.select().from(users).where(eq(users.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND', { entity: 'user', id });
    if (current.version !== input.version) throw new AppError('STALE_VERSION', { current: current.version });
    await assertUnique(tx.db, clean, id);
    const { version: _v, ...fields } = clean;
    const [row] = await tx.db
      .update(users)
      .set({ ...fields, version: current.version + 1, updatedAt: ctx.now() })
      .where(eq(users.id, id))
      .returning();
    if (input.status === 'inactive') await deleteUserSessions(tx.db, id);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.user_updated', entityType: 'user', entityId: id, data: { fields: Object.keys(fields) }, ip: actor.ip });
    return row!;
  });
}

/** Admin issues a new temporary password; all the user's sessions end. */
export async function resetUserPassword(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  requireRole(actor, 'system_admin');
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword);
  await inTransaction(ctx.database, async (tx) => {
    const rows = await tx.db
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, firstFailedAt: null, lockedUntil: null, lockReason: null, credentialsResetAt: ctx.now(), credentialsResetBy: actor.userId, updatedAt: ctx.now(), version: sql`${users.version} + 1` })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'user', id });
    await deleteUserSessions(tx.db, id);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.user_password_reset', entityType: 'user', entityId: id, ip: actor.ip });
  });
  return temporaryPassword;
}

export async function unlockUser(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'system_admin');
  await inTransaction(ctx.database, async (tx) => {
    const rows = await tx.db
      .update(users)
      .set({ failedLogins: 0, firstFailedAt: null, lockedUntil: null, lockReason: null, updatedAt: ctx.now() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'user', id });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.user_unlocked', entityType: 'user', entityId: id, ip: actor.ip });
  });
}

/** Admin removes a user's 2FA (lost phone); the user must enrol again if policy requires. */
export async function resetUserTotp(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'system_admin');
  await inTransaction(ctx.database, async (tx) => {
    const rows = await tx.db
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null, totpPendingEnc: null, totpLastStep: null, credentialsResetAt: ctx.now(), credentialsResetBy: actor.userId, updatedAt: ctx.now() })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'user', id });
    await deleteUserSessions(tx.db, id);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.user_totp_reset', entityType: 'user', entityId: id, ip: actor.ip });
  });
}

export async function insertGrant(db: Db, input: { userId: string; role: Role; unitId: string | null; grantedBy: string | null }): Promise<string> {
  if (input.role === 'admin_email') {
    // Seed 004: "Khusus Admin Email Kabupaten/Kota harus ASN" -> must have a NIP.
    const [u] = await db.select({ nip: users.nip }).from(users).where(eq(users.id, input.userId));
    if (!u) throw new AppError('NOT_FOUND', { entity: 'user', id: input.userId });
    if (!u.nip) throw new AppError('CONFLICT', { reason: 'admin_email_requires_asn' }, { id: 'Admin Email harus ASN (memiliki NIP).', en: 'The e-mail admin must be a civil servant (have a NIP).' });
  }
  const existing = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, input.userId), eq(roleGrants.role, input.role), input.unitId ? eq(roleGrants.unitId, input.unitId) : sql`${roleGrants.unitId} is null`));
  if (existing[0]) return existing[0].id;
  const [row] = await db.insert(roleGrants).values(input).returning({ id: roleGrants.id });
  return row!.id;
}

export async function grantRole(ctx: AppContext, actor: Actor, input: { userId: string; role: Role; unitId: string | null }): Promise<string> {
  requireRole(actor, 'system_admin');
  return inTransaction(ctx.database, async (tx) => {
    const id = await insertGrant(tx.db, { ...input, grantedBy: actor.userId });
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.role_granted', entityType: 'user', entityId: input.userId, data: { role: input.role, unitId: input.unitId }, ip: actor.ip });
    return id;
  });
}

export async function revokeRole(ctx: AppContext, actor: Actor, grantId: string): Promise<void> {
  requireRole(actor, 'system_admin');
  await inTransaction(ctx.database, async (tx) => {
    const rows = await tx.db.delete(roleGrants).where(eq(roleGrants.id, grantId)).returning();
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND', { entity: 'role_grant', id: grantId });
    if (row.role === 'system_admin' && row.unitId === null) {
      const [left] = await tx.db.select({ n: count() }).from(roleGrants).where(and(eq(roleGrants.role, 'system_admin'), sql`${roleGrants.unitId} is null`));
      if (!left || left.n === 0) throw new AppError('CONFLICT', { reason: 'last_system_admin' }, { id: 'Admin sistem terakhir tidak boleh dicabut.', en: 'The last system administrator cannot be removed.' });
    }
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'org.role_revoked', entityType: 'user', entityId: row.userId, data: { role: row.role, unitId: row.unitId }, ip: actor.ip });
  });
}

export interface UserListQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  role?: Role | undefined;
  status?: UserStatus | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, query: UserListQuery) {
  const where: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.name, like), ilike(users.username, like), ilike(users.nip, like))!);
  }
  if (query.status) where.push(eq(users.status, query.status));
  if (query.unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) throw new AppError('NOT_FOUND', { entity: 'unit', id: query.unitId });
    where.push(
      inArray(
        users.id,
        db
          .select({ id: positionHolders.userId })
          .from(positionHolders)
          .innerJoin(positions, eq(positions.id, positionHolders.positionId))
          .innerJoin(units, eq(units.id, positions.unitId))
          .where(sql`${units.path} like ${unit.path + '%'}`),
      ),
    );
  }
  if (query.role) where.push(inArray(users.id, db.select({ id: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, query.role))));
  const cond = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(users).where(cond);
  const rows = await db
    .select()
    .from(users)
    .where(cond)
    .orderBy(asc(users.name), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { total: total?.n ?? 0, rows };
}

export async function getUser(db: Db, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'user', id });
  return row;
}
