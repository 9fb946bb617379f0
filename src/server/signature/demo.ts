// Demo data of the signature domain, run inside the demo seed transaction (see demo/seedDemo.ts):
// every demo user holding the role `signer` gets a certificate whose key is unlocked by the
// demo passphrase, so the demo can sign out of the box.
import { inArray } from 'drizzle-orm';
import type { DemoSeeder } from '../module.js';
import { roleGrants } from '../org/schema.js';
import { setSetting } from '../settings/settings.js';
import { enrolSigners } from './enrolSigner.js';
import { FOOTER_SETTING } from './footer.js';
import { DEFAULT_FOOTER } from './pades/appearance.js';
import { ensurePkiIn } from './pki/authority.js';

/** Passphrase of every demo signer's TTE key. */
export const DEMO_SIGNING_PASSPHRASE = 'TTE-Demo-2026';

export const signatureDemoSeeder: DemoSeeder = async (ctx, tx, ids) => {
  await setSetting(tx.db, FOOTER_SETTING, DEFAULT_FOOTER, ctx.now());
  if (ctx.config.signature.signer !== 'local') return;
  const userIds = [...ids.users.values()];
  if (!userIds.length) return;
  const signerIds = (await tx.db.select({ userId: roleGrants.userId, role: roleGrants.role }).from(roleGrants).where(inArray(roleGrants.userId, userIds)))
    .filter((g) => g.role === 'signer')
    .map((g) => g.userId);
  // The CA is created here when this process has not started the signature domain yet.
  const pki = await ensurePkiIn(ctx, tx.db);
  await enrolSigners(ctx, tx.db, [...new Set(signerIds)].map((userId) => ({ userId, passphrase: DEMO_SIGNING_PASSPHRASE, pki })));
};
