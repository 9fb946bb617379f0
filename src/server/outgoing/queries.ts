// Read side of outgoing documents: the boxes (konsep, perlu verifikasi, perlu tanda tangan,
// keluar), the inbox (naskah masuk), the outbox (menunggu dikirim) and the document page.
import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import { hasRole, isSystemAdmin } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { inTransaction } from '../db/tx.js';
import { recordEvent } from '../audit/recordEvent.js';
import { positions, units, users } from '../org/schema.js';
import { availableActions } from './machine.js';
import { actorView, assertCanView, decideAccess, loadSteps, visibleDocumentsSql, type ActorView, type DocumentAccess } from './access.js';
import { workflowState } from './transition.js';
import { verificationUrl } from './deps.js';
import { labelRecipients } from './recipientNames.js';
import { deliveryCounters, documentDeliveries, documentDispatches } from '../correspondence/schema.js';
import { documentAttachments, documentEvents, documentRecipients, documents, documentSteps, documentVersions, type DocumentStatus, type Sifat, type Urgensi } from './schema.js';
import { documentTypes, letterheads, sopTimeStandards } from '../catalog/schema.js';
import { stepTimings } from './timeStandards.js';
import { pickStandard, unitChainOf } from '../catalog/sopStandards.js';
import { rowFromJson, rowsFromJson } from '../db/jsonRows.js';
import { ROLE_FOR_STEP } from './chainPolicy.js';
import { CONVERTER_WAIT_FRESH_SECONDS, CONVERTER_WAIT_KEY, type ConverterWait } from './converter.js';

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

/**
 * The document page in three statements whatever the letter holds: the actor's positions today,
 * the document with what authorisation needs (chain, unit path, delivery, dispatch), and after
 * the access decision everything the page shows (versions, attachments, timeline, recipients and
 * their names, holders, SOP standard) as JSON subqueries of one select.
 */
