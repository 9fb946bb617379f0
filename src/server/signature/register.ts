// Per-context wiring of the signature domain: no background jobs (bulk signing runs inside the
// call that holds the unwrapped key); at start, the footer setting and the instance PKI.
import type { AppContext } from '../context.js';
import { settings } from '../settings/schema.js';
import { getSetting } from '../settings/settings.js';
import { FOOTER_SETTING } from './footer.js';
import { DEFAULT_FOOTER } from './pades/appearance.js';
import { getPki } from './pki/authority.js';

export function registerSignatureDomain(_ctx: AppContext): void {}

/**
 * Every process start, after migrations. The PKI is created now when the pemda name is set
 * (its certificates carry it); on a brand-new database it is created on first use instead, so
 * the demo seed (which sets the name first) gets a CA named after the demo pemda.
 */
export async function startSignatureDomain(ctx: AppContext): Promise<void> {
  await ctx.database.db.insert(settings).values({ key: FOOTER_SETTING, value: DEFAULT_FOOTER }).onConflictDoNothing();
  if (await getSetting<string>(ctx.database.db, 'instance.name')) await getPki(ctx);
}
