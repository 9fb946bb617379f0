// Read-only questions about signing credentials.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { signingCredentials } from './schema.js';

/** True when the user has an active, unexpired certificate of the instance CA. */
export async function hasSigningCredential(db: Db, userId: string, now: Date = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: signingCredentials.id })
    .from(signingCredentials)
    .where(and(eq(signingCredentials.userId, userId), eq(signingCredentials.status, 'active'), gt(signingCredentials.notAfter, now)));
  return Boolean(row);
}
