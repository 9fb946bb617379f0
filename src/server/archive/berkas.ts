// Pemberkasan and retention: the records officer edits, closes, re-files and holds berkas; the
// JRA clock starts when a berkas is closed (by the officer, or at year end by the job); the
// retention pass moves closed berkas to inactive when their active years are over; reports list
// what is due. Every change: lock -> authorise (404 outside one's units) -> version -> write +
// audit in one transaction.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hasRole, isSystemAdmin, type Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { units } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { canRead } from '../search/index.js';
import { archiveBerkas, archiveLoans, archiveRecords, classificationCodes } from './schema.js';
import { refreshBerkasTotals } from './declareRecord.js';

export type BerkasRow = typeof archiveBerkas.$inferSelect;

/** Adds whole years to a calendar date (29 Feb -> 28 Feb). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const last = new Date(Date.UTC(ny, m, 0)).getUTCDate();
  return `${ny}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The JRA dates of a berkas closed on `closedOn`: pure. */
export function retentionDates(closedOn: string, jra: { active: number | null; inactive: number | null }): { activeUntil: string | null; inactiveUntil: string | null } {
  if (jra.active === null) return { activeUntil: null, inactiveUntil: null };
  const activeUntil = addYears(closedOn, jra.active);
  return { activeUntil, inactiveUntil: jra.inactive === null ? null : addYears(activeUntil, jra.inactive) };
}

async function unitPathOf(db: Db, unitId: string): Promise<string> {
  const [u] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return u?.path ?? '';
}

/** Records officers over the berkas's unit (and the administrator) manage it; others get a 404. */
export async function assertKeeper(db: Db, actor: Actor, unitId: string, entity: string, id: string): Promise<void> {
  if (isSystemAdmin(actor)) return;
  if (hasRole(actor, 'records_officer', await unitPathOf(db, unitId))) return;
  throw new AppError('NOT_FOUND', { entity, id });
}

async function lockBerkas(db: Db, id: string): Promise<BerkasRow> {
  const [b] = await db.select().from(archiveBerkas).where(eq(archiveBerkas.id, id)).for('update');
  if (!b) throw new AppError('NOT_FOUND', { entity: 'berkas', id });
  return b;
}

function checkVersion(b: { version: number }, expected: number): void {
  if (b.version !== expected) throw new AppError('STALE_VERSION', { current: b.version });
}

export interface BerkasPatch {
  version: number;
  uraian?: string;
  activity?: string | null;
  locationBuilding?: string | null;
  locationRoom?: string | null;
  locationShelf?: string | null;
  locationBox?: string | null;
}

