// A signer enrols: the server generates his key pair, the instance CA issues his certificate,
// and the private key is stored wrapped under the passphrase he chose. Used by the API and by
// the demo seeder (inside the seed transaction, hence the explicit `db`).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { latestCredential, prepareCredential, type CredentialRow } from './credentialStore.js';
import { signingCredentials } from './schema.js';
import { ensurePkiIn, type Pki } from './pki/authority.js';
import { passphraseWeakness } from './pki/passphraseKey.js';
import { signerProfile, type SignerProfile } from './signerIdentity.js';

export interface EnrolInput {
  userId: string;
  passphrase: string;
  /** Who asked (null for the system, e.g. the demo seed). */
  actorUserId?: string | null;
  ip?: string | null;
  /** The registration authority's approval this enrolment used (after an admin reset). */
  approvalId?: string | null;
  /** Already loaded PKI (the demo seeder enrols several signers in one transaction). */
  pki?: Pki;
}

export interface EnrolResult {
  credentialId: string;
  certificateSerial: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

export async function enrolSigner(ctx: AppContext, db: Db, input: EnrolInput): Promise<EnrolResult> {
  return (await enrolSigners(ctx, db, [input]))[0]!;
}

/**
 * Several enrolments in the caller's transaction: checks and inserts one after another (one
 * connection), key generation and passphrase wrapping (scrypt, off the event loop) in parallel.
 */
export async function enrolSigners(ctx: AppContext, db: Db, inputs: EnrolInput[]): Promise<EnrolResult[]> {
  if (ctx.config.signature.signer !== 'local') throw new AppError('LOCAL_CA_NOT_IN_USE');
  const now = ctx.now();
  const checked: Array<{ input: EnrolInput; profile: SignerProfile; expired: CredentialRow | null }> = [];
  for (const input of inputs) {
    const weak = passphraseWeakness(input.passphrase);
    if (weak) throw new AppError('PASSPHRASE_WEAK', { reason: weak }, { id: weak });
    const current = await latestCredential(db, input.userId);
    if (current?.status === 'active' && current.notAfter > now) throw new AppError('SIGNING_CREDENTIAL_EXISTS', { serial: current.certificateSerial });
    const profile = await signerProfile(db, input.userId, now, ctx.config.timeZone);
    if (profile.status !== 'active') throw new AppError('ACCOUNT_INACTIVE');
    checked.push({ input, profile, expired: current?.status === 'active' ? current : null });
  }
  const pki = inputs[0]?.pki ?? (await ensurePkiIn(ctx, db));
  const prepared = await Promise.all(checked.map((c) => prepareCredential(ctx, pki, c.input.userId, c.profile, c.input.passphrase)));
  const out: EnrolResult[] = [];
  for (const [i, c] of checked.entries()) {
    // An expired certificate is superseded by the new one.
    if (c.expired) await db.update(signingCredentials).set({ status: 'superseded', supersededAt: now, updatedAt: now }).where(eq(signingCredentials.id, c.expired.id));
    const [row] = await db.insert(signingCredentials).values(prepared[i]!).returning();
    await recordAudit(db, { at: ctx.now(),
      actorUserId: c.input.actorUserId ?? null,
      action: 'signature.enrolled',
      entityType: 'user',
      entityId: c.input.userId,
      data: { certificateSerial: row!.certificateSerial, subject: row!.subject, notAfter: row!.notAfter.toISOString(), ...(c.input.approvalId ? { approvalId: c.input.approvalId } : {}) },
      ip: c.input.ip ?? null,
    });
    out.push({ credentialId: row!.id, certificateSerial: row!.certificateSerial, subject: row!.subject, notBefore: row!.notBefore, notAfter: row!.notAfter });
  }
  return out;
}
