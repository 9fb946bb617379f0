// Due dates of dispositions: a reminder the day before (08:00 in the pemda's time zone) and an
// overdue notice the morning after, as jobs scheduled when the disposition is made. The job
// checks the node again: a node closed meanwhile gets nothing.
import { z } from 'zod';
import { defineJob } from '../jobs.js';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { emitIncomingEvent, getLetterRow, recordLetterEvent } from '../incoming/index.js';
import { isOpen } from './machine.js';
import { dispositions } from './schema.js';

/** Notes a disposition's reminder (the day before) or overdue (the day after) and tells people. */
export const DUE_JOB = defineJob('disposition.due', z.object({ dispositionId: z.string().min(1), kind: z.enum(['reminder', 'overdue']) }), { retryLimit: 3, retryDelaySeconds: 60 });

export type DueJobData = z.output<typeof DUE_JOB.payload>;

/** The instant of `hh:mm` on calendar day `date` in `timeZone`. */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(guess);
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asLocal = Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Enqueue both notices for a node with a due date, inside the disposing transaction. */
export async function scheduleDueJobs(ctx: AppContext, tx: Tx, dispositionId: string, dueDate: string): Promise<void> {
  const remindAt = zonedInstant(addDays(dueDate, -1), '08:00', ctx.config.timeZone);
  const overdueAt = zonedInstant(addDays(dueDate, 1), '07:00', ctx.config.timeZone);
  await ctx.jobs.send(tx, DUE_JOB, { dispositionId, kind: 'reminder' }, { startAfter: remindAt, singletonKey: `${dispositionId}:reminder` });
  await ctx.jobs.send(tx, DUE_JOB, { dispositionId, kind: 'overdue' }, { startAfter: overdueAt, singletonKey: `${dispositionId}:overdue` });
}

/** The job: note the reminder/overdue on the timeline and tell the receiver (and, when overdue, the sender). */
export async function dueJob(ctx: AppContext, data: DueJobData): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const [n] = await tx.db.select().from(dispositions).where(eq(dispositions.id, data.dispositionId)).for('update');
    if (!n || !n.dueDate || !isOpen(n.state) || n.state === 'reported') return;
    const already = data.kind === 'reminder' ? n.remindedAt : n.overdueNotifiedAt;
    if (already) return;
    const now = ctx.now();
    await tx.db
      .update(dispositions)
      .set(data.kind === 'reminder' ? { remindedAt: now } : { overdueNotifiedAt: now })
      .where(and(eq(dispositions.id, n.id), data.kind === 'reminder' ? isNull(dispositions.remindedAt) : isNull(dispositions.overdueNotifiedAt)));
    const letter = await getLetterRow(tx.db, n.letterId);
    await recordLetterEvent(tx.db, { letterId: n.letterId, dispositionId: n.id, at: now, actorUserId: null, action: data.kind === 'reminder' ? 'due_soon' : 'overdue', domain: 'disposition', data: { dueDate: n.dueDate } });
    const hal = letter?.sifat === 'biasa' ? (letter.hal ?? null) : null;
    if (data.kind === 'reminder') {
      await emitIncomingEvent(ctx, tx, { type: 'disposition.due_soon', letterId: n.letterId, dispositionId: n.id, toPositionIds: [n.receiverPositionId], dueDate: n.dueDate, sifat: letter?.sifat ?? 'biasa', hal });
    } else {
      await emitIncomingEvent(ctx, tx, { type: 'disposition.overdue', letterId: n.letterId, dispositionId: n.id, toPositionIds: [n.receiverPositionId], senderPositionId: n.senderPositionId, dueDate: n.dueDate, sifat: letter?.sifat ?? 'biasa', hal });
    }
  });
}