export async function updateBerkas(ctx: AppContext, actor: Actor, id: string, patch: BerkasPatch): Promise<BerkasRow> {
  return inTransaction(ctx.database, async (tx) => {
    const b = await lockBerkas(tx.db, id);
    await assertKeeper(tx.db, actor, b.unitId, 'berkas', id);
    checkVersion(b, patch.version);
    const { version: _v, ...fields } = patch;
    const [after] = await tx.db.update(archiveBerkas).set({ ...fields, version: b.version + 1, updatedAt: ctx.now() }).where(eq(archiveBerkas.id, id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.berkas_updated', entityType: 'berkas', entityId: id, data: fields, ip: actor.ip });
    return after!;
  });
}

async function closeLocked(ctx: AppContext, db: Db, b: BerkasRow, actorUserId: string | null, closedOn: string): Promise<BerkasRow> {
  const [cls] = await db.select().from(classificationCodes).where(eq(classificationCodes.code, b.classificationCode));
  const jra = { active: cls?.retentionActiveYears ?? null, inactive: cls?.retentionInactiveYears ?? null };
  const dates = retentionDates(closedOn, jra);
  const [after] = await db
    .update(archiveBerkas)
    .set({
      status: 'closed',
      closedAt: ctx.now(),
      closedByUserId: actorUserId,
      retentionActiveYears: jra.active,
      retentionInactiveYears: jra.inactive,
      finalDisposition: cls?.finalDisposition ?? null,
      ...dates,
      version: b.version + 1,
      updatedAt: ctx.now(),
    })
    .where(eq(archiveBerkas.id, b.id))
    .returning();
  await recordAudit(db, { at: ctx.now(), actorUserId, action: 'archive.berkas_closed', entityType: 'berkas', entityId: b.id, data: { closedOn, ...dates, jra } });
  return after!;
}

/** The records officer closes a berkas: the JRA clock starts today. */
export async function closeBerkas(ctx: AppContext, actor: Actor, id: string, input: { version: number }): Promise<BerkasRow> {
  return inTransaction(ctx.database, async (tx) => {
    const b = await lockBerkas(tx.db, id);
    await assertKeeper(tx.db, actor, b.unitId, 'berkas', id);
    checkVersion(b, input.version);
    if (b.status === 'closed') throw new AppError('BERKAS_CLOSED');
    return closeLocked(ctx, tx.db, b, actor.userId, isoDateIn(ctx.config.timeZone, ctx.now()));
  });
}

/** Job: berkas of past years still open are closed on 31 December of their year. */
export async function closeBerkasAtYearEnd(ctx: AppContext): Promise<number> {
  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const year = Number(today.slice(0, 4));
  const due = await ctx.database.db.select({ id: archiveBerkas.id }).from(archiveBerkas).where(and(eq(archiveBerkas.status, 'open'), sql`${archiveBerkas.year} < ${year}`));
  for (const { id } of due) {
    await inTransaction(ctx.database, async (tx) => {
      const b = await lockBerkas(tx.db, id);
      if (b.status !== 'open') return;
      await closeLocked(ctx, tx.db, b, null, `${b.year}-12-31`);
    });
  }
  return due.length;
}

/** Job: closed berkas whose active years are over become inactive (their records follow). */
export async function applyRetention(ctx: AppContext): Promise<number> {
  const today = isoDateIn(ctx.config.timeZone, ctx.now());
  const moved = await ctx.database.db.execute<{ id: string }>(sql`
    update archive_berkas set state = 'inaktif', version = version + 1, updated_at = now()
    where status = 'closed' and state = 'aktif' and active_until is not null and active_until <= ${today}
    returning id`);
  for (const r of moved.rows) {
    await recordAudit(ctx.database.db, { at: ctx.now(), actorUserId: null, action: 'archive.berkas_inactive', entityType: 'berkas', entityId: r.id, data: { on: today } });
    await ctx.database.db.execute(sql`update search_entries set state = 'inaktif' where record_id in (select id from archive_records where berkas_id = ${r.id})`);
  }
  return moved.rows.length;
}

/** The records officer moves a record to another open berkas of the same unit. */
export async function moveRecord(ctx: AppContext, actor: Actor, recordId: string, input: { berkasId: string; version: number }) {
  return inTransaction(ctx.database, async (tx) => {
    const [r] = await tx.db.select().from(archiveRecords).where(eq(archiveRecords.id, recordId)).for('update');
    if (!r) throw new AppError('NOT_FOUND', { entity: 'record', id: recordId });
    await assertKeeper(tx.db, actor, r.unitId, 'record', recordId);
    if (r.version !== input.version) throw new AppError('STALE_VERSION', { current: r.version });
    const target = await lockBerkas(tx.db, input.berkasId);
    await assertKeeper(tx.db, actor, target.unitId, 'berkas', input.berkasId);
    if (target.status !== 'open') throw new AppError('BERKAS_CLOSED');
    if (r.berkasId) {
      const from = await lockBerkas(tx.db, r.berkasId);
      if (from.status !== 'open') throw new AppError('BERKAS_CLOSED');
    }
    await tx.db.update(archiveRecords).set({ berkasId: target.id, version: r.version + 1 }).where(eq(archiveRecords.id, r.id));
    if (r.berkasId) await refreshBerkasTotals(tx.db, r.berkasId);
    await refreshBerkasTotals(tx.db, target.id);
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.record_moved', entityType: 'archive_record', entityId: r.id, data: { from: r.berkasId, to: target.id }, ip: actor.ip });
    return { id: r.id, berkasId: target.id, version: r.version + 1 };
  });
}

/** A new berkas for an activity (pemberkasan per kegiatan), opened by the records officer. */
export async function createBerkas(ctx: AppContext, actor: Actor, input: { unitId: string; classificationCode: string; year: number; activity: string; uraian?: string }) {
  return inTransaction(ctx.database, async (tx) => {
    await assertKeeper(tx.db, actor, input.unitId, 'unit', input.unitId);
    const [cls] = await tx.db.select({ code: classificationCodes.code }).from(classificationCodes).where(eq(classificationCodes.code, input.classificationCode));
    if (!cls) throw new AppError('CLASSIFICATION_UNKNOWN');
    const [b] = await tx.db.insert(archiveBerkas).values({ unitId: input.unitId, classificationCode: input.classificationCode, year: input.year, activity: input.activity, uraian: input.uraian ?? input.activity }).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.berkas_created', entityType: 'berkas', entityId: b!.id, data: input, ip: actor.ip });
    return b!;
  });
}

/** Legal hold on a berkas or a record: blocks its destruction until lifted. */
export async function setLegalHold(ctx: AppContext, actor: Actor, target: { berkasId?: string; recordId?: string }, input: { hold: boolean; reason?: string | null; version: number }) {
  return inTransaction(ctx.database, async (tx) => {
    if (target.berkasId) {
      const b = await lockBerkas(tx.db, target.berkasId);
      await assertKeeper(tx.db, actor, b.unitId, 'berkas', b.id);
      checkVersion(b, input.version);
      await tx.db.update(archiveBerkas).set({ legalHold: input.hold, legalHoldReason: input.hold ? (input.reason ?? null) : null, version: b.version + 1, updatedAt: ctx.now() }).where(eq(archiveBerkas.id, b.id));
    } else {
      const [r] = await tx.db.select().from(archiveRecords).where(eq(archiveRecords.id, target.recordId!)).for('update');
      if (!r) throw new AppError('NOT_FOUND', { entity: 'record', id: target.recordId });
      await assertKeeper(tx.db, actor, r.unitId, 'record', r.id);
      if (r.version !== input.version) throw new AppError('STALE_VERSION', { current: r.version });
      await tx.db.update(archiveRecords).set({ legalHold: input.hold, legalHoldReason: input.hold ? (input.reason ?? null) : null, version: r.version + 1 }).where(eq(archiveRecords.id, r.id));
    }
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: input.hold ? 'archive.legal_hold_set' : 'archive.legal_hold_lifted', entityType: target.berkasId ? 'berkas' : 'archive_record', entityId: (target.berkasId ?? target.recordId)!, data: { reason: input.reason ?? null }, ip: actor.ip });
  });
}

