// Read side of outgoing documents: the boxes (konsep, perlu verifikasi, perlu tanda tangan,
// keluar), the inbox (naskah masuk), the outbox (menunggu dikirim) and the document page.
import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { hasRole, isSystemAdmin } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { files } from '../files/schema.js';
import { holdersOf } from '../org/positions.js';
import { positions, units, users } from '../org/schema.js';
import { availableActions } from './machine.js';
import { actorView, assertCanView, loadSteps, visibleDocumentsSql, type ActorView, type DocumentAccess } from './access.js';
import { workflowState } from './transition.js';
import { verificationUrl } from './deps.js';
import { loadRecipients, recipientLabels } from './recipientNames.js';
import { deliveryCounters, documentDeliveries, documentDispatches } from '../correspondence/schema.js';
import { documentAttachments, documentEvents, documents, documentVersions, type DocumentStatus, type Sifat, type Urgensi } from './schema.js';
import { documentTypes, letterheads } from '../catalog/schema.js';
import { stepTimings } from './timeStandards.js';
import { standardForDocument } from '../catalog/sopStandardStore.js';
import { ROLE_FOR_STEP } from './chainPolicy.js';

export const BOXES = ['drafts', 'in_progress', 'to_verify', 'to_sign', 'outgoing', 'all'] as const;
export type Box = (typeof BOXES)[number];

