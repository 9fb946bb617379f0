// Which roles must use TOTP 2FA. Default: signers, system admins and registration authorities (issue:
// 12: the RA approves signing keys); admins change it per role.
import type { Db } from '../db/client.js';
import { mfaPolicy, ROLES, type Role } from '../org/schema.js';
import type { Grant } from './actor.js';

// The registration authority approves signing keys: his account is as valuable as a signer's.
export const DEFAULT_MFA_REQUIRED: readonly Role[] = ['signer', 'system_admin', 'registration_authority'];

export async function getMfaPolicy(db: Db): Promise<Record<Role, boolean>> {
  const rows = await db.select().from(mfaPolicy);
  const out = Object.fromEntries(ROLES.map((r) => [r, DEFAULT_MFA_REQUIRED.includes(r)])) as Record<Role, boolean>;
  for (const r of rows) out[r.role] = r.required;
  return out;
}

/** `at`: ctx.now() of the change; the caller records the audit event in the same transaction. */
export async function setMfaPolicy(db: Db, role: Role, required: boolean, at: Date): Promise<void> {
  await db
    .insert(mfaPolicy)
    .values({ role, required, updatedAt: at })
    .onConflictDoUpdate({ target: mfaPolicy.role, set: { required, updatedAt: at } });
}

export function mfaRequiredFor(policy: Record<Role, boolean>, grants: Grant[]): boolean {
  return grants.some((g) => policy[g.role]);
}

export async function isMfaRequired(db: Db, grants: Grant[]): Promise<boolean> {
  if (grants.length === 0) return false;
  return mfaRequiredFor(await getMfaPolicy(db), grants);
}