/** Berkas of the units the actor keeps, with filters. */
export async function listBerkas(db: Db, actor: Actor, q: { unitId?: string; status?: 'open' | 'closed'; state?: string; year?: number }) {
  const rows = await db
    .select({ b: archiveBerkas, unitPath: units.path, unitName: units.name, className: classificationCodes.name })
    .from(archiveBerkas)
    .innerJoin(units, eq(units.id, archiveBerkas.unitId))
    .leftJoin(classificationCodes, eq(classificationCodes.code, archiveBerkas.classificationCode))
    .where(
      and(
        q.unitId ? eq(archiveBerkas.unitId, q.unitId) : undefined,
        q.status ? eq(archiveBerkas.status, q.status) : undefined,
        q.state ? eq(archiveBerkas.state, q.state as BerkasRow['state']) : undefined,
        q.year ? eq(archiveBerkas.year, q.year) : undefined,
      ),
    )
    .orderBy(asc(archiveBerkas.year), asc(archiveBerkas.classificationCode), asc(archiveBerkas.createdAt))
    .limit(2000);
  return rows.filter((r) => isSystemAdmin(actor) || hasRole(actor, 'records_officer', r.unitPath)).map((r) => ({ ...r.b, unitName: r.unitName, classificationName: r.className }));
}

/** The records of a berkas; secret ones the officer may not open show their number only. */
export async function berkasItems(db: Db, berkasId: string, tokens: string[]) {
  const rows = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, berkasId)).orderBy(asc(archiveRecords.documentDate), asc(archiveRecords.id));
  return rows.map((r) => {
    const open = canRead(r.acl, tokens);
    return {
      id: r.id,
      sourceKind: r.sourceKind,
      sourceId: r.sourceId,
      number: r.number,
      title: open ? r.title : '[Tertutup: kelas akses ' + r.accessClass.replace('_', ' ') + ']',
      canOpen: open,
      documentDate: r.documentDate,
      sifat: r.sifat,
      accessClass: r.accessClass,
      legalHold: r.legalHold,
      contentDeleted: r.contentDeletedAt !== null,
      files: open ? r.files.map((f) => ({ role: f.role, name: f.name, sha256: f.sha256, size: f.size, available: f.fileId !== null })) : [],
      version: r.version,
    };
  });
}

/** Retention report: due to move to inactive, due for disposal, due for transfer, to re-appraise. */
export async function retentionReport(db: Db, actor: Actor, q: { unitId?: string; asOf: string; horizonDays?: number }) {
  const horizon = addDays(q.asOf, q.horizonDays ?? 90);
  const all = await listBerkas(db, actor, { unitId: q.unitId, status: 'closed' });
  const undecided = (await listBerkas(db, actor, { unitId: q.unitId })).filter((b) => b.status === 'closed' && b.activeUntil === null);
  return {
    asOf: q.asOf,
    dueInactive: all.filter((b) => b.state === 'aktif' && b.activeUntil !== null && b.activeUntil <= horizon),
    dueDisposal: all.filter((b) => b.state === 'inaktif' && b.finalDisposition === 'musnah' && b.inactiveUntil !== null && b.inactiveUntil <= q.asOf),
    dueTransfer: all.filter((b) => b.state === 'inaktif' && b.finalDisposition === 'permanen' && b.inactiveUntil !== null && b.inactiveUntil <= q.asOf),
    dueReappraisal: all.filter((b) => b.state === 'inaktif' && b.finalDisposition === 'dinilai_kembali' && b.inactiveUntil !== null && b.inactiveUntil <= q.asOf),
    withoutJra: undecided,
  };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}


