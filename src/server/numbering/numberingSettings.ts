// A unit's effective numbering settings: its own, else the nearest ancestor's, else the
// defaults (at_signing; DEFAULT_NUMBER_FORMAT). Setting them on the pemda root unit therefore
// sets the instance default.
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { NumberingMode } from '../catalog/schema.js';
import { getUnit, type UnitRow } from '../org/units.js';
import { DEFAULT_NUMBER_FORMAT } from './numberFormat.js';
import { numberingSettings } from './schema.js';

export type NumberingSettingsRow = typeof numberingSettings.$inferSelect;
export const DEFAULT_NUMBERING_MODE: NumberingMode = 'at_signing';

/** Ids on the unit's path, nearest first (the unit itself, its parent, … the root). */
export function pathIdsNearestFirst(unitPath: string): string[] {
  return unitPath.split('/').filter(Boolean).reverse();
}

type ChainLink = Pick<NumberingSettingsRow, 'unitId' | 'mode' | 'defaultFormat' | 'typeFormats'>;

/** Type code as settings key it: trimmed, upper case. */
export function typeKey(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * Pure: the format for a document type along the chain (nearest first). At each unit its format
 * for the type wins over its default format; then the next ancestor; then the built-in default.
 */
export function pickFormat(chain: ChainLink[], typeCode: string | null | undefined): { format: string; fromUnitId: string | null; byType: boolean } {
  for (const link of chain) {
    const byType = typeCode ? link.typeFormats[typeKey(typeCode)] : undefined;
    if (byType) return { format: byType, fromUnitId: link.unitId, byType: true };
    if (link.defaultFormat) return { format: link.defaultFormat, fromUnitId: link.unitId, byType: false };
  }
  return { format: DEFAULT_NUMBER_FORMAT, fromUnitId: null, byType: false };
}

/** Pure: the mode along the chain (nearest first). */
export function pickMode(chain: ChainLink[]): { mode: NumberingMode; fromUnitId: string | null } {
  const link = chain.find((l) => l.mode);
  return link ? { mode: link.mode!, fromUnitId: link.unitId } : { mode: DEFAULT_NUMBERING_MODE, fromUnitId: null };
}

export interface SettingsChain {
  unit: UnitRow;
  /** Settings rows of the unit and its ancestors, nearest first (units without a row skipped). */
  chain: NumberingSettingsRow[];
}

export async function loadSettingsChain(db: Db, unitId: string): Promise<SettingsChain> {
  const unit = await getUnit(db, unitId);
  const ids = pathIdsNearestFirst(unit.path);
  const rows = await db.select().from(numberingSettings).where(inArray(numberingSettings.unitId, ids));
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  return { unit, chain: ids.flatMap((id) => (byUnit.has(id) ? [byUnit.get(id)!] : [])) };
}

/**
 * When a unit's letters get their number: 'before_drafting' (the records officer issues it first,
 * seed 002) or 'at_signing' (fixed at signing). Inherited from the nearest ancestor that sets it.
 */
export async function getNumberingMode(db: Db, unitId: string): Promise<NumberingMode> {
  const { chain } = await loadSettingsChain(db, unitId);
  return pickMode(chain).mode;
}
