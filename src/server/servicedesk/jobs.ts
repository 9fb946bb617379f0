// Background jobs: create the account in the directory (step 5), WhatsApp messages, and later
// directory operations (suspend, reset, close). Each is safe to run twice.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { requireDirectory, isDirectoryError } from '../directory/index.js';
import { nameWords } from './address.js';
import { serviceDeskDeps } from './deps.js';
import { DIRECTORY_OP_JOB, PROVISION_JOB, type DirectoryOpJob, type ProvisionJob } from './jobNames.js';
import { directoryAccounts, serviceTickets } from './schema.js';
import { sealTemporary, transitionInTx } from './transition.js';
import { units } from '../org/schema.js';

import { PROVISION_RETRIES } from './jobNames.js';
export { PROVISION_RETRIES };

/** The unit's key in the directory: its short name (or name) folded to a-z0-9-. */
export function unitKey(u: { shortName: string | null; name: string }): string {
  return (u.shortName ?? u.name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Top-level office (dinas/badan …) of a unit: its OU. */
async function officeOf(ctx: AppContext, unitId: string) {
  const [u] = await ctx.database.db.select().from(units).where(eq(units.id, unitId));
  if (!u) throw new Error(`unit ${unitId} missing`);
  const ids = u.path.split('/').filter(Boolean);
  // path: /pemda/office/…/self/ — the office is the second level when there is one.
  const officeId = ids[1] ?? ids[0]!;
  const [o] = await ctx.database.db.select().from(units).where(eq(units.id, officeId));
  return o ?? u;
}

export async function runProvisionJob(ctx: AppContext, data: ProvisionJob, meta: { id: string; retryCount: number }): Promise<void> {
  const [t] = await ctx.database.db.select().from(serviceTickets).where(eq(serviceTickets.id, data.ticketId));
  if (!t || t.status !== 'provisioning') return; // already done, or cancelled meanwhile
  const directory = serviceDeskDeps(ctx).directory;
  const words = nameWords(t.applicantName);
  const office = await officeOf(ctx, t.unitId);
  try {
    const dir = requireDirectory(directory);
    const created = await dir.createAccount({
      address: t.desiredAddress,
      givenName: words.length > 1 ? words.slice(0, -1).map(cap).join(' ') : cap(words[0] ?? t.applicantName),
      surname: words.length > 1 ? cap(words[words.length - 1]!) : cap(words[0] ?? t.applicantName),
      displayName: t.applicantName,
      unit: unitKey(office),
      nip: t.nip,
      title: t.positionTitle,
    });
    await inTransaction(ctx.database, async (tx) => {
      await tx.db.insert(directoryAccounts).values({ ticketId: t.id, directory: dir.kind, accountId: created.accountId, address: created.address, created: created.created, attributes: created.attributes, jobId: meta.id, at: ctx.now() });
      await transitionInTx(ctx, tx, { system: 'provision-job' }, t.id, { type: 'provisioned' }, {
        patch: () => ({ accountId: created.accountId, accountAddress: created.address, temporaryPasswordEnc: sealTemporary(ctx, t.id, created.temporaryPassword), lastError: null, lastErrorCode: null }),
        data: { directory: dir.kind, accountId: created.accountId, created: created.created },
      });
    });
  } catch (e) {
    if (!isDirectoryError(e)) throw e;
    const final = !e.retryable || meta.retryCount >= PROVISION_RETRIES;
    await inTransaction(ctx.database, async (tx) => {
      if (final) {
        await transitionInTx(ctx, tx, { system: 'provision-job' }, t.id, { type: 'provision_failed', message: e.detail }, {
          patch: () => ({ lastError: e.detail, lastErrorCode: e.code }),
          note: e.userMessage('id'),
          data: { code: e.code, detail: e.detail, attempts: meta.retryCount + 1 },
        });
      } else {
        await tx.db.update(serviceTickets).set({ lastError: e.detail, lastErrorCode: e.code, updatedAt: ctx.now() }).where(eq(serviceTickets.id, t.id));
      }
    });
    if (!final) throw e; // pg-boss retries with backoff
  }
}

function cap(w: string): string {
  return w ? w[0]!.toUpperCase() + w.slice(1) : w;
}

export async function runDirectoryOpJob(ctx: AppContext, data: DirectoryOpJob): Promise<void> {
  const [t] = await ctx.database.db.select().from(serviceTickets).where(eq(serviceTickets.id, data.ticketId));
  if (!t?.accountId || !t.accountAddress) return;
  const dir = requireDirectory(serviceDeskDeps(ctx).directory);
  const ref = { accountId: t.accountId, address: t.accountAddress };
  switch (data.op) {
    case 'suspend':
    case 'close':
      await dir.setSuspended(ref, true);
      break;
    case 'unsuspend':
      await dir.setSuspended(ref, false);
      break;
    case 'reset': {
      const pw = await dir.resetPassword(ref);
      await ctx.database.db.update(serviceTickets).set({ temporaryPasswordEnc: sealTemporary(ctx, t.id, pw), passwordSetAt: null }).where(eq(serviceTickets.id, t.id));
      break;
    }
  }
}
