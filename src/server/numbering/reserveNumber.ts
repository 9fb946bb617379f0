// Seed 002 step 2: the drafter tells the records officer the subject; the officer picks the
// classification code and issues the next number of the unit's register, dated today. The
// response is what the officer tells the drafter, who attaches it when registering the draft.
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { requireRole, type Actor } from '../auth/actor.js';
import { getUnit } from '../org/units.js';
import { isoDateIn } from '../../shared/dates.js';
import { takeNumber, type TakenNumber } from './allocateNumber.js';

export interface ReserveNumberInput {
  unitId: string;
  classificationCode: string;
  hal: string;
  documentTypeId?: string | null | undefined;
}

export async function reserveNumber(ctx: AppContext, actor: Actor, input: ReserveNumberInput): Promise<TakenNumber> {
  const unit = await getUnit(ctx.database.db, input.unitId);
  requireRole(actor, 'records_officer', unit.path);
  const date = isoDateIn(ctx.config.timeZone, ctx.now());
  return inTransaction(ctx.database, (tx) =>
    takeNumber(tx.db, {
      unitId: unit.id,
      date,
      documentTypeId: input.documentTypeId ?? null,
      classificationCode: input.classificationCode.trim(),
      documentId: null,
      hal: input.hal,
      actorUserId: actor.userId,
      status: 'reserved',
      ip: actor.ip,
      at: ctx.now(),
    }),
  );
}
