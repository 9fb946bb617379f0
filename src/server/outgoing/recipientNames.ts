// How recipients read in a letter ("Yth. Kepala Dinas …", tembusan lines) and who receives
// what: internal positions (inbox) and external addressees (outbox).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { positions, units } from '../org/schema.js';
import { documentRecipients } from './schema.js';
import { recipientGroupMembers, recipientGroups } from '../catalog/schema.js';

export type RecipientRow = typeof documentRecipients.$inferSelect;

export async function loadRecipients(db: Db, documentId: string): Promise<RecipientRow[]> {
  return db.select().from(documentRecipients).where(eq(documentRecipients.documentId, documentId)).orderBy(asc(documentRecipients.role), asc(documentRecipients.sortOrder));
}

/** Display names for recipients, in order, for the tujuan and tembusan fields. */
export async function recipientLabels(db: Db, recipients: RecipientRow[]): Promise<{ tujuan: string[]; tembusan: string[] }> {
  const posIds = recipients.map((r) => r.positionId).filter((x): x is string => !!x);
  const unitIds = recipients.map((r) => r.unitId).filter((x): x is string => !!x);
  const groupIds = recipients.map((r) => r.groupId).filter((x): x is string => !!x);
  const posNames = posIds.length ? await db.select({ id: positions.id, name: positions.name }).from(positions).where(inArray(positions.id, posIds)) : [];
  const heads = unitIds.length
    ? await db.select({ unitId: positions.unitId, name: positions.name, isHead: positions.isUnitHead }).from(positions).where(inArray(positions.unitId, unitIds))
    : [];
  const unitNames = unitIds.length ? await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)) : [];
  const groupNames = groupIds.length ? await db.select({ id: recipientGroups.id, name: recipientGroups.name }).from(recipientGroups).where(inArray(recipientGroups.id, groupIds)) : [];
  return labelRecipients(recipients, { positions: posNames, heads, units: unitNames, groups: groupNames });
}

export interface RecipientNames {
  positions: ReadonlyArray<{ id: string; name: string }>;
  /** Positions of the units addressed, to name a unit by its head. */
  heads: ReadonlyArray<{ unitId: string; name: string; isHead: boolean }>;
  units: ReadonlyArray<{ id: string; name: string }>;
  groups: ReadonlyArray<{ id: string; name: string }>;
}

/** recipientLabels on names already loaded (the document page loads them in its one statement). */
export function labelRecipients(recipients: RecipientRow[], names: RecipientNames): { tujuan: string[]; tembusan: string[] } {
  const posNames = new Map(names.positions.map((p) => [p.id, p.name]));
  const unitNames = new Map(names.units.map((u) => [u.id, u.name]));
  const groupNames = new Map(names.groups.map((g) => [g.id, g.name]));
  const label = (r: RecipientRow): string => {
    switch (r.kind) {
      case 'position':
        return posNames.get(r.positionId!) ?? '?';
      case 'unit':
        return names.heads.find((h) => h.unitId === r.unitId && h.isHead)?.name ?? unitNames.get(r.unitId!) ?? '?';
      case 'group':
        return groupNames.get(r.groupId!) ?? '?';
      case 'external':
        return r.externalName ?? '?';
    }
  };
  return {
    tujuan: recipients.filter((r) => r.role === 'to').map(label),
    tembusan: recipients.filter((r) => r.role === 'cc').map(label),
  };
}

export interface ExpandedRecipients {
  /** Internal positions to deliver to, with the strongest role (tujuan beats tembusan). */
  positions: Map<string, 'to' | 'cc'>;
  external: Array<{ recipientId: string | null; role: 'to' | 'cc'; name: string; address: string | null; email: string | null }>;
  /** Units addressed that have no head position (cannot be delivered internally). */
  headless: string[];
}

/** Resolve units to their head position and groups to their members: two statements, whatever the number of recipients. */
export async function expandRecipients(db: Db, recipients: RecipientRow[]): Promise<ExpandedRecipients> {
  const groupIds = [...new Set(recipients.filter((r) => r.kind === 'group' && r.groupId).map((r) => r.groupId!))];
  const members = groupIds.length
    ? await db.select().from(recipientGroupMembers).where(inArray(recipientGroupMembers.groupId, groupIds)).orderBy(asc(recipientGroupMembers.sortOrder))
    : [];
  const unitIds = [...new Set([...recipients, ...members].filter((r) => r.kind === 'unit' && r.unitId).map((r) => r.unitId!))];
  const heads = unitIds.length
    ? await db.select({ id: positions.id, unitId: positions.unitId }).from(positions).where(and(inArray(positions.unitId, unitIds), eq(positions.isUnitHead, true), eq(positions.active, true))).orderBy(asc(positions.id))
    : [];
  return resolveRecipients(recipients, members, heads);
}

type GroupMember = Pick<typeof recipientGroupMembers.$inferSelect, 'groupId' | 'kind' | 'positionId' | 'unitId' | 'externalName' | 'externalAddress' | 'externalEmail'>;

/** expandRecipients on rows already loaded: members in their sort order, the active head positions of the units. */
export function resolveRecipients(recipients: RecipientRow[], members: readonly GroupMember[], heads: ReadonlyArray<{ id: string; unitId: string }>): ExpandedRecipients {
  const out: ExpandedRecipients = { positions: new Map(), external: [], headless: [] };
  const headOf = new Map<string, string>();
  for (const h of heads) if (!headOf.has(h.unitId)) headOf.set(h.unitId, h.id);
  const addPos = (id: string, role: 'to' | 'cc') => {
    if (out.positions.get(id) !== 'to') out.positions.set(id, role);
  };
  const addUnit = (unitId: string, role: 'to' | 'cc') => {
    const head = headOf.get(unitId);
    if (head) addPos(head, role);
    else out.headless.push(unitId);
  };
  for (const r of recipients) {
    if (r.kind === 'position' && r.positionId) addPos(r.positionId, r.role);
    else if (r.kind === 'unit' && r.unitId) addUnit(r.unitId, r.role);
    else if (r.kind === 'external') {
      out.external.push({ recipientId: r.id, role: r.role, name: r.externalName ?? '', address: r.externalAddress, email: r.externalEmail });
    } else if (r.kind === 'group' && r.groupId) {
      for (const m of members) {
        if (m.groupId !== r.groupId) continue;
        if (m.kind === 'position' && m.positionId) addPos(m.positionId, r.role);
        else if (m.kind === 'unit' && m.unitId) addUnit(m.unitId, r.role);
        else if (m.kind === 'external') out.external.push({ recipientId: r.id, role: r.role, name: m.externalName ?? '', address: m.externalAddress, email: m.externalEmail });
      }
    }
  }
  return out;
}