const likeEscape = (q: string) => `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

async function recordsScope(ctx: AppContext, view: ActorView): Promise<SQL | null> {
  const grants = view.grants.filter((g) => g.role === 'records_officer' || (g.role === 'system_admin' && g.unitId === null));
  if (!grants.length) return null;
  if (grants.some((g) => g.unitPath === null)) return sql`true`;
  return or(...grants.map((g) => sql`${units.path} like ${g.unitPath + '%'}`))!;
}

export async function listDocuments(ctx: AppContext, actor: Actor, q: { box: Box; page: number; pageSize: number; q?: string | undefined; status?: DocumentStatus | undefined }) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const conds: SQL[] = [];
  const due = (kind: 'verify' | 'sign') =>
    view.positionIds.length
      ? sql`exists (select 1 from document_steps s where s.document_id = ${documents.id} and s.status = 'current' and s.kind = ${kind} and s.position_id in (${sql.join(view.positionIds.map((p) => sql`${p}`), sql`, `)}))`
      : sql`false`;
  switch (q.box) {
    case 'drafts':
      conds.push(eq(documents.drafterUserId, view.userId), inArray(documents.status, ['draft', 'returned']));
      break;
    case 'in_progress':
      conds.push(eq(documents.drafterUserId, view.userId), inArray(documents.status, ['in_verification', 'awaiting_signature']));
      break;
    case 'to_verify':
      conds.push(eq(documents.status, 'in_verification'), due('verify'));
      break;
    case 'to_sign':
      conds.push(eq(documents.status, 'awaiting_signature'), due('sign'));
      break;
    case 'outgoing': {
      const scope = await recordsScope(ctx, view);
      conds.push(inArray(documents.status, ['signed', 'delivered']), or(eq(documents.drafterUserId, view.userId), eq(documents.signedByUserId, view.userId), ...(scope ? [scope] : []))!);
      break;
    }
    case 'all': {
      const scope = await recordsScope(ctx, view);
      conds.push(or(eq(documents.drafterUserId, view.userId), ...(scope ? [scope] : []))!);
      break;
    }
  }
  // Every box shows only what GET /documents/{id} would show (same rule, in SQL).
  conds.push(visibleDocumentsSql(view));
  if (q.status) conds.push(eq(documents.status, q.status));
  if (q.q) conds.push(or(ilike(documents.hal, likeEscape(q.q)), ilike(documents.number, likeEscape(q.q)))!);
  const where = and(...conds);
  const drafter = aliasedTable(users, 'drafter');
  const [total] = await db.select({ n: count() }).from(documents).innerJoin(units, eq(units.id, documents.issuingUnitId)).where(where);
  const rows = await db
    .select({
      id: documents.id,
      hal: documents.hal,
      number: documents.number,
      documentDate: documents.documentDate,
      status: documents.status,
      sifat: documents.sifat,
      urgensi: documents.urgensi,
      typeName: documentTypes.name,
      unitName: units.name,
      drafterName: drafter.name,
      currentStepOrder: documents.currentStepOrder,
      updatedAt: documents.updatedAt,
      version: documents.version,
    })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.issuingUnitId))
    .innerJoin(documentTypes, eq(documentTypes.id, documents.documentTypeId))
    .innerJoin(drafter, eq(drafter.id, documents.drafterUserId))
    .where(where)
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  // Returned drafts show why (the latest return on each).
  const returnedIds = rows.filter((r) => r.status === 'returned').map((r) => r.id);
  const returns = new Map<string, { note: string | null; byName: string | null; at: Date }>();
  if (returnedIds.length) {
    const by = aliasedTable(users, 'returned_by');
    const ev = await db
      .select({ documentId: documentEvents.documentId, note: documentEvents.note, at: documentEvents.at, byName: by.name })
      .from(documentEvents)
      .leftJoin(by, eq(by.id, documentEvents.actorUserId))
      .where(and(inArray(documentEvents.documentId, returnedIds), inArray(documentEvents.action, ['returned', 'returned_by_signer'])))
      .orderBy(desc(documentEvents.at), desc(documentEvents.id));
    for (const e of ev) if (!returns.has(e.documentId)) returns.set(e.documentId, { note: e.note, byName: e.byName, at: e.at });
  }
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, lastReturn: returns.get(r.id) ?? null })) };
}

export async function getDocumentDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const [doc] = await db.select().from(documents).where(eq(documents.id, id));
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  const steps = await loadSteps(db, id);
  const access = await assertCanView(db, view, doc, steps);
  // Addressees and tembusan see the letter as sent, nothing of its drafting.
  const full = access === 'full';

  const [type] = await db.select().from(documentTypes).where(eq(documentTypes.id, doc.documentTypeId));
  const [lh] = doc.letterheadId ? await db.select({ id: letterheads.id, name: letterheads.name, kind: letterheads.kind }).from(letterheads).where(eq(letterheads.id, doc.letterheadId)) : [];
  const [unit] = await db.select({ id: units.id, name: units.name, code: units.code }).from(units).where(eq(units.id, doc.issuingUnitId));
  const [drafter] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, doc.drafterUserId));
  const positionIds = [...new Set([...steps.map((s) => s.positionId), doc.signerPositionId, ...(doc.onBehalfOfPositionId ? [doc.onBehalfOfPositionId] : []), ...(doc.drafterPositionId ? [doc.drafterPositionId] : [])])];
  const posRows = await db.select({ id: positions.id, name: positions.name, unitName: units.name }).from(positions).innerJoin(units, eq(units.id, positions.unitId)).where(inArray(positions.id, positionIds));
  const posName = new Map(posRows.map((p) => [p.id, p]));
  const holders = await holdersOf(db, steps.map((s) => s.positionId), view.today);
  const actorIds = [...new Set(steps.map((s) => s.actedByUserId).filter((x): x is string => !!x))];
  const actorNames = new Map((actorIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)) : []).map((u) => [u.id, u.name]));
  const standard = await standardForDocument(db, doc.issuingUnitId, doc.documentTypeId);
  const timings = stepTimings({ standard: standard?.steps ?? null, createdAt: doc.createdAt, submittedAt: doc.submittedAt, signedAt: doc.signedAt, deliveredAt: doc.deliveredAt, steps, now: ctx.now() });

  const recipients = await loadRecipients(db, id);
  const labels = await recipientLabels(db, recipients);
  let ti = 0;
  let ci = 0;
  const recipientViews = recipients.map((r) => ({ ...r, label: r.role === 'to' ? labels.tujuan[ti++]! : labels.tembusan[ci++]! }));

  const creator = aliasedTable(users, 'creator');
  const versions = await db
    .select({ v: documentVersions, createdByName: creator.name, sourceName: files.name })
    .from(documentVersions)
    .innerJoin(creator, eq(creator.id, documentVersions.createdBy))
    .innerJoin(files, eq(files.id, documentVersions.sourceFileId))
    .where(eq(documentVersions.documentId, id))
    .orderBy(desc(documentVersions.n));
  const attachments = await db.select().from(documentAttachments).where(eq(documentAttachments.documentId, id)).orderBy(asc(documentAttachments.sortOrder), asc(documentAttachments.createdAt));
  const eventActor = aliasedTable(users, 'event_actor');
  const events = await db
    .select({ e: documentEvents, actorName: eventActor.name })
    .from(documentEvents)
    .leftJoin(eventActor, eq(eventActor.id, documentEvents.actorUserId))
    .where(eq(documentEvents.documentId, id))
    .orderBy(asc(documentEvents.at), asc(documentEvents.id));

  // Buttons only for a step the actor may really act on (role for the unit, not his own letter).
  const selfOk = doc.drafterUserId !== view.userId || type!.selfApprovalAllowed;
  const myStep = steps.find((s) => s.order === doc.currentStepOrder && selfOk && view.held.some((h) => h.positionId === s.positionId && hasRole(view, ROLE_FOR_STEP[s.kind], h.unitPath)));
  const actions = availableActions(workflowState(doc, steps), { isDrafter: doc.drafterUserId === view.userId, stepOrder: myStep?.order ?? null });
  const myDeliveries = view.positionIds.length
    ? await db.select().from(documentDeliveries).where(and(eq(documentDeliveries.documentId, id), inArray(documentDeliveries.recipientPositionId, view.positionIds)))
    : [];
  const dispatches = await db.select().from(documentDispatches).where(eq(documentDispatches.documentId, id)).orderBy(asc(documentDispatches.createdAt));
  const canEdit = doc.drafterUserId === view.userId && (doc.status === 'draft' || doc.status === 'returned');
  const isRecordsOfficer = hasRole(view, 'records_officer', (await db.select({ path: units.path }).from(units).where(eq(units.id, doc.issuingUnitId)))[0]?.path);

  return {
    id: doc.id,
    version: doc.version,
    status: doc.status,
    hal: doc.hal,
    sifat: doc.sifat,
    urgensi: doc.urgensi,
    classificationCode: doc.classificationCode,
    lampiran: doc.lampiran,
    draftKind: doc.draftKind,
    formData: full ? doc.formData : null,
    pdfMarks: full ? doc.pdfMarks : null,
    number: doc.number,
    documentDate: doc.documentDate,
    numberingMode: doc.numberingMode,
    signatureVisibility: doc.signatureVisibility,
    type: { id: type!.id, code: type!.code, name: type!.name, shape: type!.shape, formKind: type!.formKind },
    letterhead: lh ?? null,
    issuingUnit: unit!,
    drafter: { id: drafter!.id, name: drafter!.name, positionName: doc.drafterPositionId ? (posName.get(doc.drafterPositionId)?.name ?? null) : null },
    signerPosition: { id: doc.signerPositionId, name: posName.get(doc.signerPositionId)?.name ?? '' },
    onBehalfOfPosition: doc.onBehalfOfPositionId ? { id: doc.onBehalfOfPositionId, name: posName.get(doc.onBehalfOfPositionId)?.name ?? '' } : null,
    currentStepOrder: doc.currentStepOrder,
    steps: steps.map((s) => ({
      order: s.order,
      kind: s.kind,
      status: s.status,
      positionId: s.positionId,
      positionName: posName.get(s.positionId)?.name ?? '',
      unitName: posName.get(s.positionId)?.unitName ?? '',
      holders: (holders.get(s.positionId) ?? []).map((h) => ({ userId: h.userId, name: h.name, kind: h.kind })),
      actedBy: s.actedByUserId ? { id: s.actedByUserId, name: actorNames.get(s.actedByUserId) ?? '', as: s.actedAs } : null,
      startedAt: s.startedAt,
      completedAt: s.completedAt,
      note: full ? s.note : null,
    })),
    timings: full ? timings : [],
    recipients: recipientViews.map((r) => ({ id: r.id, role: r.role, kind: r.kind, label: r.label, positionId: r.positionId, unitId: r.unitId, groupId: r.groupId, externalName: r.externalName, externalAddress: r.externalAddress, externalEmail: r.externalEmail })),
    versions: (full ? versions : []).map(({ v, createdByName, sourceName }) => ({
      id: v.id,
      n: v.n,
      kind: v.kind,
      sourceFileId: v.sourceFileId,
      sourceName,
      pdfFileId: v.pdfFileId,
      conversionStatus: v.conversionStatus,
      conversionError: v.conversionError,
      createdBy: { id: v.createdBy, name: createdByName },
      createdAt: v.createdAt,
      note: v.note,
      current: v.id === doc.currentVersionId,
    })),
    attachments: attachments.map((a) => ({ id: a.id, name: a.name, fileId: a.fileId, pages: a.pages })),
    events: (full ? events : events.filter(({ e }) => FINAL_EVENTS.has(e.action))).map(({ e, actorName }) => ({ at: e.at, action: e.action, actorName, actedAs: e.actedAs, fromStatus: e.fromStatus, toStatus: e.toStatus, stepOrder: e.stepOrder, note: e.note, data: e.data })),
    signed: doc.signedFileId
      ? { fileId: doc.signedFileId, signedAt: doc.signedAt, signedAs: doc.signedAs, verificationCode: doc.verificationCode, verificationUrl: verificationUrl(ctx, doc.verificationCode!) }
      : null,
    dispatches: (full ? dispatches : []).map((d) => ({ id: d.id, externalName: d.externalName, externalEmail: d.externalEmail, externalAddress: d.externalAddress, role: d.role, status: d.status, channel: d.channel, sentAt: d.sentAt, note: d.note })),
    me: {
      access,
      actions,
      canEdit,
      isRecordsOfficer,
      canDispatch: isRecordsOfficer || isSystemAdmin(view),
      delivery: myDeliveries[0] ? { id: myDeliveries[0].id, role: myDeliveries[0].role, readAt: myDeliveries[0].readAt } : null,
    },
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** Timeline entries an addressee may see: the letter was signed and sent. */
const FINAL_EVENTS = new Set(['signed', 'delivered']);

/** Files a viewer of the document may download: the signed PDF and attachments; with full access also every draft version. */
export async function documentFileIds(ctx: AppContext, documentId: string, access: DocumentAccess): Promise<Set<string>> {
  const { db } = ctx.database;
  const ids = new Set<string>();
  if (access === 'full') for (const v of await db.select({ s: documentVersions.sourceFileId, p: documentVersions.pdfFileId }).from(documentVersions).where(eq(documentVersions.documentId, documentId))) {
    ids.add(v.s);
    if (v.p) ids.add(v.p);
  }
  for (const a of await db.select({ f: documentAttachments.fileId }).from(documentAttachments).where(eq(documentAttachments.documentId, documentId))) ids.add(a.f);
  const [d] = await db.select({ s: documents.signedFileId }).from(documents).where(eq(documents.id, documentId));
  if (d?.s) ids.add(d.s);
  return ids;
}

/** Naskah masuk: documents delivered to the positions the user holds today. */
export async function listInbox(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number; unread?: boolean | undefined; q?: string | undefined }) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  if (!view.positionIds.length) return { total: 0, unread: 0, items: [] };
  const limit = q.pageSize;
  const offset = (q.page - 1) * q.pageSize;
  const search = q.q?.trim()
    ? sql`and exists (select 1 from documents doc where doc.id = d.document_id and (doc.hal ilike ${likeEscape(q.q.trim())} or doc.number ilike ${likeEscape(q.q.trim())}))`
    : sql``;
  // One ordered index scan per position, merged: fast with millions of deliveries.
  const perPosition = view.positionIds.map(
    (p) => sql`(select d.id, d.document_id, d.role, d.delivered_at, d.read_at, d.recipient_position_id from document_deliveries d
      where d.recipient_position_id = ${p} ${q.unread ? sql`and d.read_at is null` : sql``} ${search}
      order by d.delivered_at desc, d.id desc limit ${limit + offset})`,
  );
  // The page and its documents in one round trip.
  const page = await db.execute<{
    id: string;
    document_id: string;
    role: 'to' | 'cc';
    delivered_at: Date;
    read_at: Date | null;
    hal: string;
    number: string | null;
    document_date: string | null;
    sifat: Sifat;
    urgensi: Urgensi;
    signed_as: string | null;
    unit_name: string;
    type_name: string;
  }>(sql`
    select x.id, x.document_id, x.role, x.delivered_at, x.read_at, doc.hal, doc.number, doc.document_date, doc.sifat, doc.urgensi, doc.signed_as, u.name as unit_name, t.name as type_name
    from (select * from (${sql.join(perPosition, sql` union all `)}) y order by delivered_at desc, id desc limit ${limit} offset ${offset}) x
    join documents doc on doc.id = x.document_id
    join units u on u.id = doc.issuing_unit_id
    join document_types t on t.id = doc.document_type_id
    order by x.delivered_at desc, x.id desc`);
  // Totals from the trigger-maintained counters; a search counts its (filtered) matches.
  const [counters] = await db
    .select({ total: sql<number>`coalesce(sum(${deliveryCounters.total}), 0)`.mapWith(Number), unread: sql<number>`coalesce(sum(${deliveryCounters.unread}), 0)`.mapWith(Number) })
    .from(deliveryCounters)
    .where(inArray(deliveryCounters.positionId, view.positionIds));
  let totals = counters;
  if (q.q?.trim()) {
    [totals] = await db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${documentDeliveries.readAt} is null)`.mapWith(Number) })
      .from(documentDeliveries)
      .where(
        and(
          inArray(documentDeliveries.recipientPositionId, view.positionIds),
          sql`exists (select 1 from documents doc where doc.id = ${documentDeliveries.documentId} and (doc.hal ilike ${likeEscape(q.q.trim())} or doc.number ilike ${likeEscape(q.q.trim())}))`,
        ),
      );
  }
  return {
    total: q.unread ? (totals?.unread ?? 0) : (totals?.total ?? 0),
    unread: q.q?.trim() ? (totals?.unread ?? 0) : (counters?.unread ?? 0),
    items: page.rows.map((r) => ({
      deliveryId: r.id,
      role: r.role,
      deliveredAt: new Date(r.delivered_at),
      readAt: r.read_at ? new Date(r.read_at) : null,
      document: { id: r.document_id, hal: r.hal, number: r.number, documentDate: r.document_date, sifat: r.sifat, urgensi: r.urgensi, signedAs: r.signed_as, unitName: r.unit_name, typeName: r.type_name },
    })),
  };
}

