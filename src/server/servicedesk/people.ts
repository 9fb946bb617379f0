// Who may act at a step of a service, resolved from the organisation data on the day: the
// holder (definitif, Plt, Plh) of a unit's head position, or a role granted for the unit.
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { holdersOf, positionsHeldBy } from '../org/positions.js';
import { positions, units, users } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import type { CatalogueEntry, CatalogueStep } from './catalogue.js';
import type { Capacity } from './machine.js';

export interface UnitRef {
  id: string;
  path: string;
  name: string;
}

export async function unitByCode(db: Db, code: string): Promise<UnitRef | null> {
  const [u] = await db.select({ id: units.id, path: units.path, name: units.name }).from(units).where(eq(units.code, code));
  return u ?? null;
}

export function today(ctx: AppContext): string {
  return isoDateIn(ctx.config.timeZone, ctx.now());
}

/** Users who hold the head position of the unit with `unitCode` today. */
export async function unitHeadUserIds(ctx: AppContext, db: Db, unitCode: string): Promise<string[]> {
  const unit = await unitByCode(db, unitCode);
  if (!unit) return [];
  const heads = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.unitId, unit.id), eq(positions.isUnitHead, true), eq(positions.active, true)));
  const map = await holdersOf(
    db,
    heads.map((h) => h.id),
    today(ctx),
  );
  return [...map.values()].flat().map((h) => h.userId);
}

export interface ActorFacts {
  actor: Actor;
  /** Unit codes whose head position the actor holds today. */
  headOf: Set<string>;
  nip: string | null;
  /** Unit lookups by code, memoised for the request. */
  units: Map<string, Promise<UnitRef | null>>;
}

function unitOf(db: Db, f: ActorFacts, code: string): Promise<UnitRef | null> {
  let u = f.units.get(code);
  if (!u) {
    u = unitByCode(db, code);
    f.units.set(code, u);
  }
  return u;
}

export async function actorFacts(ctx: AppContext, db: Db, actor: Actor): Promise<ActorFacts> {
  const held = await positionsHeldBy(db, actor.userId, today(ctx));
  const heads = held.length
    ? await db
        .select({ code: units.code, isHead: positions.isUnitHead, id: positions.id })
        .from(positions)
        .innerJoin(units, eq(units.id, positions.unitId))
        .where(inArray(
          positions.id,
          held.map((h) => h.positionId),
        ))
    : [];
  const [u] = await db.select({ nip: users.nip }).from(users).where(eq(users.id, actor.userId));
  return { actor, headOf: new Set(heads.filter((h) => h.isHead && h.code).map((h) => h.code!)), nip: u?.nip ?? null, units: new Map() };
}

/** Whether the actor performs `step` (ignores ASN; see stepActorProblem). */
export async function performsStep(db: Db, f: ActorFacts, step: CatalogueStep): Promise<boolean> {
  switch (step.actor.kind) {
    case 'unit_head':
      return f.headOf.has(step.actor.unitCode);
    case 'role': {
      const unit = await unitOf(db, f, step.actor.unitCode);
      return hasRole(f.actor, step.actor.role, unit?.path ?? null);
    }
    default:
      return false;
  }
}

export interface TicketParties {
  applicantUserId: string | null;
  filedByUserId: string;
  step: number;
}

export interface Capacities {
  set: Set<Capacity>;
  /** Performs some person step of this service (Diskominfo chain). */
  chainMember: boolean;
  piiOfficer: boolean;
  /** Admin Email without a NIP: refused at the account step. */
  adminNotAsn: boolean;
}

export async function capacitiesFor(db: Db, f: ActorFacts, entry: CatalogueEntry, t: TicketParties): Promise<Capacities> {
  const set = new Set<Capacity>();
  if (t.applicantUserId === f.actor.userId || t.filedByUserId === f.actor.userId) set.add('applicant');
  let chainMember = false;
  let adminNotAsn = false;
  for (const step of entry.steps) {
    if (step.actor.kind !== 'unit_head' && step.actor.kind !== 'role') continue;
    const performs = await performsStep(db, f, step);
    if (!performs) continue;
    chainMember = true;
    const asnProblem = step.actor.kind === 'role' && step.actor.mustBeAsn && !f.nip;
    if (step.actor.kind === 'role') {
      if (asnProblem) adminNotAsn = true;
      else set.add('admin_email');
    }
    if (step.no === t.step && !asnProblem) set.add('step_actor');
  }
  const unit = await unitOf(db, f, entry.unitCode);
  const piiOfficer = hasRole(f.actor, 'pii_officer', unit?.path ?? null);
  return { set, chainMember, piiOfficer, adminNotAsn };
}
