// Reading the audit trail: the system administrator's filtered, newest-first view and its CSV
// export. Keyset pagination on the chain position (seq), so a page costs the same at any depth.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { likePrefix } from '../db/like.js';
import { toCsv, type CsvSeparator } from '../../shared/csv.js';

export interface AuditFilter {
  actorUserId?: string;
  /** An exact action ("outgoing.approved") or a domain prefix ending in a dot ("auth."). */
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
}

export interface AuditEventRow {
  id: number;
  seq: number | null;
  at: Date;
  actor: { id: string; username: string | null; name: string | null } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, unknown>;
  ip: string | null;
}

function whereOf(f: AuditFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.actorUserId) parts.push(sql`e.actor_user_id = ${f.actorUserId}`);
  if (f.action) parts.push(f.action.endsWith('.') ? sql`e.action like ${likePrefix(f.action)}` : sql`e.action = ${f.action}`);
  if (f.entityType) parts.push(sql`e.entity_type = ${f.entityType}`);
  if (f.entityId) parts.push(sql`e.entity_id = ${f.entityId}`);
  if (f.from) parts.push(sql`e.at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`e.at < ${f.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

type RawRow = {
  id: string;
  seq: string | null;
  at: Date | string;
  actor_user_id: string | null;
  username: string | null;
  name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown> | null;
  ip: string | null;
};

function toRow(r: RawRow): AuditEventRow {
  return {
    id: Number(r.id),
    seq: r.seq === null ? null : Number(r.seq),
    at: new Date(r.at),
    actor: r.actor_user_id ? { id: r.actor_user_id, username: r.username, name: r.name } : null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data ?? {},
    ip: r.ip,
  };
}

async function select(db: Db, f: AuditFilter, opts: { beforeId?: number; limit: number }): Promise<AuditEventRow[]> {
  const cursor = opts.beforeId ? sql` and e.id < ${opts.beforeId}` : sql``;
  const res = await db.execute<RawRow>(sql`
    select e.id::text as id, e.seq::text as seq, e.at, e.actor_user_id, u.username, u.name, e.action, e.entity_type, e.entity_id, e.data, e.ip
    from audit_events e left join users u on u.id = e.actor_user_id
    where ${whereOf(f)}${cursor}
    order by e.id desc
    limit ${opts.limit}`);
  return res.rows.map(toRow);
}

/** One page, newest first; `nextBefore` continues after its last event (null: no more). */
export async function listAuditEvents(db: Db, f: AuditFilter, page: { before?: number; limit: number }): Promise<{ items: AuditEventRow[]; nextBefore: number | null }> {
  const rows = await select(db, f, { beforeId: page.before, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return { items, nextBefore: rows.length > page.limit ? items[items.length - 1]!.id : null };
}

/** The most rows one export carries; narrow the filter (a period) for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export async function exportAuditCsv(db: Db, f: AuditFilter, separator: CsvSeparator): Promise<{ csv: string; truncated: boolean }> {
  const rows = await select(db, f, { limit: AUDIT_EXPORT_MAX_ROWS + 1 });
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS;
  const header = ['urutan', 'waktu', 'pengguna', 'nama', 'tindakan', 'jenis_objek', 'id_objek', 'alamat_ip', 'rincian'];
  const body = rows
    .slice(0, AUDIT_EXPORT_MAX_ROWS)
    .map((r) => [r.seq ?? '', r.at.toISOString(), r.actor?.username ?? '', r.actor?.name ?? '', r.action, r.entityType, r.entityId ?? '', r.ip ?? '', JSON.stringify(r.data)]);
  return { csv: toCsv(header, body, { separator }), truncated };
}