// ----- Loans (peminjaman) ------------------------------------------------------------------

export async function lendArchive(ctx: AppContext, actor: Actor, input: { berkasId?: string; recordId?: string; borrowerUserId: string; purpose: string; dueOn: string }) {
  return inTransaction(ctx.database, async (tx) => {
    let unitId: string;
    if (input.berkasId) unitId = (await lockBerkas(tx.db, input.berkasId)).unitId;
    else {
      const [r] = await tx.db.select().from(archiveRecords).where(eq(archiveRecords.id, input.recordId!));
      if (!r) throw new AppError('NOT_FOUND', { entity: 'record', id: input.recordId });
      unitId = r.unitId;
    }
    await assertKeeper(tx.db, actor, unitId, input.berkasId ? 'berkas' : 'record', (input.berkasId ?? input.recordId)!);
    const today = isoDateIn(ctx.config.timeZone, ctx.now());
    if (input.dueOn < today) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.dueOn', message: 'Tanggal kembali tidak boleh sebelum hari ini' }] });
    const open = await tx.db.execute(sql`select 1 from archive_loans where returned_at is null and (berkas_id = ${input.berkasId ?? null} or record_id = ${input.recordId ?? null}) limit 1`);
    if (open.rows.length) throw new AppError('ARCHIVE_ON_LOAN');
    const [loan] = await tx.db
      .insert(archiveLoans)
      .values({ berkasId: input.berkasId ?? null, recordId: input.recordId ?? null, borrowerUserId: input.borrowerUserId, purpose: input.purpose, loanedAt: ctx.now(), dueOn: input.dueOn, lentByUserId: actor.userId })
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.loaned', entityType: 'archive_loan', entityId: loan!.id, data: input, ip: actor.ip });
    return loan!;
  });
}

export async function returnLoan(ctx: AppContext, actor: Actor, loanId: string, input: { version: number }) {
  return inTransaction(ctx.database, async (tx) => {
    const [loan] = await tx.db.select().from(archiveLoans).where(eq(archiveLoans.id, loanId)).for('update');
    if (!loan) throw new AppError('NOT_FOUND', { entity: 'loan', id: loanId });
    let unitId: string;
    if (loan.berkasId) unitId = (await lockBerkas(tx.db, loan.berkasId)).unitId;
    else unitId = (await tx.db.select({ u: archiveRecords.unitId }).from(archiveRecords).where(eq(archiveRecords.id, loan.recordId!)))[0]!.u;
    await assertKeeper(tx.db, actor, unitId, 'loan', loanId);
    if (loan.version !== input.version) throw new AppError('STALE_VERSION', { current: loan.version });
    if (loan.returnedAt) throw new AppError('LOAN_RETURNED');
    const [after] = await tx.db.update(archiveLoans).set({ returnedAt: ctx.now(), returnedToUserId: actor.userId, version: loan.version + 1 }).where(eq(archiveLoans.id, loanId)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.loan_returned', entityType: 'archive_loan', entityId: loanId, ip: actor.ip });
    return after!;
  });
}

export async function listLoans(db: Db, actor: Actor, q: { open?: boolean; asOf: string }) {
  const rows = await db.execute<{ id: string; berkas_id: string | null; record_id: string | null; borrower: string; purpose: string; loaned_at: Date; due_on: string; returned_at: Date | null; unit_path: string; label: string; version: number }>(sql`
    select l.id, l.berkas_id, l.record_id, u.name borrower, l.purpose, l.loaned_at, l.due_on::text due_on, l.returned_at, un.path unit_path, l.version,
           coalesce(b.uraian, r.number, r.id::text) label
    from archive_loans l join users u on u.id = l.borrower_user_id
    left join archive_berkas b on b.id = l.berkas_id left join archive_records r on r.id = l.record_id
    join units un on un.id = coalesce(b.unit_id, r.unit_id)
    where ${q.open ? sql`l.returned_at is null` : sql`true`}
    order by l.due_on`);
  return rows.rows
    .filter((r) => isSystemAdmin(actor) || hasRole(actor, 'records_officer', r.unit_path))
    .map((r) => ({ id: r.id, berkasId: r.berkas_id, recordId: r.record_id, label: r.label, borrower: r.borrower, purpose: r.purpose, loanedAt: new Date(r.loaned_at), dueOn: r.due_on, returnedAt: r.returned_at ? new Date(r.returned_at) : null, overdue: !r.returned_at && r.due_on < q.asOf, version: r.version }));
}
