// Pemusnahan and serah arsip statis. Destruction: daftar arsip usul musnah (from the berkas due
// in the retention report) -> the panitia penilai records its pertimbangan per berkas -> for a
// retention of 10 years or more the Kepala ANRI's approval is uploaded -> the head of the
// Perangkat Daerah fixes the list by keputusan -> the records officer executes: the records'
// files are deleted, their metadata kept -> the head signs the berita acara and the daftar arsip
// musnah with TTE. Transfer: usul serah (permanent berkas due) -> keputusan -> executed -> the
// signed berita acara serah terima and daftar go into a BagIt package with the PDFs, metadata
// and audit trail per record. A legal hold on a berkas or any of its records blocks both, at
// proposal and again at execution. Who may do which step: disposalAccess.ts.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { files } from '../files/schema.js';
import { getFileRow, storeFile, type FileRow } from '../files/storeFile.js';
import { units, users } from '../org/schema.js';
import { sealForUnit } from '../org/unitSeal.js';
import { isoDateIn } from '../../shared/dates.js';
import { indexEntry } from '../search/index.js';
import { getSetting } from '../settings/settings.js';
import { auditSigned, newVerificationCode, openSigningSession, registerVerification, verificationUrl, type SignItem } from '../signature/index.js';
import { sha256Hex } from '../files/blobStore.js';
import { assertKeeper } from './berkas.js';
import { assertHeadStep, disposalHeadOf, disposalRoles, headTitle, seesDisposal, type DisposalHead, type DisposalRoles } from './disposalAccess.js';
import { beritaAcaraPdf, itemsOf, proposalListPdf, transferPackage, type Person, type SignatureFooter } from './disposalDocuments.js';
import { archiveBerkas, archiveDisposalItems, archiveDisposals, archivePreservations, archiveRecords, classificationCodes, type DisposalStatus } from './schema.js';

export type DisposalKind = 'musnah' | 'serah';
export type DisposalAction = 'assess' | 'anri' | 'decide' | 'execute' | 'sign';
type DisposalRow = typeof archiveDisposals.$inferSelect;

/** Years of retention from which the Kepala ANRI must approve a destruction. */
export const ANRI_APPROVAL_YEARS = 10;

/** Pure: may this action run on a disposal in this state? Returns the next status or a refusal. */
export function disposalNext(d: { kind: DisposalKind; status: DisposalStatus; needsAnriApproval: boolean; hasAnriApproval: boolean }, action: DisposalAction): { ok: true; status: DisposalStatus } | { ok: false; reason: string } {
  switch (action) {
    case 'assess':
      return d.kind === 'musnah' && d.status === 'usul' ? { ok: true, status: 'dinilai' } : { ok: false, reason: 'Penilaian panitia hanya untuk usul musnah yang belum dinilai.' };
    case 'anri':
      return d.kind === 'musnah' && d.needsAnriApproval && (d.status === 'usul' || d.status === 'dinilai') ? { ok: true, status: d.status } : { ok: false, reason: 'Persetujuan Kepala ANRI tidak diperlukan atau sudah lewat tahapnya.' };
    case 'decide':
      if (d.status === 'usul') return { ok: false, reason: 'Panitia penilai belum memberikan pertimbangan.' };
      if (d.status !== 'dinilai') return { ok: false, reason: 'Usul sudah ditetapkan dengan keputusan.' };
      if (d.needsAnriApproval && !d.hasAnriApproval) return { ok: false, reason: 'Retensi 10 tahun atau lebih: unggah persetujuan Kepala ANRI lebih dulu.' };
      return { ok: true, status: 'ditetapkan' };
    case 'execute':
      return d.status === 'ditetapkan' ? { ok: true, status: 'dilaksanakan' } : { ok: false, reason: d.status === 'dilaksanakan' || d.status === 'selesai' ? 'Usul sudah dilaksanakan.' : 'Usul belum ditetapkan dengan keputusan.' };
    case 'sign':
      return d.status === 'dilaksanakan' ? { ok: true, status: 'selesai' } : { ok: false, reason: d.status === 'selesai' ? 'Berita acara sudah ditandatangani.' : 'Berita acara ditandatangani setelah usul dilaksanakan.' };
  }
}

