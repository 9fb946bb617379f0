// The SRIKANDI-style tiles on the home page: what waits for this user now.
import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { deliveryCounters, documentDispatches } from '../correspondence/schema.js';
import { documents, documentSteps } from '../outgoing/schema.js';
import { positionsHeldBy } from '../org/positions.js';
import { units } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { countDispositions } from '../disposition/index.js';
import { countUnreadIncoming } from '../incoming/index.js';
import { countDisposalsForHead, countDisposalsToAssess } from '../archive/index.js';

export interface DashboardCounts {
  drafts: number;
  returned: number;
  toVerify: number;
  toSign: number;
  signedNotSent: number;
  incomingUnread: number;
  /** Dispositions received and not yet reported (Disposisi masuk, perlu tindak lanjut). */
  dispositionPending: number;
  /** Usul musnah waiting for this user's pertimbangan as a member of the panitia penilai. */
  archiveToAssess: number;
  archiveForHead: number;
}

export async function countDashboard(ctx: AppContext, actor: Actor): Promise<DashboardCounts> {
  const { db } = ctx.database;
  const held = await positionsHeldBy(db, actor.userId, isoDateIn(ctx.config.timeZone, ctx.now()));
  const positionIds = held.map((h) => h.positionId);

  const due = async (kind: 'verify' | 'sign') => {
    if (!positionIds.length) return 0;
    const [r] = await db
      .select({ n: count() })
      .from(documentSteps)
      .innerJoin(documents, eq(documents.id, documentSteps.documentId))
      .where(
        and(
          inArray(documentSteps.positionId, positionIds),
          eq(documentSteps.status, 'current'),
          eq(documentSteps.kind, kind),
          eq(documents.status, kind === 'verify' ? 'in_verification' : 'awaiting_signature'),
        ),
      );
    return r?.n ?? 0;
  };

  const mine = async (status: 'draft' | 'returned') => {
    const [r] = await db.select({ n: count() }).from(documents).where(and(eq(documents.drafterUserId, actor.userId), eq(documents.status, status)));
    return r?.n ?? 0;
  };

  const unread = async () => {
    if (!positionIds.length) return 0;
    const [r] = await db
      .select({ n: sql<number>`coalesce(sum(${deliveryCounters.unread}), 0)`.mapWith(Number) })
      .from(deliveryCounters)
      .where(inArray(deliveryCounters.positionId, positionIds));
    return r?.n ?? 0;
  };

  const awaitingDispatch = async () => {
    const scopes = actor.grants.filter((g) => g.role === 'records_officer');
    if (!scopes.length) return 0;
    const instanceWide = scopes.some((g) => g.unitPath === null);
    const [r] = await db
      .select({ n: count() })
      .from(documentDispatches)
      .innerJoin(units, eq(units.id, documentDispatches.senderUnitId))
      .where(
        and(
          eq(documentDispatches.status, 'awaiting'),
          instanceWide ? undefined : or(...scopes.map((g) => sql`${units.path} like ${g.unitPath + '%'}`)),
        ),
      );
    return r?.n ?? 0;
  };

  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const [drafts, returned, toVerify, toSign, signedNotSent, unreadDelivered, unreadRegistered, dispositions, archiveToAssess, archiveForHead] = await Promise.all([
    mine('draft'),
    mine('returned'),
    due('verify'),
    due('sign'),
    awaitingDispatch(),
    unread(),
    countUnreadIncoming(db, positionIds),
    countDispositions(db, { positionIds, today, userId: actor.userId }),
    countDisposalsToAssess(db, actor.userId),
    countDisposalsForHead(db, actor.userId, held),
  ]);
  return { drafts, returned, toVerify, toSign, signedNotSent, incomingUnread: unreadDelivered + unreadRegistered, dispositionPending: dispositions.pending, archiveToAssess, archiveForHead };
}
