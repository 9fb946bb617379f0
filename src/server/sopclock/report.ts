// "Kinerja SOP": per SOP step of an office, actual time against the standard over a period, and
// the letters overdue now. For the head of that office (or of a unit above it) and admins.
import { and, asc, eq, inArray, like, notInArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { isSystemAdmin, type Actor } from '../auth/actor.js';
import { sopTimeStandards, type SopStepStandard } from '../catalog/schema.js';
import { pickStandard, standardFor, unitChainOf } from '../catalog/sopStandards.js';
import { AppError } from '../errors.js';
import { positions, units } from '../org/schema.js';
import { positionsHeldBy } from '../org/positions.js';
import { documents, documentSteps } from '../outgoing/schema.js';
import { stepTimings, type StepTiming } from '../outgoing/timeStandards.js';
import { isoDateIn } from '../../shared/dates.js';
import { compareKeys, keyOf, summarise, type StepKey } from './summary.js';

/** Letters read for one report; a larger period is cut (and says so). */
export const REPORT_LETTER_LIMIT = 20_000;

export interface SopReportQuery {
  unitId: string;
  documentTypeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Units whose SOP report the actor may open: the subtrees of the units he heads today. */
export async function reportableUnitPaths(ctx: AppContext, actor: Actor): Promise<string[] | 'all'> {
  if (isSystemAdmin(actor)) return 'all';
  const held = await positionsHeldBy(ctx.database.db, actor.userId, isoDateIn(ctx.config.timeZone, ctx.now()));
  return held.filter((h) => h.isUnitHead).map((h) => h.unitPath);
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const SECRET = ['rahasia', 'sangat_rahasia'] as const;

export async function sopReport(ctx: AppContext, actor: Actor, q: SopReportQuery) {
  const { db } = ctx.database;
  const [unit] = await db.select().from(units).where(eq(units.id, q.unitId));
  if (!unit) throw new AppError('NOT_FOUND', { entity: 'unit', id: q.unitId });
  const allowed = await reportableUnitPaths(ctx, actor);
  if (allowed !== 'all' && !allowed.some((p) => unit.path.startsWith(p))) throw new AppError('SOP_REPORT_NOT_ALLOWED', { unitId: q.unitId });

  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'querystring.from', message: 'Tanggal awal harus sebelum tanggal akhir.' }] });

  const standards = await db.select().from(sopTimeStandards);
  // The standard the office itself works to (what the chart compares against).
  const own = q.documentTypeId ? pickStandard(standards, unitChainOf(unit.path), q.documentTypeId) : pickStandard(standards.filter((s) => s.documentTypeId === null), unitChainOf(unit.path), '');

  const tz = ctx.config.timeZone;
  const letters = await db
    .select({
      id: documents.id,
      hal: documents.hal,
      sifat: documents.sifat,
      number: documents.number,
      status: documents.status,
      documentTypeId: documents.documentTypeId,
      createdAt: documents.createdAt,
      submittedAt: documents.submittedAt,
      signedAt: documents.signedAt,
      deliveredAt: documents.deliveredAt,
      unitPath: units.path,
    })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.issuingUnitId))
    .where(
      and(
        like(units.path, `${unit.path}%`),
        notInArray(documents.status, ['cancelled']),
        sql`(${documents.createdAt} at time zone ${tz})::date between ${from}::date and ${to}::date`,
        q.documentTypeId ? eq(documents.documentTypeId, q.documentTypeId) : undefined,
      ),
    )
    .orderBy(asc(documents.createdAt))
    .limit(REPORT_LETTER_LIMIT + 1);
  const truncated = letters.length > REPORT_LETTER_LIMIT;
  if (truncated) letters.length = REPORT_LETTER_LIMIT;

  const ids = letters.map((l) => l.id);
  const stepRows = ids.length
    ? await db
        .select({ documentId: documentSteps.documentId, order: documentSteps.order, kind: documentSteps.kind, startedAt: documentSteps.startedAt, completedAt: documentSteps.completedAt, positionName: positions.name })
        .from(documentSteps)
        .innerJoin(positions, eq(positions.id, documentSteps.positionId))
        .where(inArray(documentSteps.documentId, ids))
    : [];
  const stepsOf = new Map<string, typeof stepRows>();
  for (const s of stepRows) stepsOf.set(s.documentId, [...(stepsOf.get(s.documentId) ?? []), s]);

  const now = ctx.now();
  const all: StepTiming[][] = [];
  const overdueNow: Array<{ documentId: string; hal: string | null; sifat: string; number: string | null; key: StepKey; stepOrder: number | null; positionName: string | null; elapsedMinutes: number; standardMinutes: number }> = [];
  for (const l of letters) {
    const std = pickStandard(standards, unitChainOf(l.unitPath), l.documentTypeId);
    const steps = stepsOf.get(l.id) ?? [];
    const timings = stepTimings({ standard: std?.steps ?? null, createdAt: l.createdAt, submittedAt: l.submittedAt, signedAt: l.signedAt, deliveredAt: l.deliveredAt, steps, now });
    all.push(timings);
    if (l.status === 'delivered') continue;
    let v = 0;
    for (const t of timings) {
      const key = keyOf(t, t.label === 'verify' ? ++v : 0);
      if (t.completedAt !== null || !t.overdue || t.elapsedMinutes === null || t.standardMinutes === null) continue;
      overdueNow.push({
        documentId: l.id,
        // The subject of a secret letter is not shown outside its chain and addressees.
        hal: (SECRET as readonly string[]).includes(l.sifat) ? null : l.hal,
        sifat: l.sifat,
        number: l.number,
        key,
        stepOrder: t.stepOrder,
        positionName: t.stepOrder !== null ? (steps.find((s) => s.order === t.stepOrder)?.positionName ?? null) : null,
        elapsedMinutes: t.elapsedMinutes,
        standardMinutes: t.standardMinutes,
      });
    }
  }
  overdueNow.sort((a, b) => b.elapsedMinutes - b.standardMinutes - (a.elapsedMinutes - a.standardMinutes));

  const summaries = summarise(all);
  const ownSteps: readonly SopStepStandard[] = own?.steps ?? [];
  const verifyRows = ownSteps.filter((s) => s.phase === 'verify').length;
  const keys = new Set<StepKey>(['draft', ...Array.from({ length: verifyRows }, (_, i) => `verify:${i + 1}` as StepKey), 'sign', 'send', ...summaries.map((s) => s.key)]);
  const rows = [...keys].sort(compareKeys).map((key) => {
    const std = key.startsWith('verify:') ? standardFor(ownSteps, { kind: 'verify', index: Number(key.split(':')[1]) - 1 }) : standardFor(ownSteps, { kind: key as 'draft' | 'sign' | 'send' });
    const s = summaries.find((x) => x.key === key);
    return {
      key,
      sopNos: std.sopNos,
      activities: std.sopNos.map((no) => ownSteps.find((r) => r.no === no)?.activity ?? ''),
      standardMinutes: std.minutes,
      count: s?.count ?? 0,
      medianMinutes: s?.medianMinutes ?? null,
      p90Minutes: s?.p90Minutes ?? null,
      onTimeShare: s?.onTimeShare ?? null,
    };
  });

  return {
    unit: { id: unit.id, name: unit.name },
    period: { from, to },
    standard: own ? { id: own.id, sopName: own.sopName, totalMinutes: ownSteps.reduce((a, r) => a + r.minutes, 0), statedTotalMinutes: own.statedTotalMinutes } : null,
    letters: letters.length,
    truncated,
    steps: rows,
    overdueNow: overdueNow.slice(0, 200),
    overdueCount: overdueNow.length,
  };
}

/** Units the actor may pick in the report (those he heads and their subtrees), for the page's picker. */
export async function reportUnits(ctx: AppContext, actor: Actor) {
  const allowed = await reportableUnitPaths(ctx, actor);
  const rows = await ctx.database.db.select({ id: units.id, name: units.name, path: units.path, depth: units.depth }).from(units).where(eq(units.active, true)).orderBy(asc(units.path));
  return rows.filter((u) => allowed === 'all' || allowed.some((p) => u.path.startsWith(p))).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
}