function check(d: DisposalRow, action: DisposalAction): DisposalStatus {
  const r = disposalNext({ kind: d.kind, status: d.status, needsAnriApproval: d.needsAnriApproval, hasAnriApproval: !!d.anriApprovalFileId }, action);
  if (!r.ok) throw new AppError('DISPOSAL_WRONG_STAGE', { reason: r.reason, status: d.status });
  return r.status;
}

const today = (ctx: AppContext) => isoDateIn(ctx.config.timeZone, ctx.now());

/** Berkas (or their records) under legal hold among these ids. */
async function heldAmong(db: Db, berkasIds: string[]): Promise<string[]> {
  if (!berkasIds.length) return [];
  const r = await db.execute<{ id: string }>(sql`
    select b.id from archive_berkas b where b.id in ${sql`(${sql.join(berkasIds.map((i) => sql`${i}::uuid`), sql`, `)})`}
      and (b.legal_hold or exists (select 1 from archive_records r where r.berkas_id = b.id and r.legal_hold))`);
  return r.rows.map((x) => x.id);
}

async function lockDisposal(db: Db, id: string): Promise<DisposalRow> {
  const [d] = await db.select().from(archiveDisposals).where(eq(archiveDisposals.id, id)).for('update');
  if (!d) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  return d;
}

function version(d: DisposalRow, expected: number) {
  if (d.version !== expected) throw new AppError('STALE_VERSION', { current: d.version });
}

