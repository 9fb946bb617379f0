// Reading incoming letters: the records officer's agenda, the official's registered letters
// (Naskah Masuk), one letter with its timeline and replies, the sender address book.
import { and, asc, desc, eq, ilike, inArray, or, sql, count } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { holdersOf } from '../org/positions.js';
import { positions, users } from '../org/schema.js';
import { agendaLabel } from './agenda.js';
import { assertCanViewLetter, getLetterRow, isRecordsOfficerOf, recordsUnitFor, unitPathOf, viewerOf, type LetterRow, type Viewer } from './access.js';
import { incomingEvents, incomingLetters, incomingReplies, incomingSenders, type IncomingStatus } from './schema.js';

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function letterListItem(r: LetterRow & { addressedPositionName?: string | null }) {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    source: r.source,
    agenda: agendaLabel(r),
    senderInstansi: r.senderInstansi,
    senderJabatan: r.senderJabatan,
    letterNumber: r.letterNumber,
    letterDate: r.letterDate,
    receivedAt: r.receivedAt,
    hal: r.hal,
    sifat: r.sifat,
    urgensi: r.urgensi,
    classificationCode: r.classificationCode,
    addressedPositionName: r.addressedPositionName ?? null,
    sentAt: r.sentAt,
    readAt: r.readAt,
    ocrStatus: r.ocrStatus,
    documentId: r.documentId,
  };
}

