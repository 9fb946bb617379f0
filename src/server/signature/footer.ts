// The legal footer printed on documents signed here: a setting (signature.footer, text with
// an {issuer} placeholder) and the issuer name (signature.issuerName, default: the instance
// CA, or BSrE when signing remotely).
import type { Db } from '../db/client.js';
import { getSetting } from '../settings/settings.js';
import { DEFAULT_FOOTER, footerText } from './pades/appearance.js';

export const FOOTER_SETTING = 'signature.footer';
export const ISSUER_SETTING = 'signature.issuerName';
export const BSRE_ISSUER = 'Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara';

export async function footerFor(db: Db, defaultIssuer: string): Promise<string> {
  const template = (await getSetting<string>(db, FOOTER_SETTING)) ?? DEFAULT_FOOTER;
  const issuer = (await getSetting<string>(db, ISSUER_SETTING)) ?? defaultIssuer;
  return footerText(template, issuer);
}