/** The records officer proposes berkas due for destruction (musnah) or transfer (serah). */
export async function proposeDisposal(ctx: AppContext, actor: Actor, input: { kind: DisposalKind; unitId: string; berkasIds: string[]; panitiaUserIds?: string[] }) {
  return inTransaction(ctx.database, async (tx) => {
    const db = tx.db;
    await assertKeeper(db, actor, input.unitId, 'unit', input.unitId);
    const ids = [...new Set(input.berkasIds)];
    const rows = await db.select().from(archiveBerkas).where(inArray(archiveBerkas.id, ids)).for('update');
    const asOf = today(ctx);
    const wanted = input.kind === 'musnah' ? 'musnah' : 'permanen';
    const notDue = ids.filter((id) => {
      const b = rows.find((r) => r.id === id);
      return !b || b.unitId !== input.unitId || b.state !== 'inaktif' || b.finalDisposition !== wanted || !b.inactiveUntil || b.inactiveUntil > asOf;
    });
    if (notDue.length) throw new AppError('DISPOSAL_NOT_DUE', { berkasIds: notDue });
    const held = await heldAmong(db, ids);
    if (held.length) throw new AppError('DISPOSAL_LEGAL_HOLD', { berkasIds: held });
    const busy = await db.execute<{ id: string }>(sql`
      select i.berkas_id id from archive_disposal_items i join archive_disposals d on d.id = i.disposal_id
      where d.status <> 'selesai' and i.berkas_id in ${sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`}`);
    if (busy.rows.length) throw new AppError('DISPOSAL_ALREADY_PROPOSED', { berkasIds: busy.rows.map((r) => r.id) });
    const panitia = [...new Set(input.panitiaUserIds ?? [])];
    if (input.kind === 'musnah' && !panitia.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.panitiaUserIds', message: 'Tentukan anggota panitia penilai arsip' }] });
    const needsAnri = input.kind === 'musnah' && rows.some((b) => (b.retentionActiveYears ?? 0) + (b.retentionInactiveYears ?? 0) >= ANRI_APPROVAL_YEARS);
    const [d] = await db
      .insert(archiveDisposals)
      .values({ kind: input.kind, unitId: input.unitId, status: input.kind === 'serah' ? 'dinilai' : 'usul', panitiaUserIds: input.kind === 'musnah' ? panitia : [], needsAnriApproval: needsAnri, createdByUserId: actor.userId })
      .returning();
    await db.insert(archiveDisposalItems).values(ids.map((berkasId) => ({ disposalId: d!.id, berkasId })));
    await recordAudit(db, { at: ctx.now(), actorUserId: actor.userId, action: input.kind === 'musnah' ? 'archive.disposal_proposed' : 'archive.transfer_proposed', entityType: 'archive_disposal', entityId: d!.id, data: { berkasIds: ids, panitia, needsAnri }, ip: actor.ip });
    return d!;
  });
}

/** A member of the panitia penilai records the pertimbangan for every berkas of the list. */
export async function assessDisposal(ctx: AppContext, actor: Actor, id: string, input: { version: number; items: Array<{ berkasId: string; approved: boolean; pertimbangan: string }> }) {
  return inTransaction(ctx.database, async (tx) => {
    const d = await lockDisposal(tx.db, id);
    if (!d.panitiaUserIds.includes(actor.userId)) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
    version(d, input.version);
    const next = check(d, 'assess');
    const items = await tx.db.select().from(archiveDisposalItems).where(eq(archiveDisposalItems.disposalId, id));
    const missing = items.filter((i) => !input.items.some((x) => x.berkasId === i.berkasId)).map((i) => i.berkasId);
    if (missing.length) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.items', message: 'Setiap berkas dalam daftar perlu pertimbangan panitia' }], berkasIds: missing });
    for (const x of input.items) {
      if (!items.some((i) => i.berkasId === x.berkasId)) continue;
      await tx.db.update(archiveDisposalItems).set({ approved: x.approved, pertimbangan: x.pertimbangan, assessedByUserId: actor.userId }).where(and(eq(archiveDisposalItems.disposalId, id), eq(archiveDisposalItems.berkasId, x.berkasId)));
    }
    const [after] = await tx.db.update(archiveDisposals).set({ status: next, version: d.version + 1, updatedAt: ctx.now() }).where(eq(archiveDisposals.id, id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.disposal_assessed', entityType: 'archive_disposal', entityId: id, data: { items: input.items }, ip: actor.ip });
    return after!;
  });
}

/** Before the upload is read: only the unit's records officer may attach the approval (404 for anyone else). */
export async function assertMayAttachAnri(db: Db, actor: Actor, id: string): Promise<void> {
  const [d] = await db.select({ unitId: archiveDisposals.unitId }).from(archiveDisposals).where(eq(archiveDisposals.id, id));
  if (!d) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  await assertKeeper(db, actor, d.unitId, 'disposal', id);
}

/** The uploaded approval letter of the Kepala ANRI (retention of 10 years or more), with its number and date. */
export async function attachAnriApproval(ctx: AppContext, actor: Actor, id: string, input: { version: number; name: string; bytes: Buffer; number: string; date: string }) {
  if (input.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Persetujuan Kepala ANRI harus berupa PDF' }] });
  if (input.date > today(ctx)) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.date', message: 'Tanggal surat persetujuan tidak boleh setelah hari ini' }] });
  await assertMayAttachAnri(ctx.database.db, actor, id);
  const f = await storeFile(ctx, ctx.database.db, { bytes: input.bytes, name: input.name || 'persetujuan-anri.pdf', mime: 'application/pdf', createdBy: actor.userId });
  return inTransaction(ctx.database, async (tx) => {
    const d = await lockDisposal(tx.db, id);
    await assertKeeper(tx.db, actor, d.unitId, 'disposal', id);
    version(d, input.version);
    check(d, 'anri');
    const [after] = await tx.db
      .update(archiveDisposals)
      .set({ anriApprovalFileId: f.id, anriApprovalNumber: input.number, anriApprovalDate: input.date, version: d.version + 1, updatedAt: ctx.now() })
      .where(eq(archiveDisposals.id, id))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.disposal_anri_approval', entityType: 'archive_disposal', entityId: id, data: { fileId: f.id, sha256: f.sha256, number: input.number, date: input.date }, ip: actor.ip });
    return after!;
  });
}

interface Seen {
  d: DisposalRow;
  head: DisposalHead;
  roles: DisposalRoles;
}

/** The disposal, its head as of today and the actor's roles on it; 404 when he may not see it. */
async function seen(ctx: AppContext, db: Db, actor: Actor, d: DisposalRow, id: string, known?: Map<string, Promise<{ head: Awaited<ReturnType<typeof disposalHeadOf>>; path: string }>>): Promise<Seen> {
  const unitFacts = async () => {
    const [head, [u]] = await Promise.all([disposalHeadOf(db, d.unitId, today(ctx)), db.select({ path: units.path }).from(units).where(eq(units.id, d.unitId))]);
    return { head, path: u?.path ?? '' };
  };
  // A list asks once per unit, not once per proposal.
  let facts = known?.get(d.unitId);
  if (!facts) {
    facts = unitFacts();
    known?.set(d.unitId, facts);
  }
  const { head, path } = await facts;
  const roles = disposalRoles(actor, d, head, path);
  if (!seesDisposal(roles)) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  return { d, head, roles };
}

/**
 * Keputusan penetapan: the head of the Perangkat Daerah (not the proposer) records the number
 * and date of the decision that fixes the list; never dated in the future nor before the Kepala
 * ANRI's approval it rests on.
 */
export async function decideDisposal(ctx: AppContext, actor: Actor, id: string, input: { version: number; keputusanNumber: string; keputusanDate: string }) {
  return inTransaction(ctx.database, async (tx) => {
    const { d, head, roles } = await seen(ctx, tx.db, actor, await lockDisposal(tx.db, id), id);
    assertHeadStep(d, actor, roles, head);
    version(d, input.version);
    const next = check(d, 'decide');
    if (input.keputusanDate > today(ctx)) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.keputusanDate', message: 'Tanggal keputusan tidak boleh setelah hari ini' }] });
    if (d.anriApprovalDate && input.keputusanDate < d.anriApprovalDate) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.keputusanDate', message: 'Keputusan tidak boleh bertanggal sebelum persetujuan Kepala ANRI' }] });
    const [after] = await tx.db
      .update(archiveDisposals)
      .set({ status: next, keputusanNumber: input.keputusanNumber, keputusanDate: input.keputusanDate, decidedByUserId: actor.userId, version: d.version + 1, updatedAt: ctx.now() })
      .where(eq(archiveDisposals.id, id))
      .returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.disposal_decided', entityType: 'archive_disposal', entityId: id, data: { keputusanNumber: input.keputusanNumber, keputusanDate: input.keputusanDate, as: headTitle(head, actor.userId) }, ip: actor.ip });
    return after!;
  });
}

/**
 * The records officer executes a fixed list: the approved berkas' files are destroyed (metadata
 * kept), or the permanent berkas become statis. The berita acara is then the head's to sign.
 */
export async function executeDisposal(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  const blobsToDelete: string[] = [];
  const result = await inTransaction(ctx.database, async (tx) => {
    const db = tx.db;
    const d = await lockDisposal(db, id);
    await assertKeeper(db, actor, d.unitId, 'disposal', id);
    version(d, input.version);
    const next = check(d, 'execute');
    const items = await itemsOf(db, id);
    const chosen = items.filter((i) => d.kind === 'serah' || i.approved);
    // A hold placed since the proposal still blocks.
    const held = await heldAmong(db, chosen.map((i) => i.berkas.id));
    if (held.length) throw new AppError('DISPOSAL_LEGAL_HOLD', { berkasIds: held });
    await db.select({ id: archiveBerkas.id }).from(archiveBerkas).where(inArray(archiveBerkas.id, chosen.length ? chosen.map((i) => i.berkas.id) : [id])).for('update');
    if (d.kind === 'musnah') {
      for (const i of chosen) {
        const recs = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, i.berkas.id));
        for (const r of recs) {
          const kept = await db.select({ fileId: archivePreservations.fileId }).from(archivePreservations).where(eq(archivePreservations.recordId, r.id));
          const fileIds = [...r.files.map((f) => f.fileId), ...kept.map((k) => k.fileId)].filter((x): x is string => !!x);
          await db.update(archiveRecords).set({ files: r.files.map((f) => ({ ...f, fileId: null })), ocrText: null, contentDeletedAt: ctx.now(), version: r.version + 1 }).where(eq(archiveRecords.id, r.id));
          if (fileIds.length) {
            const rows = await db.select({ sha: files.sha256 }).from(files).where(inArray(files.id, fileIds));
            blobsToDelete.push(...rows.map((x) => x.sha));
          }
          // The index keeps the metadata only.
          const [cls] = await db.select({ name: classificationCodes.name }).from(classificationCodes).where(eq(classificationCodes.code, r.classificationCode));
          const [ru] = await db.select({ path: units.path }).from(units).where(eq(units.id, r.unitId));
          await indexEntry(db, {
            kind: r.sourceKind,
            sourceId: r.sourceId,
            recordId: r.id,
            unitId: r.unitId,
            unitPath: ru?.path ?? null,
            classificationCode: r.classificationCode,
            classificationName: cls?.name ?? null,
            sifat: r.sifat,
            accessClass: r.accessClass as 'biasa',
            docType: (r.snapshot.docType as string | undefined) ?? null,
            state: 'musnah',
            entryDate: r.documentDate,
            number: r.number,
            title: r.title,
            parties: Array.isArray(r.snapshot.parties) ? (r.snapshot.parties as string[]) : [],
            pdfText: null,
            ocrText: null,
            acl: r.acl,
          });
          await recordAudit(db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.record_destroyed', entityType: 'archive_record', entityId: r.id, data: { disposalId: id, files: r.files.map((f) => ({ name: f.name, sha256: f.sha256 })) }, ip: actor.ip });
        }
        await db.update(archiveBerkas).set({ state: 'musnah', version: i.berkas.version + 1, updatedAt: ctx.now() }).where(eq(archiveBerkas.id, i.berkas.id));
      }
    } else {
      for (const i of chosen) {
        await db.update(archiveBerkas).set({ state: 'statis', version: i.berkas.version + 1, updatedAt: ctx.now() }).where(eq(archiveBerkas.id, i.berkas.id));
        await db.execute(sql`update search_entries set state = 'statis' where record_id in (select id from archive_records where berkas_id = ${i.berkas.id})`);
      }
    }
    const [after] = await db.update(archiveDisposals).set({ status: next, executedAt: ctx.now(), executedByUserId: actor.userId, version: d.version + 1, updatedAt: ctx.now() }).where(eq(archiveDisposals.id, id)).returning();
    await recordAudit(db, { at: ctx.now(), actorUserId: actor.userId, action: d.kind === 'musnah' ? 'archive.disposal_executed' : 'archive.transfer_executed', entityType: 'archive_disposal', entityId: id, data: { berkasIds: chosen.map((i) => i.berkas.id) }, ip: actor.ip });
    return after!;
  });
  // After commit: the destroyed bytes leave the blob store, unless another file still uses them.
  for (const sha of new Set(blobsToDelete)) {
    const still = await ctx.database.db.execute<{ n: number }>(sql`
      select count(*)::int n from files f where f.sha256 = ${sha} and exists (
        select 1 from archive_records r, jsonb_array_elements(r.files) x where x->>'fileId' = f.id::text
        union all
        select 1 from archive_preservations p join archive_records r on r.id = p.record_id where p.file_id = f.id and r.content_deleted_at is null)`);
    if ((still.rows[0]?.n ?? 0) === 0) await ctx.blobs.delete(sha);
  }
  return result;
}

/** Destruction proposals waiting for this panitia member's pertimbangan (the home page's tile). */
export async function countDisposalsToAssess(db: Db, userId: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int n from archive_disposals where kind = 'musnah' and status = 'usul' and ${userId}::uuid = any(panitia_user_ids)`);
  return r.rows[0]?.n ?? 0;
}

/**
 * Proposals waiting for this user as head of the Perangkat Daerah: to fix by keputusan (assessed,
 * with the Kepala ANRI's approval where needed) or to sign the berita acara. Not his own proposals.
 */
export async function countDisposalsForHead(db: Db, userId: string, held: Array<{ isUnitHead: boolean; unitPath: string }>): Promise<number> {
  // Heads of a Perangkat Daerah (path /pemda/pd/), from the positions the caller already read for today.
  const headed = held.filter((p) => p.isUnitHead && p.unitPath.split('/').filter(Boolean).length <= 2).map((p) => p.unitPath);
  if (!headed.length) return 0;
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int n from archive_disposals d join units u on u.id = d.unit_id
    where (d.status = 'dilaksanakan' or (d.status = 'dinilai' and (not d.needs_anri_approval or d.anri_approval_file_id is not null)))
      and d.created_by_user_id <> ${userId}::uuid
      and (${sql.join(headed.map((p) => sql`u.path like ${`${p}%`}`), sql` or `)})`);
  return r.rows[0]?.n ?? 0;
}

export async function listDisposals(ctx: AppContext, actor: Actor, q: { kind?: DisposalKind }) {
  const db = ctx.database.db;
  const rows = await db.select().from(archiveDisposals).where(q.kind ? eq(archiveDisposals.kind, q.kind) : undefined).orderBy(asc(archiveDisposals.createdAt));
  const out = [];
  const perUnit = new Map();
  for (const d of rows) {
    try {
      await seen(ctx, db, actor, d, d.id, perUnit);
      out.push(d);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'NOT_FOUND') throw e;
    }
  }
  return out;
}

/** What the actor may do now on a disposal he sees (the page shows exactly these). */
function actionsFor(v: Seen, actor: Actor) {
  const { d, roles } = v;
  const can = (a: DisposalAction) => disposalNext({ kind: d.kind, status: d.status, needsAnriApproval: d.needsAnriApproval, hasAnriApproval: !!d.anriApprovalFileId }, a).ok;
  const headStep = roles.head && d.createdByUserId !== actor.userId;
  return {
    assess: roles.member && can('assess'),
    anri: roles.keeper && can('anri'),
    decide: headStep && can('decide'),
    execute: roles.keeper && can('execute'),
    sign: headStep && can('sign'),
  };
}

export async function getDisposal(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.database.db;
  const [row] = await db.select().from(archiveDisposals).where(eq(archiveDisposals.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  const v = await seen(ctx, db, actor, row, id);
  const d = v.d;
  const items = await itemsOf(db, id);
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const people = [...new Set([...d.panitiaUserIds, d.decidedByUserId, d.executedByUserId, d.signedByUserId].filter((x): x is string => !!x))];
  const named = people.length ? await db.select({ userId: users.id, name: users.name }).from(users).where(inArray(users.id, people)) : [];
  const nameOf = (userId: string | null) => (userId ? (named.find((m) => m.userId === userId)?.name ?? '') : null);
  const panitia = d.panitiaUserIds.map((userId) => ({ userId, name: nameOf(userId) ?? '' }));
  return {
    ...d,
    unitName: u?.name ?? '',
    panitia,
    head: { unitName: v.head.unitName, positionName: v.head.positionName, holders: v.head.holders.map((h) => ({ userId: h.userId, name: h.name, kind: h.kind })) },
    decidedByName: nameOf(d.decidedByUserId),
    executedByName: nameOf(d.executedByUserId),
    signedByName: nameOf(d.signedByUserId),
    actions: actionsFor(v, actor),
    items: items.map((i) => ({ berkasId: i.berkas.id, classificationCode: i.berkas.classificationCode, uraian: i.berkas.uraian, year: i.berkas.year, itemCount: i.berkas.itemCount, state: i.berkas.state, pertimbangan: i.pertimbangan, approved: i.approved })),
  };
}

const DOC_NAMES = {
  musnah: { daftar: 'daftar-arsip-musnah.pdf', ba: 'berita-acara-pemusnahan.pdf' },
  serah: { daftar: 'daftar-arsip-serah.pdf', ba: 'berita-acara-serah-terima.pdf' },
} as const;

async function personOf(db: Db, userId: string | null): Promise<Person> {
  const [p] = userId ? await db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, userId)) : [];
  return p ?? { name: '', nip: null };
}

/** The berita acara and the daftar as the head will sign them (signer block of `signerUserId`). */
async function documentsToSign(ctx: AppContext, db: Db, d: DisposalRow, head: DisposalHead, signerUserId: string | null): Promise<{ ba: Uint8Array; daftar: Uint8Array; footer: SignatureFooter }> {
  const holder = head.holders.find((h) => h.userId === signerUserId) ?? head.holders[0];
  const footer: SignatureFooter = {
    signer: { name: holder?.name ?? '(belum ada pejabat)', nip: holder?.nip ?? null, title: holder ? headTitle(head, holder.userId) : (head.positionName ?? head.unitName) },
    place: (await getSetting<string>(db, 'instance.region')) ?? 'Indonesia',
    signedOn: today(ctx),
  };
  const executedOn = d.executedAt ? isoDateIn(ctx.config.timeZone, d.executedAt) : today(ctx);
  const ba = await beritaAcaraPdf(db, d, await itemsOf(db, d.id), { executor: await personOf(db, d.executedByUserId), executedOn, ...footer });
  const daftar = await proposalListPdf(db, d, executedOn, footer);
  return { ba, daftar, footer };
}

/**
 * The head signs the berita acara and the daftar arsip musnah / serah with TTE (one passphrase
 * for both); each gets its QR verification code. For a transfer the BagIt package is built now,
 * with the signed documents in it. Then the disposal is selesai.
 */
export async function signDisposal(ctx: AppContext, actor: Actor, id: string, input: { version: number; passphrase: string }) {
  const db = ctx.database.db;
  // Cheap checks first (404, not the head, 409), so a refused try does not count as a passphrase attempt.
  const [row] = await db.select().from(archiveDisposals).where(eq(archiveDisposals.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  const v = await seen(ctx, db, actor, row, id);
  assertHeadStep(v.d, actor, v.roles, v.head);
  version(v.d, input.version);
  check(v.d, 'sign');
  const docs = await documentsToSign(ctx, db, v.d, v.head, actor.userId);
  const via = { ip: actor.ip ?? null, via: 'archive' };
  const session = await openSigningSession(ctx, actor.userId, input.passphrase, { ...via, eager: true });
  const codes = { ba: newVerificationCode(), daftar: newVerificationCode() };
  const signedItems: Array<{ item: SignItem; pdf: Uint8Array; serial: string; signedAt: Date }> = [];
  try {
    const seal = session.signerKind === 'local' ? await sealForUnit(ctx, db, v.head.unitId) : null;
    const reason = v.d.kind === 'musnah' ? 'Berita acara pemusnahan arsip' : 'Berita acara serah terima arsip statis';
    for (const [key, pdf] of [['ba', docs.ba], ['daftar', docs.daftar]] as const) {
      const item: SignItem = {
        pdf,
        appearance: { visible: true, placement: { signatureBlockOf: docs.footer.signer.name }, signerName: docs.footer.signer.name, signerTitle: docs.footer.signer.title, nip: docs.footer.signer.nip, seal },
        verificationUrl: verificationUrl(ctx, codes[key]),
        reason: `${reason}${v.d.keputusanNumber ? `, Keputusan ${v.d.keputusanNumber}` : ''}`,
        location: docs.footer.place,
      };
      const r = await session.sign(item);
      signedItems.push({ item, pdf: r.pdf, serial: r.certificateSerial, signedAt: r.signedAt });
    }
  } finally {
    session.close();
  }
  const [baSigned, daftarSigned] = signedItems as [(typeof signedItems)[0], (typeof signedItems)[0]];
  const names = DOC_NAMES[v.d.kind];
  // The transfer package (PDF/A conversions: slow) is built before the transaction; the records
  // of a fixed list are frozen, and a disposal changed meanwhile fails the version check below.
  const pkg =
    v.d.kind === 'serah'
      ? await transferPackage(ctx, ctx.database.db, v.d, await itemsOf(ctx.database.db, id), [
          { path: names.daftar, bytes: daftarSigned.pdf },
          { path: names.ba, bytes: baSigned.pdf },
        ])
      : null;
  const after = await inTransaction(ctx.database, async (tx) => {
    const d = await lockDisposal(tx.db, id);
    // Someone acted meanwhile: this signature is discarded.
    version(d, input.version);
    const next = check(d, 'sign');
    const baFile = await storeFile(ctx, tx.db, { bytes: baSigned.pdf, name: names.ba, mime: 'application/pdf', createdBy: actor.userId });
    const daftarFile = await storeFile(ctx, tx.db, { bytes: daftarSigned.pdf, name: names.daftar, mime: 'application/pdf', createdBy: actor.userId });
    const title = v.d.kind === 'musnah' ? 'Berita Acara Pemusnahan Arsip' : 'Berita Acara Serah Terima Arsip Statis';
    const daftarTitle = v.d.kind === 'musnah' ? 'Daftar Arsip Musnah' : 'Daftar Arsip Statis yang Diserahkan';
    const common = { documentId: d.id, number: d.keputusanNumber, date: docs.footer.signedOn, signerName: docs.footer.signer.name, signerTitle: docs.footer.signer.title };
    await registerVerification(tx.db, { ...common, code: codes.ba, sha256: sha256Hex(baSigned.pdf), fileId: baFile.id, title: `${title}, ${v.head.unitName}` });
    await registerVerification(tx.db, { ...common, code: codes.daftar, sha256: sha256Hex(daftarSigned.pdf), fileId: daftarFile.id, title: `${daftarTitle}, ${v.head.unitName}` });
    let packageFileId: string | null = null;
    if (pkg) {
      packageFileId = (await storeFile(ctx, tx.db, { bytes: pkg, name: `serah-arsip-${docs.footer.signedOn}.tar`, mime: 'application/x-tar', createdBy: actor.userId })).id;
    }
    const [out] = await tx.db
      .update(archiveDisposals)
      .set({ status: next, beritaAcaraFileId: baFile.id, daftarFileId: daftarFile.id, packageFileId, signedByUserId: actor.userId, signedAt: ctx.now(), version: d.version + 1, updatedAt: ctx.now() })
      .where(eq(archiveDisposals.id, id))
      .returning();
    await recordAudit(tx.db, {
      at: ctx.now(),
      actorUserId: actor.userId,
      action: d.kind === 'musnah' ? 'archive.disposal_signed' : 'archive.transfer_signed',
      entityType: 'archive_disposal',
      entityId: id,
      data: { as: docs.footer.signer.title, beritaAcara: { sha256: baFile.sha256, code: codes.ba }, daftar: { sha256: daftarFile.sha256, code: codes.daftar }, certificateSerial: baSigned.serial },
      ip: actor.ip,
    });
    return out!;
  });
  for (const x of signedItems) await auditSigned(ctx, actor.userId, x.item, { pdf: x.pdf, certificateSerial: x.serial, signedAt: x.signedAt }, session.signerKind, via);
  return after;
}

export type DisposalDocumentKind = 'usul' | 'daftar' | 'berita-acara' | 'paket' | 'anri';

/**
 * A document of the disposal: the daftar usul is generated live; once executed and until signed,
 * the berita acara and the daftar are drafts generated live (what the head will sign); the signed
 * ones, the package and the ANRI approval are stored files (streamed by the route).
 */
export async function disposalDocument(ctx: AppContext, actor: Actor, id: string, which: DisposalDocumentKind): Promise<{ generated: { name: string; mime: string; bytes: Uint8Array } } | { stored: FileRow }> {
  const db = ctx.database.db;
  const [row] = await db.select().from(archiveDisposals).where(eq(archiveDisposals.id, id));
  if (!row) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  const { d, head } = await seen(ctx, db, actor, row, id);
  const pdf = (name: string, bytes: Uint8Array) => ({ generated: { name, mime: 'application/pdf', bytes } });
  if (which === 'usul') return pdf(d.kind === 'musnah' ? 'daftar-arsip-usul-musnah.pdf' : 'daftar-arsip-usul-serah.pdf', await proposalListPdf(db, { ...d, status: 'usul' }, today(ctx)));
  if (d.status === 'dilaksanakan' && (which === 'daftar' || which === 'berita-acara')) {
    const docs = await documentsToSign(ctx, db, d, head, actor.userId);
    const names = DOC_NAMES[d.kind];
    return which === 'daftar' ? pdf(`konsep-${names.daftar}`, docs.daftar) : pdf(`konsep-${names.ba}`, docs.ba);
  }
  const fileId = { daftar: d.daftarFileId, 'berita-acara': d.beritaAcaraFileId, paket: d.packageFileId, anri: d.anriApprovalFileId }[which];
  if (!fileId) throw new AppError('NOT_FOUND', { entity: 'disposal_document', id: `${id}/${which}` });
  return { stored: await getFileRow(db, fileId) };
}