/** Mark a delivery read (first reader among the position's holders). */
export async function markDeliveryRead(ctx: AppContext, actor: Actor, documentId: string): Promise<void> {
  const view = await actorView(ctx, ctx.database.db, actor);
  const [doc] = await ctx.database.db.select().from(documents).where(eq(documents.id, documentId));
  if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', { id: documentId });
  await assertCanView(ctx.database.db, view, doc, await loadSteps(ctx.database.db, documentId));
  if (!view.positionIds.length) return;
  await ctx.database.db
    .update(documentDeliveries)
    .set({ readAt: ctx.now(), readByUserId: view.userId })
    .where(and(eq(documentDeliveries.documentId, documentId), inArray(documentDeliveries.recipientPositionId, view.positionIds), isNull(documentDeliveries.readAt)));
}

/** Outbox: external recipients waiting for the records officer (seed 002 step 9). */
export async function listOutbox(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number; status?: 'awaiting' | 'sent' | 'failed' | 'cancelled' | undefined }) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const scope = await recordsScope(ctx, view);
  if (!scope) throw new AppError('FORBIDDEN', { requiredRole: 'records_officer' });
  const where = and(scope, eq(documentDispatches.status, q.status ?? 'awaiting'));
  const [total] = await db.select({ n: count() }).from(documentDispatches).innerJoin(units, eq(units.id, documentDispatches.senderUnitId)).where(where);
  const rows = await db
    .select({
      id: documentDispatches.id,
      status: documentDispatches.status,
      channel: documentDispatches.channel,
      externalName: documentDispatches.externalName,
      externalAddress: documentDispatches.externalAddress,
      externalEmail: documentDispatches.externalEmail,
      role: documentDispatches.role,
      createdAt: documentDispatches.createdAt,
      sentAt: documentDispatches.sentAt,
      documentId: documents.id,
      hal: documents.hal,
      number: documents.number,
      unitName: units.name,
    })
    .from(documentDispatches)
    .innerJoin(units, eq(units.id, documentDispatches.senderUnitId))
    .innerJoin(documents, eq(documents.id, documentDispatches.documentId))
    .where(where)
    .orderBy(desc(documentDispatches.createdAt), desc(documentDispatches.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items: rows };
}
