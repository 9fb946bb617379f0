// Who a signer is, as certificates and stamps name him: name, NIP, NIK, the position he holds
// today (prefixed Plt./Plh./Pj. when acting), its unit, and the pemda.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { users } from '../org/schema.js';
import { positionsHeldBy } from '../org/positions.js';
import { getSetting } from '../settings/settings.js';
import { isoDateIn } from '../../shared/dates.js';
import type { SignerIdentity } from './pki/certificates.js';
import { FALLBACK_ORGANISATION } from './pki/authority.js';

const ACTING_PREFIX = { definitif: '', plt: 'Plt. ', plh: 'Plh. ', pj: 'Pj. ' } as const;

export interface SignerProfile extends SignerIdentity {
  userId: string;
  status: string;
}

export async function signerProfile(db: Db, userId: string, now: Date, timeZone: string): Promise<SignerProfile> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('NOT_FOUND', { entity: 'user', id: userId });
  const held = await positionsHeldBy(db, userId, isoDateIn(timeZone, now));
  const first = held[0];
  const organisation = (await getSetting<string>(db, 'instance.name'))?.trim() || FALLBACK_ORGANISATION;
  return {
    userId,
    status: user.status,
    name: user.name,
    nip: user.nip,
    nik: user.nik,
    title: first ? `${ACTING_PREFIX[first.kind]}${first.positionName}` : null,
    unit: first?.unitName ?? null,
    organisation,
  };
}
