// Reading tickets: the list (state, age; personal data masked where the reader may not see it),
// one ticket with its timeline, step times against the standard and the actions the reader
// may take, the request file (every opening logged) and its access log, the monthly report.
import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { isSystemAdmin, type Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { getFileRow } from '../files/storeFile.js';
import { units, users } from '../org/schema.js';
import { canSeeTicket, maskWhatsapp, piiAccess } from './access.js';
import type { CatalogueEntry } from './catalogue.js';
import { getCatalogueEntry, listCatalogue } from './catalogueStore.js';
import { addressAvailability } from './fileRequest.js';
import { availableActions, isDone, type TicketStatus } from './machine.js';
import { actorFacts, capacitiesFor, performsStep, type ActorFacts } from './people.js';
import { directoryAccounts, requestFileAccess, serviceTicketEvents, serviceTickets } from './schema.js';
import type { TicketRow } from './transition.js';
import { likeContains } from '../db/like.js';

async function isChainMember(ctx: AppContext, f: ActorFacts, entries: CatalogueEntry[]): Promise<boolean> {
  for (const e of entries) for (const s of e.steps) if ((s.actor.kind === 'unit_head' || s.actor.kind === 'role') && (await performsStep(ctx.database.db, f, s))) return true;
  return false;
}

/**
 * A mailbox still in use (active or suspended) whose official has left: no active user in the
 * organisation data carries his account or his NIP any more. The admin closes it (step "later").
 */
// Qualified by hand: drizzle leaves columns unqualified in a one-table select, and inside the
// subquery an unqualified "nip" would be the user's own.
const applicantLeftSql = () =>
  sql<boolean>`(service_tickets.status in ('active', 'suspended') and not exists (select 1 from users u where (u.id = service_tickets.applicant_user_id or u.nip = service_tickets.nip) and u.status = 'active'))`;

export interface ListFilter {
  status?: TicketStatus | 'open' | 'done' | 'left' | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function viewOf(row: TicketRow, entry: CatalogueEntry, pii: boolean, now: Date, unitName: string | null, applicantLeft: boolean) {
  const step = entry.steps.find((s) => s.no === row.step);
  return {
    id: row.id,
    number: row.number,
    serviceKey: row.serviceKey,
    serviceName: entry.name,
    status: row.status,
    step: row.step,
    stepName: step?.name ?? '',
    stepActor: step?.actorLabel ?? '',
    applicantName: row.applicantName,
    nip: row.nip,
    unitName,
    positionTitle: row.positionTitle,
    desiredAddress: row.desiredAddress,
    accountAddress: row.accountAddress,
    whatsapp: pii ? row.whatsapp : maskWhatsapp(row.whatsapp),
    piiVisible: pii,
    returnReason: row.returnReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    ageMinutes: Math.round(((row.activatedAt ?? row.closedAt ?? now).getTime() - row.createdAt.getTime()) / 60_000),
    version: row.version,
    applicantLeft,
  };
}
export type TicketView = ReturnType<typeof viewOf>;

export async function listTickets(ctx: AppContext, actor: Actor, f: ListFilter) {
  const db = ctx.database.db;
  const entries = await listCatalogue(db);
  const facts = await actorFacts(ctx, db, actor);
  const officerOrChain = isSystemAdmin(actor) || actor.grants.some((g) => g.role === 'pii_officer') || (await isChainMember(ctx, facts, entries));
  const where: SQL[] = [];
  if (!officerOrChain) where.push(or(eq(serviceTickets.applicantUserId, actor.userId), eq(serviceTickets.filedByUserId, actor.userId))!);
  if (f.status === 'open') where.push(sql`${serviceTickets.status} not in ('active','suspended','closed','cancelled')`);
  else if (f.status === 'done') where.push(sql`${serviceTickets.status} in ('active','suspended','closed','cancelled')`);
  else if (f.status === 'left') where.push(applicantLeftSql());
  else if (f.status) where.push(eq(serviceTickets.status, f.status));
  // Search never matches on personal data (the WhatsApp number), so it cannot be probed.
  if (f.q?.trim()) {
    const q = likeContains(f.q.trim());
    where.push(or(ilike(serviceTickets.number, q), ilike(serviceTickets.applicantName, q), ilike(serviceTickets.nip, q), ilike(serviceTickets.desiredAddress, q))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceTickets).where(cond);
  const rows = await db
    .select({ t: serviceTickets, unitName: units.name, left: applicantLeftSql() })
    .from(serviceTickets)
    .leftJoin(units, eq(units.id, serviceTickets.unitId))
    .where(cond)
    .orderBy(desc(serviceTickets.createdAt))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const byKey = new Map(entries.map((e) => [e.key, e]));
  const items: TicketView[] = [];
  for (const r of rows) {
    const entry = byKey.get(r.t.serviceKey)!;
    const caps = await capacitiesFor(db, facts, entry, r.t);
    items.push(viewOf(r.t, entry, piiAccess(r.t.status, caps) !== null, ctx.now(), r.unitName, Boolean(r.left)));
  }
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export async function loadForReader(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.database.db;
  const [row] = await db.select().from(serviceTickets).where(eq(serviceTickets.id, id));
  if (!row) throw new AppError('TICKET_NOT_FOUND', { id });
  const entry = await getCatalogueEntry(db, row.serviceKey);
  const facts = await actorFacts(ctx, db, actor);
  const caps = await capacitiesFor(db, facts, entry, row);
  if (!canSeeTicket(caps, isSystemAdmin(actor))) throw new AppError('TICKET_NOT_FOUND', { id });
  return { row, entry, caps };
}

/** Minutes spent at each step (returned time counts for the applicant, step 1). */
export function stepDurations(events: Array<{ at: Date; toStatus: string; toStep: number; action: string; data: Record<string, unknown> }>, entry: CatalogueEntry, now: Date) {
  const minutes = new Map<number, number>();
  const requestStep = entry.steps.find((s) => s.kind === 'request')?.no ?? 1;
  const add = (step: number, ms: number) => minutes.set(step, (minutes.get(step) ?? 0) + ms / 60_000);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.action === 'request' && typeof e.data.startedAt === 'string') add(requestStep, e.at.getTime() - new Date(e.data.startedAt).getTime());
    const next = events[i + 1];
    if (isDone(e.toStatus as TicketStatus) && !next) continue;
    const end = next ? next.at : now;
    add(e.toStatus === 'returned' ? requestStep : e.toStep, end.getTime() - e.at.getTime());
  }
  return entry.steps.map((s) => ({
    no: s.no,
    name: s.name,
    actorLabel: s.actorLabel,
    standardMinutes: s.standardMinutes,
    minutes: minutes.has(s.no) ? Math.round(minutes.get(s.no)! * 10) / 10 : null,
    overStandard: s.standardMinutes !== null && minutes.has(s.no) && minutes.get(s.no)! > s.standardMinutes,
  }));
}

export async function ticketDetail(ctx: AppContext, actor: Actor, id: string) {
  const { row, entry, caps } = await loadForReader(ctx, actor, id);
  const db = ctx.database.db;
  const pii = piiAccess(row.status, caps);
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, row.unitId));
  const [left] = await db.select({ left: applicantLeftSql() }).from(serviceTickets).where(eq(serviceTickets.id, id));
  const events = await db
    .select({ e: serviceTicketEvents, actorName: users.name })
    .from(serviceTicketEvents)
    .leftJoin(users, eq(users.id, serviceTicketEvents.actorUserId))
    .where(eq(serviceTicketEvents.ticketId, id))
    .orderBy(asc(serviceTicketEvents.id));
  const state = { status: row.status, step: row.step, returnedFromStep: row.returnedFromStep };
  const step = entry.steps.find((s) => s.no === row.step);
  const checklist =
    step?.kind === 'check' && caps.set.has('step_actor')
      ? await Promise.all(
          entry.checklist.map(async (item) => ({
            key: item.key,
            label: item.label,
            automatic: item.automatic,
            value: item.automatic ? await automaticItem(ctx, item.key, row) : (row.checklist[item.key] ?? null),
          })),
        )
      : entry.checklist.map((item) => ({ key: item.key, label: item.label, automatic: item.automatic, value: row.checklist[item.key] ?? null }));
  const accounts = caps.set.has('admin_email') || caps.piiOfficer ? await db.select().from(directoryAccounts).where(eq(directoryAccounts.ticketId, id)).orderBy(asc(directoryAccounts.at)) : [];
  return {
    ...viewOf(row, entry, pii !== null, ctx.now(), unit?.name ?? null, Boolean(left?.left)),
    sopNumber: entry.sopNumber,
    requestFile: pii !== null ? { available: true } : { available: false },
    incomingLetterId: row.incomingLetterId,
    incomingAgendaNumber: row.incomingAgendaNumber,
    lastError: caps.set.has('admin_email') ? row.lastError : null,
    lastErrorCode: caps.set.has('admin_email') || caps.set.has('applicant') ? row.lastErrorCode : null,
    activationExpiresAt: row.activationExpiresAt,
    activationExpired: row.status === 'awaiting_activation' && !!row.activationExpiresAt && row.activationExpiresAt.getTime() < ctx.now().getTime(),
    checklist,
    actions: availableActions(entry, state, caps.set),
    capacities: [...caps.set, ...(caps.piiOfficer ? ['pii_officer'] : [])],
    steps: stepDurations(
      events.map((x) => x.e),
      entry,
      ctx.now(),
    ),
    timeline: events.map((x) => ({ at: x.e.at, action: x.e.action, actorName: x.actorName, fromStep: x.e.fromStep, toStep: x.e.toStep, toStatus: x.e.toStatus, note: x.e.note })),
    directoryAccounts: accounts.map((a) => ({ directory: a.directory, accountId: a.accountId, address: a.address, created: a.created, at: a.at, attributes: a.attributes })),
  };
}

