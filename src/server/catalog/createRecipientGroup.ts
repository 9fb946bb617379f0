// A records officer (or the system administrator) saves a recipient group (kelompok penerima:
// positions, whole units, external addressees) for reuse in the tujuan/tembusan of letters.
import type { Actor } from '../auth/actor.js';
import { hasAnyRole, isSystemAdmin } from '../auth/actor.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { AppError } from '../errors.js';
import { recipientGroupMembers, recipientGroups } from './schema.js';

export interface RecipientGroupInput {
  name: string;
  description?: string | null | undefined;
  members: Array<{
    kind: 'position' | 'unit' | 'external';
    positionId?: string | null | undefined;
    unitId?: string | null | undefined;
    externalName?: string | null | undefined;
    externalAddress?: string | null | undefined;
    externalEmail?: string | null | undefined;
  }>;
}

export async function createRecipientGroup(ctx: AppContext, actor: Actor, input: RecipientGroupInput): Promise<{ id: string }> {
  if (!isSystemAdmin(actor) && !hasAnyRole(actor, 'records_officer')) throw new AppError('FORBIDDEN', { requiredRole: 'records_officer' });
  return inTransaction(ctx.database, async (tx) => {
    const now = ctx.now();
    const [g] = await tx.db.insert(recipientGroups).values({ name: input.name, description: input.description ?? null, createdBy: actor.userId, createdAt: now }).returning({ id: recipientGroups.id });
    await tx.db.insert(recipientGroupMembers).values(
      input.members.map((m, i) => ({ groupId: g!.id, kind: m.kind, positionId: m.positionId ?? null, unitId: m.unitId ?? null, externalName: m.externalName ?? null, externalAddress: m.externalAddress ?? null, externalEmail: m.externalEmail ?? null, sortOrder: i })),
    );
    await recordAudit(tx.db, { at: now, actorUserId: actor.userId, action: 'catalog.recipient_group_created', entityType: 'recipient_group', entityId: g!.id, data: { name: input.name, members: input.members.length }, ip: actor.ip });
    return { id: g!.id };
  });
}
