// Rows that come back inside JSON (json_agg / to_jsonb subqueries, so a page loads in one
// statement) turned into the same typed rows a Drizzle select gives: database column names to
// property names, each value through its column's own driver mapping (timestamps become Dates).
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = json[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as InferSelectModel<T>;
}

export function rowsFromJson<T extends Table>(table: T, list: ReadonlyArray<Record<string, unknown>> | null): InferSelectModel<T>[] {
  return (list ?? []).map((j) => rowFromJson(table, j));
}
