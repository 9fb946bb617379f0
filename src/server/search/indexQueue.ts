// Drains search_queue: each queued naskah is re-read from its own domain by the handler that
// domain registered for its kind, and its row rewritten. Triggers fill the queue inside the
// transaction of every change, so the index can lag by a poll interval but never miss a change.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import type { SearchKind } from './schema.js';

export type SearchSource = (ctx: AppContext, db: Db, sourceId: string) => Promise<void>;

const sources = new Map<SearchKind, SearchSource>();

/** A domain tells the index how to (re)build the rows of its kind. */
export function registerSearchSource(kind: SearchKind, source: SearchSource): void {
  sources.set(kind, source);
}

/** Queue a naskah for re-indexing with the caller's handle (normally inside its transaction). */
export async function queueForIndex(db: Db, kind: SearchKind, sourceId: string): Promise<void> {
  await db.execute(sql`insert into search_queue (kind, source_id) values (${kind}, ${sourceId}) on conflict (kind, source_id) do update set queued_at = now()`);
}

/** One round: up to `batch` queued naskah indexed, each in its own transaction. Returns how many. */
export async function drainSearchQueue(ctx: AppContext, batch = 50): Promise<number> {
  const { rows } = await ctx.database.db.execute<{ kind: SearchKind; source_id: string; queued_at: string }>(
    sql`select kind, source_id, queued_at::text as queued_at from search_queue order by queued_at limit ${batch}`,
  );
  let done = 0;
  for (const r of rows) {
    const source = sources.get(r.kind);
    try {
      await inTransaction(ctx.database, async (tx) => {
      // Skip if another worker has it; drop the queue row only if nothing re-queued it meanwhile.
      const locked = await tx.db.execute(sql`select 1 from search_queue where kind = ${r.kind} and source_id = ${r.source_id} for update skip locked`);
      if (!locked.rows.length) return;
      if (source) await source(ctx, tx.db, r.source_id);
      await tx.db.execute(sql`delete from search_queue where kind = ${r.kind} and source_id = ${r.source_id} and queued_at <= ${r.queued_at}::timestamptz`);
      done++;
      });
    } catch (err) {
      // A naskah that cannot be indexed must not block the queue: logged, dropped, re-queued by its next change.
      ctx.log.warn({ err, kind: r.kind, sourceId: r.source_id }, 'search: indexing failed');
      await ctx.database.db.execute(sql`delete from search_queue where kind = ${r.kind} and source_id = ${r.source_id}`);
      done++;
    }
  }
  return done;
}

/** Drain until empty (tests, the reindex command). */
export async function drainSearchQueueFully(ctx: AppContext): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await drainSearchQueue(ctx, 200);
    total += n;
    if (n === 0) return total;
  }
}
