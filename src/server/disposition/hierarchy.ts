// "Below" in the position tree, for the machine's no-disposition-upward rule, and the positions a
// sender may dispose to (every position under his, with who holds it today incl. Plt/Plh).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { holdersOf } from '../org/positions.js';
import type { Hierarchy } from './machine.js';

/** Ancestors of each given position (walking parent_position_id up, at most 30 levels). */
export async function ancestorsOf(db: Db, positionIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(positionIds.map((p) => [p, new Set<string>()]));
  if (!positionIds.length) return out;
  const r = await db.execute<{ start: string; parent: string }>(sql`
    with recursive up(start, parent, depth) as (
      select p.id, p.parent_position_id, 1 from positions p where p.id in (${sql.join(positionIds.map((p) => sql`${p}::uuid`), sql`, `)})
      union all
      select up.start, p.parent_position_id, up.depth + 1 from up join positions p on p.id = up.parent where up.parent is not null and up.depth < 30
    )
    select start, parent from up where parent is not null`);
  for (const row of r.rows) out.get(row.start)?.add(row.parent);
  return out;
}

export async function hierarchyFor(db: Db, receivers: string[]): Promise<Hierarchy> {
  const anc = await ancestorsOf(db, [...new Set(receivers)]);
  return { isBelow: (sender, receiver) => anc.get(receiver)?.has(sender) ?? false };
}

export interface ReceiverOption {
  positionId: string;
  name: string;
  unitName: string;
  depth: number;
  holders: Array<{ userId: string; name: string; kind: 'definitif' | 'plt' | 'plh' | 'pj' }>;
}

/** Active positions below `positionId` (direct subordinates first), with today's holders. */
export async function receiverOptions(db: Db, positionId: string, today: string): Promise<ReceiverOption[]> {
  const r = await db.execute<{ id: string; name: string; unit_name: string; depth: number }>(sql`
    with recursive down(id, depth, ord) as (
      select p.id, 1, array[p.sort_order] from positions p where p.parent_position_id = ${positionId} and p.active
      union all
      select p.id, d.depth + 1, d.ord || p.sort_order from down d join positions p on p.parent_position_id = d.id where p.active and d.depth < 6
    )
    select d.id, p.name, u.name as unit_name, d.depth from down d join positions p on p.id = d.id join units u on u.id = p.unit_id
    order by d.depth, d.ord`);
  const holders = await holdersOf(db, r.rows.map((x) => x.id), today);
  return r.rows.map((x) => ({
    positionId: x.id,
    name: x.name,
    unitName: x.unit_name,
    depth: Number(x.depth),
    holders: (holders.get(x.id) ?? []).map((h) => ({ userId: h.userId, name: h.name, kind: h.kind })),
  }));
}