export async function automaticItem(ctx: AppContext, key: string, row: TicketRow): Promise<boolean | null> {
  switch (key) {
    case 'whatsapp_verified':
      return !!row.whatsappVerifiedAt;
    case 'nip_matches': {
      const [u] = await ctx.database.db.select({ name: users.name }).from(users).where(eq(users.nip, row.nip));
      return !!u;
    }
    case 'address_free': {
      const a = await addressAvailability(ctx, row.desiredAddress, row.id);
      return a === 'free' ? true : a === 'taken' ? false : null;
    }
    default:
      return null;
  }
}

/** The request letter: only for who may see personal data; every opening is logged. */
export async function openRequestFile(ctx: AppContext, actor: Actor, id: string) {
  const { row, caps } = await loadForReader(ctx, actor, id);
  const capacity = piiAccess(row.status, caps);
  if (!capacity) throw new AppError('TICKET_NOT_FOUND', { id, file: 'request' });
  await ctx.database.db.insert(requestFileAccess).values({ ticketId: id, fileId: row.requestFileId, userId: actor.userId, capacity, at: ctx.now(), ip: actor.ip });
  return getFileRow(ctx.database.db, row.requestFileId);
}

export async function fileAccessLog(ctx: AppContext, actor: Actor, id: string) {
  const { caps } = await loadForReader(ctx, actor, id);
  if (!caps.piiOfficer) throw new AppError('FORBIDDEN', { requiredRole: 'pii_officer' });
  const rows = await ctx.database.db
    .select({ at: requestFileAccess.at, capacity: requestFileAccess.capacity, ip: requestFileAccess.ip, userName: users.name, username: users.username })
    .from(requestFileAccess)
    .innerJoin(users, eq(users.id, requestFileAccess.userId))
    .where(eq(requestFileAccess.ticketId, id))
    .orderBy(asc(requestFileAccess.at), asc(requestFileAccess.id));
  return rows;
}

