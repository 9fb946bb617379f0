// The incoming register (agenda surat masuk): a gap-free number per receiving unit, series and
// year. A unit may keep secret letters (rahasia, sangat rahasia) in their own series.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { getSetting, setSetting } from '../settings/settings.js';
import type { IncomingSifat } from './schema.js';

const settingKey = (unitId: string) => `incoming.secretSeries.${unitId}`;

export async function usesSecretSeries(db: Db, unitId: string): Promise<boolean> {
  return (await getSetting<boolean>(db, settingKey(unitId))) === true;
}

export async function setSecretSeries(db: Db, unitId: string, on: boolean, at: Date): Promise<void> {
  await setSetting(db, settingKey(unitId), on, at);
}

export async function agendaSeriesFor(db: Db, unitId: string, sifat: IncomingSifat): Promise<'umum' | 'rahasia'> {
  if (sifat !== 'rahasia' && sifat !== 'sangat_rahasia') return 'umum';
  return (await usesSecretSeries(db, unitId)) ? 'rahasia' : 'umum';
}

/** Next number, inside the caller's transaction (the counter row lock serialises concurrent registrations). */
export async function allocateAgendaNumber(db: Db, unitId: string, series: string, year: number): Promise<number> {
  const r = await db.execute<{ last: number }>(sql`
    insert into incoming_agenda_counters (unit_id, series, year, last) values (${unitId}, ${series}, ${year}, 1)
    on conflict (unit_id, series, year) do update set last = incoming_agenda_counters.last + 1
    returning last`);
  return Number(r.rows[0]!.last);
}

/** "0012/SM/2026" or, in the secret series, "0003/SM-R/2026". */
export function agendaLabel(l: { agendaNumber: number | null; agendaSeries: string | null; agendaYear: number | null }): string | null {
  if (l.agendaNumber === null || l.agendaYear === null) return null;
  return `${String(l.agendaNumber).padStart(4, '0')}/${l.agendaSeries === 'rahasia' ? 'SM-R' : 'SM'}/${l.agendaYear}`;
}