/** The agenda of the officer's unit: pending, registered, sent (newest first), searchable. */
export async function listAgenda(ctx: AppContext, actor: Actor, q: { unitId?: string | undefined; status?: IncomingStatus | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  const unit = await recordsUnitFor(db, v, q.unitId);
  const search = q.q?.trim();
  const where = and(
    eq(incomingLetters.receivingUnitId, unit.id),
    q.status ? eq(incomingLetters.status, q.status) : sql`${incomingLetters.status} <> 'discarded'`,
    search ? or(ilike(incomingLetters.hal, like(search)), ilike(incomingLetters.letterNumber, like(search)), ilike(incomingLetters.senderInstansi, like(search))) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(incomingLetters).where(where);
  const rows = await db
    .select({ l: incomingLetters, addressedPositionName: positions.name })
    .from(incomingLetters)
    .leftJoin(positions, eq(positions.id, incomingLetters.addressedPositionId))
    .where(where)
    .orderBy(desc(incomingLetters.createdAt), desc(incomingLetters.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [pending] = await db.select({ n: count() }).from(incomingLetters).where(and(eq(incomingLetters.receivingUnitId, unit.id), eq(incomingLetters.status, 'pending')));
  return { unitId: unit.id, total: total?.n ?? 0, pending: pending?.n ?? 0, items: rows.map((r) => letterListItem({ ...r.l, addressedPositionName: r.addressedPositionName })) };
}

/** Registered letters sent to the positions the user holds today (Naskah Masuk). */
export async function listMyIncoming(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number; unread?: boolean | undefined }) {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  if (!v.positionIds.length) return { total: 0, unread: 0, items: [] };
  const base = and(inArray(incomingLetters.addressedPositionId, v.positionIds), eq(incomingLetters.status, 'sent'), sql`${incomingLetters.source} <> 'internal'`);
  const where = and(base, q.unread ? sql`${incomingLetters.readAt} is null` : undefined);
  const [totals] = await db.select({ total: count(), unread: sql<number>`count(*) filter (where ${incomingLetters.readAt} is null)`.mapWith(Number) }).from(incomingLetters).where(base);
  const rows = await db
    .select({ l: incomingLetters, addressedPositionName: positions.name })
    .from(incomingLetters)
    .leftJoin(positions, eq(positions.id, incomingLetters.addressedPositionId))
    .where(where)
    .orderBy(desc(incomingLetters.sentAt), desc(incomingLetters.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: q.unread ? (totals?.unread ?? 0) : (totals?.total ?? 0), unread: totals?.unread ?? 0, items: rows.map((r) => letterListItem({ ...r.l, addressedPositionName: r.addressedPositionName })) };
}

/** Unread registered letters of these positions (Beranda tile, navigation badge). */
export async function countUnreadIncoming(db: Db, positionIds: string[]): Promise<number> {
  if (!positionIds.length) return 0;
  const [r] = await db
    .select({ n: count() })
    .from(incomingLetters)
    .where(and(inArray(incomingLetters.addressedPositionId, positionIds), eq(incomingLetters.status, 'sent'), sql`${incomingLetters.readAt} is null`, sql`${incomingLetters.source} <> 'internal'`));
  return r?.n ?? 0;
}

export interface LetterView {
  row: LetterRow;
  viewer: Viewer;
  isRecordsOfficer: boolean;
  isAddressee: boolean;
}

/** One letter for someone who may see it (else INCOMING_NOT_FOUND). */
export async function loadLetterForViewer(ctx: AppContext, actor: Actor, id: string): Promise<LetterView> {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  const row = await assertCanViewLetter(db, v, await getLetterRow(db, id), id);
  return {
    row,
    viewer: v,
    isRecordsOfficer: isRecordsOfficerOf(v, await unitPathOf(db, row.receivingUnitId)),
    isAddressee: !!row.addressedPositionId && v.positionIds.includes(row.addressedPositionId),
  };
}

/** Everything the letter page shows about the letter itself (dispositions come from their domain). */
export async function letterDetail(ctx: AppContext, lv: LetterView) {
  const db = ctx.database.db;
  const r = lv.row;
  // Independent reads: in parallel on PostgreSQL's pool (PGlite queues them on its one session).
  const [names, holders, events, replies] = await Promise.all([
    db.execute<{ unit: { id: string; name: string } | null; addressed: { id: string; name: string } | null }>(sql`
      select (select json_build_object('id', u.id, 'name', u.name) from units u where u.id = ${r.receivingUnitId}) as unit,
             (select json_build_object('id', p.id, 'name', p.name) from positions p where p.id = ${r.addressedPositionId}) as addressed`),
    r.addressedPositionId ? holdersOf(db, [r.addressedPositionId], lv.viewer.today).then((m) => m.get(r.addressedPositionId!) ?? []) : Promise.resolve([]),
    db
      .select({ at: incomingEvents.at, action: incomingEvents.action, actorName: users.name, actedAs: incomingEvents.actedAs, note: incomingEvents.note, dispositionId: incomingEvents.dispositionId, data: incomingEvents.data })
      .from(incomingEvents)
      .leftJoin(users, eq(users.id, incomingEvents.actorUserId))
      .where(eq(incomingEvents.letterId, r.id))
      .orderBy(asc(incomingEvents.at), asc(incomingEvents.id)),
    listReplies(db, r.id),
  ]);
  const unit = names.rows[0]?.unit;
  const addressed = names.rows[0]?.addressed;
  return {
    ...letterListItem(r),
    receivingUnit: unit ?? { id: r.receivingUnitId, name: '' },
    senderName: r.senderName,
    senderAddress: r.senderAddress,
    senderEmail: r.senderEmail,
    lampiran: r.lampiran,
    note: r.note,
    addressedPosition: addressed ? { ...addressed, holders: holders.map((h) => ({ name: h.name, kind: h.kind })) } : null,
    fileId: r.fileId,
    pages: r.pages,
    ocrText: r.ocrText,
    ocrError: r.ocrError,
    ocrSuggestions: r.ocrSuggestions ?? null,
    intake: r.intake ?? null,
    registeredAt: r.registeredAt,
    events,
    replies,
    answered: replies.length > 0,
  };
}

export async function listReplies(db: Db, letterId: string) {
  const r = await db.execute<{ document_id: string; hal: string | null; number: string | null; status: string | null; created_at: Date }>(sql`
    select r.document_id, d.hal, d.number, d.status, r.created_at
    from incoming_replies r left join documents d on d.id = r.document_id
    where r.letter_id = ${letterId} order by r.created_at`);
  return r.rows.map((x) => ({ documentId: x.document_id, hal: x.hal, number: x.number, status: x.status, createdAt: new Date(x.created_at) }));
}

/** The incoming letters an outgoing document answers (shown on the outgoing letter). */
export async function repliedLettersOf(db: Db, documentId: string) {
  return db
    .select({ id: incomingLetters.id, letterNumber: incomingLetters.letterNumber, letterDate: incomingLetters.letterDate, senderInstansi: incomingLetters.senderInstansi, hal: incomingLetters.hal })
    .from(incomingReplies)
    .innerJoin(incomingLetters, eq(incomingLetters.id, incomingReplies.letterId))
    .where(eq(incomingReplies.documentId, documentId));
}

/** The unit's address book, most used first. */
export async function searchSenders(ctx: AppContext, actor: Actor, q: { q?: string | undefined; unitId?: string | undefined }) {
  const db = ctx.database.db;
  const v = await viewerOf(ctx, db, actor);
  const unit = await recordsUnitFor(db, v, q.unitId);
  const s = q.q?.trim();
  return db
    .select({ id: incomingSenders.id, instansi: incomingSenders.instansi, jabatan: incomingSenders.jabatan, name: incomingSenders.name, address: incomingSenders.address, email: incomingSenders.email, useCount: incomingSenders.useCount })
    .from(incomingSenders)
    .where(and(eq(incomingSenders.ownerUnitId, unit.id), s ? or(ilike(incomingSenders.instansi, like(s)), ilike(incomingSenders.name, like(s)), ilike(incomingSenders.jabatan, like(s))) : undefined))
    .orderBy(desc(incomingSenders.useCount), asc(incomingSenders.instansi))
    .limit(20);
}

export function assertNotFound(id: string): never {
  throw new AppError('INCOMING_NOT_FOUND', { id });
}