function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)) * 10) / 10;
}

/** Requests of a month (pemda time zone): count, median and p90 minutes per step, share returned. */
export async function monthlyReport(ctx: AppContext, actor: Actor, serviceKey: string, month: string) {
  const db = ctx.database.db;
  const entry = await getCatalogueEntry(db, serviceKey);
  const facts = await actorFacts(ctx, db, actor);
  if (!(isSystemAdmin(actor) || actor.grants.some((g) => g.role === 'pii_officer') || (await isChainMember(ctx, facts, [entry])))) throw new AppError('FORBIDDEN');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'query.month', message: 'Format bulan YYYY-MM' }] });
  const [y, m] = month.split('-').map(Number) as [number, number];
  const offset = tzOffsetMinutes(ctx.config.timeZone, new Date(Date.UTC(y, m - 1, 15)));
  const from = new Date(Date.UTC(y, m - 1, 1) - offset * 60_000);
  const to = new Date(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - offset * 60_000);
  const tickets = await db.select().from(serviceTickets).where(and(eq(serviceTickets.serviceKey, serviceKey), gte(serviceTickets.createdAt, from), lt(serviceTickets.createdAt, to)));
  const ids = tickets.map((t) => t.id);
  const events = ids.length ? await db.select().from(serviceTicketEvents).where(inArray(serviceTicketEvents.ticketId, ids)).orderBy(asc(serviceTicketEvents.id)) : [];
  const perTicket = new Map<string, typeof events>();
  for (const e of events) perTicket.set(e.ticketId, [...(perTicket.get(e.ticketId) ?? []), e]);
  const perStep = new Map<number, number[]>();
  let returned = 0;
  for (const t of tickets) {
    const evs = perTicket.get(t.id) ?? [];
    if (evs.some((e) => e.action === 'return')) returned++;
    for (const s of stepDurations(evs, entry, ctx.now())) if (s.minutes !== null && (s.no !== t.step || isDone(t.status))) perStep.set(s.no, [...(perStep.get(s.no) ?? []), s.minutes]);
  }
  return {
    serviceKey,
    serviceName: entry.name,
    sopNumber: entry.sopNumber,
    month,
    requests: tickets.length,
    active: tickets.filter((t) => t.status === 'active').length,
    returned,
    returnedShare: tickets.length ? Math.round((returned / tickets.length) * 1000) / 10 : 0,
    steps: entry.steps.map((s) => {
      const v = (perStep.get(s.no) ?? []).sort((a, b) => a - b);
      return { no: s.no, name: s.name, actorLabel: s.actorLabel, standardMinutes: s.standardMinutes, count: v.length, medianMinutes: quantile(v, 0.5), p90Minutes: quantile(v, 0.9) };
    }),
  };
}

function tzOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return (Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute')) - at.getTime()) / 60_000;
}

/** CSV of the list (masked like the list). */
export function ticketsCsv(items: TicketView[]): string {
  const head = ['nomor', 'layanan', 'status', 'langkah', 'pemohon', 'nip', 'unit', 'alamat', 'whatsapp', 'dibuat', 'umur_menit'];
  const esc = (v: unknown) => {
    const s = v == null ? '' : String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [head.join(','), ...items.map((t) => [t.number, t.serviceName, t.status, t.step, t.applicantName, t.nip, t.unitName, t.accountAddress ?? t.desiredAddress, t.whatsapp, t.createdAt.toISOString(), t.ageMinutes].map(esc).join(','))].join('\n') + '\n';
}