export async function getDocumentDetail(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const view = await actorView(ctx, db, actor);
  const held = view.positionIds.length ? sql.join(view.positionIds.map((p) => sql`${p}::uuid`), sql`, `) : null;
  const [head] = await db
    .select({
      doc: documents,
      type: documentTypes,
      lh: { id: letterheads.id, name: letterheads.name, kind: letterheads.kind },
      unit: { id: units.id, name: units.name, code: units.code, path: units.path },
      drafterName: users.name,
      steps: sql<Record<string, unknown>[]>`(select coalesce(json_agg(to_jsonb(s) order by s."order"), '[]'::json) from document_steps s where s.document_id = ${documents.id})`,
      myDelivery: held
        ? sql<Record<string, unknown> | null>`(select to_jsonb(d) from document_deliveries d where d.document_id = ${documents.id} and d.recipient_position_id in (${held}) limit 1)`
        : sql<null>`null::jsonb`,
      dispatched: sql<boolean>`exists (select 1 from document_dispatches x where x.document_id = ${documents.id})`,
    })
    .from(documents)
    .innerJoin(documentTypes, eq(documentTypes.id, documents.documentTypeId))
    .innerJoin(units, eq(units.id, documents.issuingUnitId))
    .innerJoin(users, eq(users.id, documents.drafterUserId))
    .leftJoin(letterheads, eq(letterheads.id, documents.letterheadId))
    .where(eq(documents.id, id));
  if (!head) throw new AppError('DOCUMENT_NOT_FOUND', { id });
  const { doc, type } = head;
  const steps = rowsFromJson(documentSteps, head.steps);
  const myDelivery = head.myDelivery ? rowFromJson(documentDeliveries, head.myDelivery) : null;
  const access = decideAccess(view, doc, steps, { unitPath: head.unit.path, delivered: !!myDelivery, dispatched: head.dispatched });
  if (!access) throw new AppError('DOCUMENT_NOT_FOUND', { id: doc.id });
  // Addressees and tembusan see the letter as sent, nothing of its drafting.
  const full = access === 'full';

  const chain = unitChainOf(head.unit.path);
  const shownPositions = sql`(select st.position_id from document_steps st where st.document_id = ${id}
    union select ${doc.signerPositionId}::uuid
    ${doc.onBehalfOfPositionId ? sql`union select ${doc.onBehalfOfPositionId}::uuid` : sql``}
    ${doc.drafterPositionId ? sql`union select ${doc.drafterPositionId}::uuid` : sql``})`;
  const none = sql`'[]'::json`;
  const page = await db.execute<{
    versions: Array<{ v: Record<string, unknown>; createdByName: string; sourceName: string }>;
    converterWait: ConverterWait | null;
    attachments: Record<string, unknown>[];
    events: Array<{ e: Record<string, unknown>; actorName: string | null }>;
    dispatches: Record<string, unknown>[];
    recipients: Record<string, unknown>[];
    recipientPositions: Array<{ id: string; name: string }>;
    recipientHeads: Array<{ unitId: string; name: string; isHead: boolean }>;
    recipientUnits: Array<{ id: string; name: string }>;
    recipientGroups: Array<{ id: string; name: string }>;
    positions: Array<{ id: string; name: string; unitName: string }>;
    holders: Array<{ positionId: string; userId: string; name: string; kind: 'definitif' | 'plt' | 'plh' }>;
    actors: Array<{ id: string; name: string }>;
    standards: Record<string, unknown>[];
  }>(sql`select
    ${
      full
        ? sql`(select coalesce(json_agg(json_build_object('v', to_jsonb(v), 'createdByName', cu.name, 'sourceName', f.name) order by v.n desc), '[]'::json)
      from document_versions v join users cu on cu.id = v.created_by join files f on f.id = v.source_file_id where v.document_id = ${id})`
        : none
    } as versions,
    ${
      full && doc.currentVersionId
        ? sql`(select s.value from settings s where s.key like ${`${CONVERTER_WAIT_KEY}%`} and s.updated_at > now() - make_interval(secs => ${CONVERTER_WAIT_FRESH_SECONDS})
      and s.value->'versions' @> jsonb_build_array(${doc.currentVersionId}::text) order by s.updated_at desc limit 1)`
        : sql`null::jsonb`
    } as "converterWait",
    (select coalesce(json_agg(to_jsonb(a) order by a.sort_order, a.created_at), '[]'::json) from document_attachments a where a.document_id = ${id}) as attachments,
    (select coalesce(json_agg(json_build_object('e', to_jsonb(e), 'actorName', eu.name) order by e.at, e.id), '[]'::json)
      from document_events e left join users eu on eu.id = e.actor_user_id where e.document_id = ${id}) as events,
    ${full ? sql`(select coalesce(json_agg(to_jsonb(x) order by x.created_at), '[]'::json) from document_dispatches x where x.document_id = ${id})` : none} as dispatches,
    (select coalesce(json_agg(to_jsonb(r) order by r.role, r.sort_order), '[]'::json) from document_recipients r where r.document_id = ${id}) as recipients,
    (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)), '[]'::json) from positions p
      where p.id in (select position_id from document_recipients where document_id = ${id})) as "recipientPositions",
    (select coalesce(json_agg(json_build_object('unitId', p.unit_id, 'name', p.name, 'isHead', p.is_unit_head)), '[]'::json) from positions p
      where p.unit_id in (select unit_id from document_recipients where document_id = ${id})) as "recipientHeads",
    (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)), '[]'::json) from units u
      where u.id in (select unit_id from document_recipients where document_id = ${id})) as "recipientUnits",
    (select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name)), '[]'::json) from recipient_groups g
      where g.id in (select group_id from document_recipients where document_id = ${id})) as "recipientGroups",
    (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'unitName', pu.name)), '[]'::json) from positions p join units pu on pu.id = p.unit_id
      where p.id in ${shownPositions}) as positions,
    (select coalesce(json_agg(json_build_object('positionId', h.position_id, 'userId', hu.id, 'name', hu.name, 'kind', h.kind)
        order by case h.kind when 'definitif' then 0 else 1 end, h.starts_on), '[]'::json)
      from position_holders h join users hu on hu.id = h.user_id
      where h.position_id in (select position_id from document_steps where document_id = ${id})
        and h.starts_on <= ${view.today} and (h.ends_on is null or h.ends_on >= ${view.today}) and hu.status = 'active') as holders,
    (select coalesce(json_agg(json_build_object('id', au.id, 'name', au.name)), '[]'::json) from users au
      where au.id in (select acted_by_user_id from document_steps where document_id = ${id})) as actors,
    (select coalesce(json_agg(to_jsonb(t)), '[]'::json) from sop_time_standards t
      where (t.unit_id is null or t.unit_id in (${sql.join(chain.map((u) => sql`${u}::uuid`), sql`, `)}))
        and (t.document_type_id is null or t.document_type_id = ${doc.documentTypeId})) as standards`);
  const p = page.rows[0]!;

  const posName = new Map(p.positions.map((x) => [x.id, x]));
  const holders = new Map<string, Array<{ userId: string; name: string; kind: 'definitif' | 'plt' | 'plh' }>>();
  for (const h of p.holders) holders.set(h.positionId, [...(holders.get(h.positionId) ?? []), h]);
  const actorNames = new Map(p.actors.map((u) => [u.id, u.name]));
  const standard = pickStandard(rowsFromJson(sopTimeStandards, p.standards), chain, doc.documentTypeId);
  const timings = stepTimings({ standard: standard?.steps ?? null, createdAt: doc.createdAt, submittedAt: doc.submittedAt, signedAt: doc.signedAt, deliveredAt: doc.deliveredAt, steps, now: ctx.now() });

  const recipients = rowsFromJson(documentRecipients, p.recipients);
  const labels = labelRecipients(recipients, { positions: p.recipientPositions, heads: p.recipientHeads, units: p.recipientUnits, groups: p.recipientGroups });
  let ti = 0;
  let ci = 0;
  const recipientViews = recipients.map((r) => ({ ...r, label: r.role === 'to' ? labels.tujuan[ti++]! : labels.tembusan[ci++]! }));
  const versions = p.versions.map((x) => ({ v: rowFromJson(documentVersions, x.v), createdByName: x.createdByName, sourceName: x.sourceName }));
  const attachments = rowsFromJson(documentAttachments, p.attachments);
  const events = p.events.map((x) => ({ e: rowFromJson(documentEvents, x.e), actorName: x.actorName }));
  const dispatches = rowsFromJson(documentDispatches, p.dispatches);
  const lh = head.lh?.id ? head.lh : null;
  const unit = { id: head.unit.id, name: head.unit.name, code: head.unit.code };
  const drafter = { id: doc.drafterUserId, name: head.drafterName };

  // Buttons only for a step the actor may really act on (role for the unit, not his own letter).
  const selfOk = doc.drafterUserId !== view.userId || type.selfApprovalAllowed;
  const myStep = steps.find((s) => s.order === doc.currentStepOrder && selfOk && view.held.some((h) => h.positionId === s.positionId && hasRole(view, ROLE_FOR_STEP[s.kind], h.unitPath)));
  const actions = availableActions(workflowState(doc, steps), { isDrafter: doc.drafterUserId === view.userId, stepOrder: myStep?.order ?? null });
  const myDeliveries = myDelivery ? [myDelivery] : [];
  const canEdit = doc.drafterUserId === view.userId && (doc.status === 'draft' || doc.status === 'returned');
  const isRecordsOfficer = hasRole(view, 'records_officer', head.unit.path);

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
    type: { id: type.id, code: type.code, name: type.name, shape: type.shape, formKind: type.formKind },
    letterhead: lh ?? null,
    issuingUnit: unit,
    drafter: { id: drafter.id, name: drafter.name, positionName: doc.drafterPositionId ? (posName.get(doc.drafterPositionId)?.name ?? null) : null },
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
      converterStarting: v.id === doc.currentVersionId && (v.conversionStatus === 'pending' || v.conversionStatus === 'running') ? converterStarting(p.converterWait) : null,
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
  // The first reading is a change (the sender's "dibaca" and the audit trail); later ones are not.
  await inTransaction(ctx.database, async (tx) => {
    const read = await tx.db
      .update(documentDeliveries)
      .set({ readAt: ctx.now(), readByUserId: view.userId })
      .where(and(eq(documentDeliveries.documentId, documentId), inArray(documentDeliveries.recipientPositionId, view.positionIds), isNull(documentDeliveries.readAt)))
      .returning({ positionId: documentDeliveries.recipientPositionId, role: documentDeliveries.role });
    if (read.length) await recordEvent(tx.db, { at: ctx.now(), actorUserId: view.userId, action: 'outgoing.read', entityType: 'document', entityId: documentId, data: { positions: read.map((r) => r.positionId), roles: read.map((r) => r.role) }, ip: actor.ip ?? null });
  });
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

/** The converter this version waits for is still starting: how far (what the drafter is shown). */
function converterStarting(w: ConverterWait | null) {
  if (!w || (w.state !== 'starting' && w.state !== 'idle')) return null;
  return {
    kind: w.kind,
    phase: w.phase,
    progress: Math.round(Math.min(1, Math.max(0, w.progress)) * 100),
    elapsedSeconds: w.elapsedMs === null ? null : Math.round(w.elapsedMs / 1000),
    expectedSeconds: Math.round(w.expectedMs / 1000),
  };
}
