// Service tickets on the transition spine (workflow/spine.ts): lock → authorise (404 for what
// you may not see) → version (409) → the pure machine decides → change + timeline event + audit
// event + jobs, in one transaction. Effects that reach outside (directory, WhatsApp) are jobs run after commit.
import { eq, inArray } from 'drizzle-orm';
import { isSystemAdmin, type Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { seal } from '../crypto/kek.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { AppError, type ErrorCode } from '../errors.js';
import { roleGrants, users } from '../org/schema.js';
import { job, runTransition, type ChangeEvent, type JobRequest } from '../workflow/spine.js';
import { canSeeTicket } from './access.js';
import { declareTicketRecord } from './archiveRecord.js';
import type { CatalogueEntry } from './catalogue.js';
import { getCatalogueEntry } from './catalogueStore.js';
import { linkToken, tokenHash } from './codes.js';
import { DIRECTORY_OP_JOB, PROVISION_JOB } from './jobNames.js';
import { decide, type Capacity, type Effect, type TicketAction, type TicketState } from './machine.js';
import { msg, sendNotice, ticketLink } from './messages.js';
import { actorFacts, capacitiesFor, unitHeadUserIds, type Capacities } from './people.js';
import { serviceTickets, serviceTicketEvents } from './schema.js';

export type TicketRow = typeof serviceTickets.$inferSelect;
export const ACTIVATION_TTL_MS = 24 * 3600_000;

export type Who = { actor: Actor } | { system: string };

const REASONS: Record<string, ErrorCode> = {
  NOT_ALLOWED_NOW: 'TICKET_ACTION_NOT_ALLOWED',
  NOT_YOUR_STEP: 'TICKET_NOT_YOUR_STEP',
  CHECKLIST_INCOMPLETE: 'TICKET_CHECKLIST_INCOMPLETE',
  REASON_REQUIRED: 'TICKET_REASON_REQUIRED',
};

export async function lockTicket(tx: Tx, id: string): Promise<TicketRow> {
  const [row] = await tx.db.select().from(serviceTickets).where(eq(serviceTickets.id, id)).for('update');
  if (!row) throw new AppError('TICKET_NOT_FOUND', { id });
  return row;
}

/** The actor's capacities on a ticket; 404 when he may not see it at all. */
export async function authoriseOn(ctx: AppContext, tx: Pick<Tx, 'db'>, actor: Actor, row: TicketRow, entry: CatalogueEntry): Promise<Capacities> {
  const facts = await actorFacts(ctx, tx.db, actor);
  const caps = await capacitiesFor(tx.db, facts, entry, row);
  if (!canSeeTicket(caps, isSystemAdmin(actor))) throw new AppError('TICKET_NOT_FOUND', { id: row.id });
  return caps;
}

export interface TransitionOptions {
  version?: number | undefined;
  note?: string | undefined;
  /** Extra column changes decided by the caller (checklist, fixed fields …), inside the transaction. */
  patch?: (row: TicketRow, tx: Tx) => Promise<Partial<TicketRow>> | Partial<TicketRow>;
  data?: Record<string, unknown>;
}

export async function transitionTicket(ctx: AppContext, who: Who, ticketId: string, action: TicketAction, opts: TransitionOptions = {}): Promise<TicketRow> {
  return inTransaction(ctx.database, (tx) => transitionInTx(ctx, tx, who, ticketId, action, opts));
}

export async function transitionInTx(ctx: AppContext, tx: Tx, who: Who, ticketId: string, action: TicketAction, opts: TransitionOptions = {}): Promise<TicketRow> {
  let entryOf: CatalogueEntry | undefined;
  const row = await runTransition(ctx, tx, {
    lock: async (t) => {
      const row = await lockTicket(t, ticketId);
      entryOf = await getCatalogueEntry(t.db, row.serviceKey);
      return { row, entry: entryOf };
    },
    authorise: async (t, { row, entry }) => {
      if (!('actor' in who)) return new Set<Capacity>(['system']);
      const c = await authoriseOn(ctx, t, who.actor, row, entry);
      if (action.type === 'provision' && c.adminNotAsn && !c.set.has('step_actor')) throw new AppError('TICKET_ADMIN_NOT_ASN');
      return c.set;
    },
    version: ({ row }) => ({ expected: opts.version, current: row.version }),
    decide: (_t, { row, entry }, caps) => {
      const d = decide(entry, { status: row.status, step: row.step, returnedFromStep: row.returnedFromStep }, action, caps);
      if (!d.ok) return { ok: false, code: REASONS[d.reason] ?? 'TICKET_ACTION_NOT_ALLOWED', details: { action: action.type, status: row.status, step: row.step } };
      return { ok: true, value: d };
    },
    write: async (t, { locked: { row }, who: caps, decided: d, now }) => {
      const before: TicketState = { status: row.status, step: row.step, returnedFromStep: row.returnedFromStep };
      const actorUserId = 'actor' in who ? who.actor.userId : null;
      const extra = opts.patch ? await opts.patch(row, t) : {};
      const reason = action.type === 'return' || action.type === 'cancel' ? action.reason.trim() : undefined;
      const [updated] = await t.db
        .update(serviceTickets)
        .set({
          ...extra,
          status: d.next.status,
          step: d.next.step,
          returnedFromStep: d.next.returnedFromStep,
          ...(action.type === 'return' ? { returnReason: reason } : {}),
          ...(action.type === 'resubmit' ? { returnReason: null } : {}),
          ...(d.next.status === 'active' && !row.activatedAt ? { activatedAt: now } : {}),
          ...(d.next.status === 'closed' || d.next.status === 'cancelled' ? { closedAt: now } : {}),
          version: row.version + 1,
          updatedAt: now,
        })
        .where(eq(serviceTickets.id, ticketId))
        .returning();
      const timeline = t.db
        .insert(serviceTicketEvents)
        .values({ ticketId, at: now, actorUserId, action: action.type, fromStatus: before.status, toStatus: d.next.status, fromStep: before.step, toStep: d.next.step, note: reason ?? opts.note ?? null, data: opts.data ?? {} })
        .getSQL();
      const event: ChangeEvent = {
        actorUserId,
        actedAs: 'actor' in who ? [...caps].join(',') : who.system,
        action: `servicedesk.${PAST[action.type]}`,
        entityType: 'service_ticket',
        entityId: ticketId,
        data: { number: row.number, from: before, to: d.next },
        ip: 'actor' in who ? who.actor.ip : null,
        timeline,
      };
      const jobs: JobRequest[] = [];
      const result = await runEffects(ctx, t, updated!, d.effects, jobs);
      return { result, events: [event], jobs };
    },
  });
  // Done (active or cancelled): the request is archived with its timeline, in this transaction
  // (idempotent: a later suspend or close finds the record already declared).
  if (entryOf) await declareTicketRecord(ctx, tx, row, entryOf, 'actor' in who ? who.actor.userId : null);
  return row;
}

/** Audit verbs (past tense) of the ticket actions; the timeline keeps the action's name. */
const PAST: Record<TicketAction['type'], string> = {
  dispose: 'disposed',
  accept: 'accepted',
  return: 'returned',
  resubmit: 'resubmitted',
  provision: 'provision_requested',
  provisioned: 'provisioned',
  provision_failed: 'provision_failed',
  resend_activation: 'activation_resent',
  activate: 'activated',
  suspend: 'suspended',
  unsuspend: 'unsuspended',
  reset: 'reset',
  close_account: 'account_closed',
  cancel: 'cancelled',
};

async function runEffects(ctx: AppContext, tx: Tx, row: TicketRow, effects: Effect[], jobs: JobRequest[]): Promise<TicketRow> {
  let current = row;
  for (const e of effects) {
    switch (e.kind) {
      case 'provision_account':
        jobs.push(job(PROVISION_JOB, { ticketId: row.id }));
        break;
      case 'send_activation': {
        const token = linkToken();
        const [u] = await tx.db
          .update(serviceTickets)
          .set({ activationTokenHash: tokenHash(token), activationExpiresAt: new Date(ctx.now().getTime() + ACTIVATION_TTL_MS), activationCodeVerifiedAt: null, passwordSetAt: null, totpPendingEnc: null })
          .where(eq(serviceTickets.id, row.id))
          .returning();
        current = u!;
        const link = `${ctx.config.publicUrl}/aktivasi/${token}`;
        await sendNotice(ctx, tx, row.whatsapp, msg.activation(row.applicantName, row.accountAddress ?? row.desiredAddress, link), 'activation', row.applicantUserId);
        break;
      }
      case 'notify_applicant': {
        const address = row.accountAddress ?? row.desiredAddress;
        const link = ticketLink(ctx, row.id);
        const n =
          e.template === 'returned'
            ? msg.returned(row.number, row.returnReason ?? '', link)
            : e.template === 'active'
              ? msg.active(row.number, address, link)
              : e.template === 'cancelled'
                ? msg.cancelled(row.number, link)
                : e.template === 'suspended'
                  ? msg.suspended(address, link)
                  : msg.closed(address, link);
        await sendNotice(ctx, tx, row.whatsapp, n, e.template, row.applicantUserId);
        break;
      }
      case 'notify_chain': {
        const entry = await getCatalogueEntry(tx.db, row.serviceKey);
        const ids = new Set<string>();
        for (const s of entry.steps) if (s.actor.kind === 'unit_head') for (const id of await unitHeadUserIds(ctx, tx.db, s.actor.unitCode)) ids.add(id);
        const admins = await tx.db.select({ userId: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, 'admin_email'));
        for (const a of admins) ids.add(a.userId);
        if (ids.size) {
          const people = await tx.db.select({ id: users.id, whatsapp: users.whatsapp }).from(users).where(inArray(users.id, [...ids]));
          for (const p of people) if (p.whatsapp) await sendNotice(ctx, tx, p.whatsapp, msg.chainActive(row.number, row.accountAddress ?? row.desiredAddress, ticketLink(ctx, row.id)), 'chain_active', p.id);
        }
        break;
      }
      case 'directory':
        jobs.push(job(DIRECTORY_OP_JOB, { ticketId: row.id, op: e.op }));
        break;
    }
  }
  return current;
}

export function sealTemporary(ctx: AppContext, ticketId: string, pw: string): string {
  return seal(ctx.kek, pw, `service_ticket:${ticketId}:temporary_password`);
}
