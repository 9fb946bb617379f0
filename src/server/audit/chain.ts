// The audit hash chain (issue 12, "tamper-evident audit"). Each event's hash is SHA-256 over a
// canonical JSON array of its position, the previous event's hash and its own fields, computed
// by the database from the typed column values, so insert and verification hash the same bytes
// on PGlite and PostgreSQL alike. The chain head (audit_chain_head, one row) is advanced in the
// same statement as the insert: writers serialise on its row lock until they commit.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The canonical bytes' hash of one event, from SQL expressions of its fields. */
export function eventHashSql(f: { seq: SQL; prevHash: SQL; at: SQL; actorUserId: SQL; action: SQL; entityType: SQL; entityId: SQL; data: SQL; ip: SQL }): SQL {
  return sql`encode(sha256(convert_to(jsonb_build_array(${f.seq}, ${f.prevHash}, (extract(epoch from ${f.at}) * 1000000)::bigint, ${f.actorUserId}, ${f.action}, ${f.entityType}, ${f.entityId}, ${f.data}, ${f.ip})::text, 'UTF8')), 'hex')`;
}

export interface ChainedRow {
  at: Date;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: string; // JSON text
  ip: string | null;
}

/** One statement: advance the head and insert the event linked to the previous one. */
export function chainedInsertSql(r: ChainedRow): SQL {
  const at = sql`${r.at}::timestamptz`;
  const actor = sql`${r.actorUserId}::uuid`;
  const action = sql`${r.action}::text`;
  const entityType = sql`${r.entityType}::text`;
  const entityId = sql`${r.entityId}::text`;
  const data = sql`${r.data}::jsonb`;
  const ip = sql`${r.ip}::text`;
  const hash = eventHashSql({ seq: sql`h.seq + 1`, prevHash: sql`h.hash`, at, actorUserId: actor, action, entityType, entityId, data, ip });
  return sql`head as (
      update audit_chain_head h set seq = h.seq + 1, prev_hash = h.hash, hash = ${hash}
      where h.id = 1
      returning h.seq, h.prev_hash, h.hash
    )
    insert into audit_events (at, actor_user_id, action, entity_type, entity_id, data, ip, seq, prev_hash, hash)
    select ${at}, ${actor}, ${action}, ${entityType}, ${entityId}, ${data}, ${ip}, head.seq, head.prev_hash, head.hash from head`;
}

export interface ChainReport {
  ok: boolean;
  /** Events checked (in the chain). */
  checked: number;
  /** The first broken link, in seq order. */
  firstBroken: { seq: number; id: number | null; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'head_mismatch' | 'unchained_row' } | null;
}

/** Walk the whole chain in the database; report the first link that does not hold. */
export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  const recomputed = eventHashSql({
    seq: sql`seq`,
    prevHash: sql`prev_hash`,
    at: sql`at`,
    actorUserId: sql`actor_user_id`,
    action: sql`action`,
    entityType: sql`entity_type`,
    entityId: sql`entity_id`,
    data: sql`data`,
    ip: sql`ip`,
  });
  const res = await db.execute<{ seq: string; id: string; reason: ChainReport['firstBroken'] extends infer B ? (B extends { reason: infer R } ? R : never) : never; checked: string }>(sql`
    with walk as (
      select id, seq, hash, prev_hash, ${recomputed} as recomputed,
             lag(hash) over (order by seq) as before_hash, lag(seq) over (order by seq) as before_seq
      from audit_events where seq is not null
    ),
    broken as (
      select seq, id, case
          when seq <> coalesce(before_seq, 0) + 1 then 'gap'
          when prev_hash is distinct from coalesce(before_hash, ${GENESIS_HASH}) then 'prev_hash_mismatch'
          else 'hash_mismatch' end as reason
      from walk
      where seq <> coalesce(before_seq, 0) + 1 or prev_hash is distinct from coalesce(before_hash, ${GENESIS_HASH}) or hash is distinct from recomputed
      order by seq limit 1
    )
    select b.seq::text, b.id::text, b.reason, (select count(*) from walk)::text as checked from broken b
    union all
    select null, null, null, (select count(*) from walk)::text where not exists (select 1 from broken)`);
  const row = res.rows[0]!;
  const checked = Number(row.checked);
  if (row.seq !== null) return { ok: false, checked, firstBroken: { seq: Number(row.seq), id: Number(row.id), reason: row.reason } };
  // The tail: the head must point at the last event (a deleted tail shows here).
  const head = await db.execute<{ seq: string; hash: string; last_seq: string | null; last_hash: string | null }>(sql`
    select h.seq::text, h.hash, (select max(seq) from audit_events)::text as last_seq,
           (select hash from audit_events where seq = (select max(seq) from audit_events)) as last_hash
    from audit_chain_head h where h.id = 1`);
  const h = head.rows[0];
  if (h && (Number(h.seq) !== Number(h.last_seq ?? 0) || (h.last_hash ?? GENESIS_HASH) !== h.hash)) {
    return { ok: false, checked, firstBroken: { seq: Number(h.last_seq ?? 0) + 1, id: null, reason: 'head_mismatch' } };
  }
  // Rows written around the recorder (no place in the chain), after the chain began.
  const stray = await db.execute<{ id: string }>(sql`
    select id::text from audit_events where seq is null and id > coalesce((select min(id) from audit_events where seq is not null), 0) order by id limit 1`);
  if (stray.rows[0]) return { ok: false, checked, firstBroken: { seq: 0, id: Number(stray.rows[0].id), reason: 'unchained_row' } };
  return { ok: true, checked, firstBroken: null };
}
