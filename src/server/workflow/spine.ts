// The transition spine: every state change of every stateful entity (outgoing letters,
// dispositions, service tickets) takes this one path, in one transaction:
//
//   lock the row → authorise (404 for what the actor may not see, whatever version he sends)
//   → version check (409 when stale) → the domain's pure machine decides (a refusal is an
//   AppError) → write the change, record its events (timeline + audit, one record each) and
//   enqueue its jobs.
//
// Nothing that reaches outside (mail, WhatsApp, conversion, provisioning) happens here: those
// are jobs, enqueued in the transaction, so they exist iff the change committed.
import type { AppContext } from '../context.js';
import { recordEvents, type EventInput } from '../audit/recordEvent.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { JobType } from '../jobs.js';

/** What the domain's machine said: the decision, or a refusal as a typed error code. */
export type Verdict<D> = { ok: true; value: D } | { ok: false; code: ErrorCode; details?: Record<string, unknown> };

/** An event of the change; the spine stamps it with the change's instant. */
export type ChangeEvent = Omit<EventInput, 'at'>;

/** A job to enqueue with the change (typed by its defineJob). */
export interface JobRequest {
  type: JobType<unknown>;
  data: unknown;
}
export function job<T>(type: JobType<T>, data: NoInfer<T>): JobRequest {
  return { type: type as JobType<unknown>, data };
}

export interface Written<R> {
  result: R;
  events: ChangeEvent[];
  jobs?: JobRequest[];
}

export interface Transition<L, W, D, R> {
  /** 1. Lock the entity (SELECT … FOR UPDATE); the domain's NOT_FOUND when it does not exist. */
  lock(tx: Tx): Promise<L>;
  /** 2. Authorise: the domain's NOT_FOUND (404) when the actor may not see it; what he may do. */
  authorise(tx: Tx, locked: L): Promise<W> | W;
  /** 3. The version the client saw against the current one (none: not versioned by the client). */
  version?(locked: L, who: W): { expected: number | undefined; current: number; details?: Record<string, unknown> } | null;
  /** 4. The domain's policy and pure machine decide. */
  decide(tx: Tx, locked: L, who: W, now: Date): Promise<Verdict<D>> | Verdict<D>;
  /** 5. Write the change; the spine records the events and enqueues the jobs it returns. */
  write(tx: Tx, c: { locked: L; who: W; decided: D; now: Date }): Promise<Written<R>>;
}

/** Run a transition inside the caller's transaction. */
export async function runTransition<L, W, D, R>(ctx: AppContext, tx: Tx, t: Transition<L, W, D, R>): Promise<R> {
  const locked = await t.lock(tx);
  const who = await t.authorise(tx, locked);
  const v = t.version?.(locked, who);
  if (v && v.expected !== undefined && v.expected !== v.current) throw new AppError('STALE_VERSION', { current: v.current, ...(v.details ?? {}) });
  const now = ctx.now();
  const verdict = await t.decide(tx, locked, who, now);
  if (!verdict.ok) throw new AppError(verdict.code, verdict.details ?? {});
  const written = await t.write(tx, { locked, who, decided: verdict.value, now });
  await recordEvents(tx.db, written.events.map((e) => ({ ...e, at: now })));
  for (const j of written.jobs ?? []) await ctx.jobs.send(tx, j.type, j.data);
  return written.result;
}

/** Run a transition in its own transaction. */
export async function transition<L, W, D, R>(ctx: AppContext, t: Transition<L, W, D, R>): Promise<R> {
  return inTransaction(ctx.database, (tx) => runTransition(ctx, tx, t));
}
