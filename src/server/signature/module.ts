// TTE: the instance PKI, PAdES signing, verification, the BSrE adapter, the public registry.
// At start: the footer setting and the instance PKI.
import { defineModule } from '../module.js';
import { settings } from '../settings/schema.js';
import { getSetting } from '../settings/settings.js';
import { signatureCliCommands } from './cli.js';
import { signatureDemoSeeder } from './demo.js';
import { signatureErrors } from './errors.js';
import { FOOTER_SETTING } from './footer.js';
import { DEFAULT_FOOTER } from './pades/appearance.js';
import { getPki, renewAuthorities } from './pki/authority.js';
import { addKekLayerToStoredKeys } from './credentialStore.js';
import { renewSealCredentials } from './sealCredentials.js';
import { signaturePublicRoutes } from './publicRoutes.js';
import { signatureRoutes } from './routes.js';

export const signatureModule = defineModule({
  name: 'signature',
  routes: signatureRoutes,
  publicRoutes: signaturePublicRoutes,
  errors: signatureErrors,
  demo: signatureDemoSeeder,
  cli: signatureCliCommands,
  // Key rollover of the timestamp unit and the OCSP responder, and re-issue of office e-seal
  // certificates, before their certificates end.
  pollers: (ctx) => [
    {
      name: 'signature.authority_renewal',
      intervalMs: 6 * 60 * 60 * 1000,
      run: async () => {
        if (!(await getSetting<string>(ctx.database.db, 'instance.name'))) return 0;
        await renewAuthorities(ctx);
        return renewSealCredentials(ctx);
      },
    },
  ],
  /**
   * Every process start, after migrations. The PKI is created now when the pemda name is set
   * (its certificates carry it); on a brand-new database it is created on first use instead, so
   * the demo seed (which sets the name first) gets a CA named after the demo pemda.
   */
  async start(ctx) {
    await ctx.database.db.insert(settings).values({ key: FOOTER_SETTING, value: DEFAULT_FOOTER }).onConflictDoNothing();
    // Signer keys stored before they were also wrapped under the KEK get that layer now.
    const wrapped = await addKekLayerToStoredKeys(ctx.kek, ctx.database.db);
    if (wrapped) ctx.log.info({ wrapped }, 'signer keys wrapped under the key-encryption key');
    if (await getSetting<string>(ctx.database.db, 'instance.name')) await getPki(ctx);
  },
});
