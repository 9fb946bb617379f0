// One archive record as its reader sees it: metadata, its berkas, its files, and the history
// frozen at declaration (timeline and audit of the naskah). Who may not read it gets a 404;
// its files are served only while they exist (a destroyed record keeps its metadata).
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { hasRole, type Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError } from '../errors.js';
import { getFileRow, type FileRow } from '../files/storeFile.js';
import { isoDateIn } from '../../shared/dates.js';
import { actorTokens, canRead } from '../search/index.js';
import { units, users } from '../org/schema.js';
import { archiveBerkas, archiveRecords, classificationCodes } from './schema.js';
import { keptFileId, preservationOf } from './preservation.js';

export interface HistoryEntry {
  at: string | null;
  action: string;
  actor: string | null;
  note: string | null;
}

/** The frozen timeline and audit of a snapshot as one list, oldest first. */
export function historyOf(snapshot: Record<string, unknown>): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const at = (v: unknown) => (v instanceof Date ? v.toISOString() : str(v));
  for (const e of (Array.isArray(snapshot.timeline) ? snapshot.timeline : []) as Array<Record<string, unknown>>) {
    out.push({ at: at(e.at ?? e.createdAt), action: str(e.action) ?? str(e.kind) ?? str(e.toStatus) ?? 'event', actor: str(e.actorName) ?? str(e.actorUserId), note: str(e.note) ?? str(e.comment) });
  }
  for (const e of (Array.isArray(snapshot.audit) ? snapshot.audit : []) as Array<Record<string, unknown>>) {
    out.push({ at: at(e.at), action: str(e.action) ?? 'audit', actor: str(e.actorUserId), note: null });
  }
  return out.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
}

async function readable(ctx: AppContext, actor: Actor, id: string) {
  const [r] = await ctx.database.db.select().from(archiveRecords).where(eq(archiveRecords.id, id));
  if (!r) throw new AppError('NOT_FOUND', { entity: 'record', id });
  const tokens = await actorTokens(ctx.database.db, actor, isoDateIn(ctx.config.timeZone, ctx.now()));
  if (!canRead(r.acl, tokens)) throw new AppError('NOT_FOUND', { entity: 'record', id });
  return r;
}

async function isPiiOfficerFor(ctx: AppContext, actor: Actor, unitId: string): Promise<boolean> {
  const [u] = await ctx.database.db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return hasRole(actor, 'pii_officer', u?.path ?? null);
}

export async function getRecord(ctx: AppContext, actor: Actor, id: string) {
  const r = await readable(ctx, actor, id);
  const db = ctx.database.db;
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, r.unitId));
  const [cls] = await db.select({ name: classificationCodes.name }).from(classificationCodes).where(eq(classificationCodes.code, r.classificationCode));
  const [b] = r.berkasId ? await db.select().from(archiveBerkas).where(eq(archiveBerkas.id, r.berkasId)) : [];
  const history = historyOf(r.snapshot);
  const ids = [...new Set(history.map((h) => h.actor).filter((a): a is string => !!a && /^[0-9a-f-]{36}$/.test(a)))];
  const names = new Map(ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((x) => [x.id, x.name]) : []);
  for (const h of history) if (h.actor && names.has(h.actor)) h.actor = names.get(h.actor)!;
  const piiOfficer = await isPiiOfficerFor(ctx, actor, r.unitId);
  const kept = await preservationOf(ctx.database.db, r.id);
  const parties = Array.isArray(r.snapshot.parties) ? (r.snapshot.parties as unknown[]).filter((p): p is string => typeof p === 'string' && p.length > 0) : [];
  return {
    id: r.id,
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
    number: r.number,
    title: r.title,
    documentDate: r.documentDate,
    sifat: r.sifat,
    accessClass: r.accessClass,
    unitId: r.unitId,
    unitName: u?.name ?? null,
    classificationCode: r.classificationCode,
    classificationName: cls?.name ?? null,
    parties,
    berkas: b ? { id: b.id, uraian: b.uraian, status: b.status, state: b.state, year: b.year } : null,
    files: r.files.map((f, index) => {
      const lt = kept.get(index);
      return {
        index,
        role: f.role,
        name: f.name,
        sha256: f.sha256,
        size: f.size,
        available: f.fileId !== null && (!f.personalData || piiOfficer),
        personalData: !!f.personalData,
        longTerm: lt && lt.signatures > 0 && f.fileId !== null ? { protectedUntil: lt.protectedUntil, archiveTimestamps: lt.archiveTimestamps } : null,
      };
    }),
    hasOcrText: !!r.ocrText,
    declaredAt: r.declaredAt,
    snapshotSha256: r.snapshotSha256,
    legalHold: r.legalHold,
    legalHoldReason: r.legalHoldReason,
    contentDeletedAt: r.contentDeletedAt,
    history,
    version: r.version,
  };
}

/** The bytes of a record's file (index into its files), for a reader, while it exists. */
/** A record's PDF as stored, under the name it was frozen with (bytes stream from the store). */
export async function recordFile(ctx: AppContext, actor: Actor, id: string, index: number): Promise<{ name: string; row: FileRow }> {
  const r = await readable(ctx, actor, id);
  const f = r.files[index];
  if (!f || !f.fileId) throw new AppError('NOT_FOUND', { entity: 'record_file', id: `${id}/${index}` });
  if (f.personalData) {
    // A record reader sees that the file exists; only the PII officer opens it, and every opening is on the trail.
    if (!(await isPiiOfficerFor(ctx, actor, r.unitId))) throw new AppError('NOT_FOUND', { entity: 'record_file', id: `${id}/${index}` });
    await recordAudit(ctx.database.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.personal_data_opened', entityType: 'archive_record', entityId: r.id, data: { index, name: f.name, source: r.sourceKind, sourceId: r.sourceId }, ip: actor.ip });
  }
  // The kept file: with the archive timestamps added since (B-LTA), the declared bytes unchanged inside.
  return { name: f.name, row: await getFileRow(ctx.database.db, await keptFileId(ctx.database.db, r.id, index, f.fileId)) };
}
