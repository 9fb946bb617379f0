// Reading and setting a unit's numbering mode and formats (system admin, or the records officer
// of the unit or an ancestor). Formats are checked with validateFormat; reasons in Indonesian.
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import type { NumberingMode } from '../catalog/schema.js';
import { documentTypes } from '../catalog/schema.js';
import { AppError, type FieldError } from '../errors.js';
import { getUnit } from '../org/units.js';
import { yearIn } from '../../shared/dates.js';
import { formatNumber, validateFormat } from './numberFormat.js';
import { loadSettingsChain, pickFormat, pickMode, typeKey } from './numberingSettings.js';
import { numberingSettings } from './schema.js';

export interface NumberingSettingsView {
  unitId: string;
  unitName: string;
  unitCode: string | null;
  /** What this unit itself sets (null = inherit); version null while the unit has no settings row. */
  own: { mode: NumberingMode | null; defaultFormat: string | null; typeFormats: Record<string, string>; version: number | null };
  /** What applies, and which unit it comes from (null = built-in default). */
  effective: { mode: NumberingMode; modeFromUnitId: string | null; defaultFormat: string; defaultFormatFromUnitId: string | null; example: string | null };
}

/** `year` is only used for the example number shown beside the format. */
export async function getNumberingSettings(db: Db, unitId: string, year: number): Promise<NumberingSettingsView> {
  const { unit, chain } = await loadSettingsChain(db, unitId);
  const own = chain[0]?.unitId === unit.id ? chain[0] : undefined;
  const mode = pickMode(chain);
  const format = pickFormat(chain, null);
  let example: string | null = null;
  try {
    if (unit.code) example = formatNumber(format.format, { klasifikasi: '000.1.5', urut: 1, kodeUnit: unit.code, tahun: year, bulan: 1, kodeJenis: 'UND' });
  } catch {
    example = null;
  }
  return {
    unitId: unit.id,
    unitName: unit.name,
    unitCode: unit.code,
    own: { mode: own?.mode ?? null, defaultFormat: own?.defaultFormat ?? null, typeFormats: own?.typeFormats ?? {}, version: own?.version ?? null },
    effective: { mode: mode.mode, modeFromUnitId: mode.fromUnitId, defaultFormat: format.format, defaultFormatFromUnitId: format.fromUnitId, example },
  };
}

export interface SetNumberingSettingsInput {
  mode: NumberingMode | null;
  defaultFormat: string | null;
  typeFormats: Record<string, string>;
  /** The version last seen; null/absent when the unit had no settings yet. */
  version?: number | null | undefined;
}

export function assertFormats(input: Pick<SetNumberingSettingsInput, 'defaultFormat' | 'typeFormats'>): void {
  const fields: FieldError[] = [];
  if (input.defaultFormat !== null) {
    const v = validateFormat(input.defaultFormat);
    if (!v.ok) for (const e of v.errors) fields.push({ path: 'body.defaultFormat', message: e });
  }
  for (const [code, format] of Object.entries(input.typeFormats)) {
    const v = validateFormat(format);
    if (!v.ok) for (const e of v.errors) fields.push({ path: `body.typeFormats.${code}`, message: e });
  }
  if (fields.length) throw new AppError('NUMBER_FORMAT_INVALID', { fields }, { id: `Format nomor naskah tidak valid: ${fields[0]!.message}` });
}

export async function setNumberingSettings(ctx: AppContext, actor: Actor, unitId: string, input: SetNumberingSettingsInput): Promise<NumberingSettingsView> {
  const unit = await getUnit(ctx.database.db, unitId);
  if (!isSystemAdmin(actor) && !hasRole(actor, 'records_officer', unit.path)) throw new AppError('FORBIDDEN', { requiredRole: ['system_admin', 'records_officer'] });
  const defaultFormat = input.defaultFormat?.trim() || null;
  const typeFormats = Object.fromEntries(
    Object.entries(input.typeFormats)
      .map(([k, v]) => [typeKey(k), v.trim()] as const)
      .filter(([k, v]) => k && v),
  );
  assertFormats({ defaultFormat, typeFormats });
  const codes = Object.keys(typeFormats);
  if (codes.length) {
    const known = new Set((await ctx.database.db.select({ code: sql<string>`upper(${documentTypes.code})` }).from(documentTypes)).map((r) => r.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) {
      throw new AppError('VALIDATION_FAILED', { fields: unknown.map((c) => ({ path: `body.typeFormats.${c}`, message: `Jenis naskah dengan kode ${c} tidak ada` })) });
    }
  }
  return inTransaction(ctx.database, async (tx) => {
    const [current] = await tx.db.select().from(numberingSettings).where(eq(numberingSettings.unitId, unit.id)).for('update');
    if ((current?.version ?? null) !== (input.version ?? null)) throw new AppError('STALE_VERSION', { current: current?.version ?? null });
    const values = { mode: input.mode, defaultFormat, typeFormats, updatedAt: ctx.now(), updatedBy: actor.userId };
    if (current) await tx.db.update(numberingSettings).set({ ...values, version: current.version + 1 }).where(eq(numberingSettings.unitId, unit.id));
    else await tx.db.insert(numberingSettings).values({ unitId: unit.id, ...values });
    await recordAudit(tx.db, { at: ctx.now(),
      actorUserId: actor.userId,
      action: 'numbering.settings_updated',
      entityType: 'unit',
      entityId: unit.id,
      data: { mode: input.mode, defaultFormat, typeFormats, before: current ? { mode: current.mode, defaultFormat: current.defaultFormat, typeFormats: current.typeFormats } : null },
      ip: actor.ip,
    });
    return getNumberingSettings(tx.db, unit.id, yearIn(ctx.config.timeZone, ctx.now()));
  });
}
