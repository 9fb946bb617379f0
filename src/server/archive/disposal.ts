// Pemusnahan and serah arsip statis. Destruction: daftar arsip usul musnah (from the berkas due
// in the retention report) -> the panitia penilai records its pertimbangan per berkas -> for a
// retention of 10 years or more the Kepala ANRI's approval is uploaded -> keputusan penetapan ->
// executed: the records' files are deleted, their metadata and the berita acara kept. Transfer:
// usul serah (permanent berkas due) -> keputusan -> executed: a BagIt package with the PDFs,
// metadata and audit trail per record, and the berita acara serah terima. A legal hold on a
// berkas or any of its records blocks both, at proposal and again at execution.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { auditEvents } from '../audit/schema.js';
import { files } from '../files/schema.js';
import { getFileRow, readFileBytes, storeFile, type FileRow } from '../files/storeFile.js';
import { units, users } from '../org/schema.js';
import { isoDateIn, tanggalIndonesia } from '../../shared/dates.js';
import { indexEntry } from '../search/index.js';
import { getSetting } from '../settings/settings.js';
import { assertKeeper } from './berkas.js';
import { bagFiles, safeName, tar } from './bagit.js';
import { lokasiOf, tablePdf } from './daftarArsip.js';
import { canonicalJson } from './declareRecord.js';
import { archiveBerkas, archiveDisposalItems, archiveDisposals, archiveRecords, classificationCodes, type DisposalStatus } from './schema.js';

export type DisposalKind = 'musnah' | 'serah';
export type DisposalAction = 'assess' | 'anri' | 'decide' | 'execute';
type DisposalRow = typeof archiveDisposals.$inferSelect;
type BerkasRow = typeof archiveBerkas.$inferSelect;

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
      if (d.status !== 'dinilai') return { ok: false, reason: d.kind === 'musnah' ? 'Panitia penilai belum memberikan pertimbangan.' : 'Usul serah sudah ditetapkan.' };
      if (d.needsAnriApproval && !d.hasAnriApproval) return { ok: false, reason: 'Retensi 10 tahun atau lebih: unggah persetujuan Kepala ANRI lebih dulu.' };
      return { ok: true, status: 'ditetapkan' };
    case 'execute':
      return d.status === 'ditetapkan' ? { ok: true, status: 'selesai' } : { ok: false, reason: 'Usul belum ditetapkan dengan keputusan.' };
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

/** The uploaded approval letter of the Kepala ANRI (retention of 10 years or more). */
export async function attachAnriApproval(ctx: AppContext, actor: Actor, id: string, input: { version: number; name: string; bytes: Buffer }) {
  if (input.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Persetujuan Kepala ANRI harus berupa PDF' }] });
  const f = await storeFile(ctx, ctx.database.db, { bytes: input.bytes, name: input.name || 'persetujuan-anri.pdf', mime: 'application/pdf', createdBy: actor.userId });
  return inTransaction(ctx.database, async (tx) => {
    const d = await lockDisposal(tx.db, id);
    await assertKeeper(tx.db, actor, d.unitId, 'disposal', id);
    version(d, input.version);
    check(d, 'anri');
    const [after] = await tx.db.update(archiveDisposals).set({ anriApprovalFileId: f.id, version: d.version + 1, updatedAt: ctx.now() }).where(eq(archiveDisposals.id, id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.disposal_anri_approval', entityType: 'archive_disposal', entityId: id, data: { fileId: f.id, sha256: f.sha256 }, ip: actor.ip });
    return after!;
  });
}

/** Keputusan penetapan: the number and date of the decision that fixes the list. */
export async function decideDisposal(ctx: AppContext, actor: Actor, id: string, input: { version: number; keputusanNumber: string; keputusanDate: string }) {
  return inTransaction(ctx.database, async (tx) => {
    const d = await lockDisposal(tx.db, id);
    await assertKeeper(tx.db, actor, d.unitId, 'disposal', id);
    version(d, input.version);
    const next = check(d, 'decide');
    const [after] = await tx.db.update(archiveDisposals).set({ status: next, keputusanNumber: input.keputusanNumber, keputusanDate: input.keputusanDate, version: d.version + 1, updatedAt: ctx.now() }).where(eq(archiveDisposals.id, id)).returning();
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'archive.disposal_decided', entityType: 'archive_disposal', entityId: id, data: input, ip: actor.ip });
    return after!;
  });
}

interface ItemView {
  berkas: BerkasRow;
  pertimbangan: string | null;
  approved: boolean | null;
}

async function itemsOf(db: Db, id: string): Promise<ItemView[]> {
  const rows = await db
    .select({ b: archiveBerkas, pertimbangan: archiveDisposalItems.pertimbangan, approved: archiveDisposalItems.approved })
    .from(archiveDisposalItems)
    .innerJoin(archiveBerkas, eq(archiveBerkas.id, archiveDisposalItems.berkasId))
    .where(eq(archiveDisposalItems.disposalId, id))
    .orderBy(asc(archiveBerkas.classificationCode), asc(archiveBerkas.year));
  return rows.map((r) => ({ berkas: r.b, pertimbangan: r.pertimbangan, approved: r.approved }));
}

const kurun = (b: BerkasRow) => {
  const a = b.kurunStart?.slice(0, 4);
  const z = b.kurunEnd?.slice(0, 4);
  return a ? (a === z || !z ? a : `${a}-${z}`) : String(b.year);
};

/** Daftar arsip usul musnah / usul serah (PDF), from the list as it stands. */
export async function proposalListPdf(db: Db, d: DisposalRow, asOf: string): Promise<Uint8Array> {
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const items = await itemsOf(db, d.id);
  const title = d.kind === 'musnah' ? (d.status === 'selesai' ? 'DAFTAR ARSIP MUSNAH' : 'DAFTAR ARSIP USUL MUSNAH') : d.status === 'selesai' ? 'DAFTAR ARSIP STATIS YANG DISERAHKAN' : 'DAFTAR ARSIP USUL SERAH';
  const rows = items
    .filter((i) => !(d.status === 'selesai' && d.kind === 'musnah' && i.approved === false))
    .map((i, n) => [
      String(n + 1),
      i.berkas.classificationCode,
      i.berkas.uraian,
      kurun(i.berkas),
      `${i.berkas.itemCount} naskah`,
      'Asli',
      `${i.berkas.retentionActiveYears ?? '-'} + ${i.berkas.retentionInactiveYears ?? '-'} th`,
      d.kind === 'musnah' ? (i.pertimbangan ? `${i.approved ? 'Setuju' : 'Tidak setuju'}: ${i.pertimbangan}` : '') : lokasiOf(i.berkas),
    ]);
  return tablePdf({
    title,
    lines: [(u?.name ?? '').toUpperCase(), `Per ${tanggalIndonesia(asOf)}`],
    header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah', 'Tingkat Perkembangan', 'Retensi (aktif + inaktif)', d.kind === 'musnah' ? 'Pertimbangan Panitia' : 'Lokasi'],
    widths: [4, 10, 32, 8, 8, 9, 10, 19],
    rows,
  });
}

async function beritaAcaraPdf(db: Db, d: DisposalRow, items: ItemView[], officer: { name: string; nip: string | null }, day: string): Promise<Uint8Array> {
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const done = items.filter((i) => d.kind === 'serah' || i.approved);
  const musnah = d.kind === 'musnah';
  const lines = [
    (u?.name ?? '').toUpperCase(),
    `Pada hari ini, ${tanggalIndonesia(day)}, berdasarkan Keputusan Nomor ${d.keputusanNumber ?? '-'} tanggal ${d.keputusanDate ? tanggalIndonesia(d.keputusanDate) : '-'},`,
    musnah
      ? `telah dilaksanakan pemusnahan arsip sebanyak ${done.length} berkas (${done.reduce((n, i) => n + i.berkas.itemCount, 0)} naskah) sebagaimana tercantum dalam Daftar Arsip Musnah terlampir.`
      : `telah diserahkan arsip statis sebanyak ${done.length} berkas (${done.reduce((n, i) => n + i.berkas.itemCount, 0)} naskah) kepada Lembaga Kearsipan Daerah, dalam paket BagIt dengan checksum SHA-256.`,
    musnah ? 'Berkas elektronik arsip dihapus; metadata arsip dan berita acara ini tetap disimpan.' : 'Kami menyatakan arsip yang diserahkan autentik, utuh dan terpercaya (pernyataan keaslian).',
  ];
  return tablePdf({
    title: musnah ? 'BERITA ACARA PEMUSNAHAN ARSIP' : 'BERITA ACARA SERAH TERIMA ARSIP STATIS',
    lines,
    header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah'],
    widths: [5, 14, 55, 12, 14],
    rows: done.map((i, n) => [String(n + 1), i.berkas.classificationCode, i.berkas.uraian, kurun(i.berkas), `${i.berkas.itemCount} naskah`]),
    footer: ['Yang melaksanakan,', '', officer.name, officer.nip ? `NIP. ${officer.nip}` : ''],
  });
}

/** The BagIt package of a transfer: per record its PDFs, metadata.json and audit trail. */
async function transferPackage(ctx: AppContext, db: Db, d: DisposalRow, items: ItemView[], extra: Array<{ path: string; bytes: Uint8Array }>): Promise<Uint8Array> {
  const payload: Array<{ path: string; bytes: Uint8Array }> = [...extra];
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  for (const i of items) {
    const dir = `${safeName(`${i.berkas.classificationCode}-${i.berkas.year}-${i.berkas.id.slice(0, 8)}`)}`;
    payload.push({ path: `${dir}/berkas.json`, bytes: Buffer.from(JSON.stringify(i.berkas, null, 2)) });
    const recs = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, i.berkas.id)).orderBy(asc(archiveRecords.documentDate), asc(archiveRecords.id));
    for (const r of recs) {
      const rdir = `${dir}/${safeName(`${r.documentDate ?? ''}-${r.number ?? r.id}`)}-${r.id.slice(-6)}`;
      const { snapshot, ...meta } = r;
      payload.push({ path: `${rdir}/metadata.json`, bytes: Buffer.from(JSON.stringify({ ...meta, snapshotSha256: r.snapshotSha256 }, null, 2)) });
      const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'archive_record'), eq(auditEvents.entityId, r.id))).orderBy(asc(auditEvents.at));
      payload.push({ path: `${rdir}/audit.json`, bytes: Buffer.from(canonicalJson({ snapshot, archiveAudit: audit })) });
      for (const [n, f] of r.files.entries()) {
        if (!f.fileId) continue;
        const { bytes } = await readFileBytes(ctx, db, f.fileId);
        payload.push({ path: `${rdir}/${n + 1}-${safeName(f.name)}`, bytes });
      }
    }
  }
  const day = today(ctx);
  const files = bagFiles(
    `serah-${safeName(u?.name ?? 'unit')}-${day}`,
    payload,
    { 'Source-Organization': (await getSetting<string>(db, 'instance.name')) ?? 'Pemerintah Daerah', 'Organization-Address': u?.name ?? '', 'External-Description': `Serah arsip statis, Keputusan ${d.keputusanNumber ?? '-'}`, 'External-Identifier': d.id },
    day,
  );
  return tar(files, ctx.now());
}

/** Execute a fixed list: destroy the approved berkas' files, or build the transfer package. */
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
    const [officer] = await db.select({ name: users.name, nip: users.nip }).from(users).where(eq(users.id, actor.userId));
    const day = today(ctx);
    let packageFileId: string | null = null;
    if (d.kind === 'musnah') {
      for (const i of chosen) {
        const recs = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, i.berkas.id));
        for (const r of recs) {
          const fileIds = r.files.map((f) => f.fileId).filter((x): x is string => !!x);
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
      const daftar = await proposalListPdf(db, { ...d, status: 'selesai' }, day);
      const ba = await beritaAcaraPdf(db, d, items, officer ?? { name: '', nip: null }, day);
      const pkg = await transferPackage(ctx, db, d, chosen, [
        { path: 'daftar-arsip-serah.pdf', bytes: daftar },
        { path: 'berita-acara-serah-terima.pdf', bytes: ba },
      ]);
      packageFileId = (await storeFile(ctx, db, { bytes: pkg, name: `serah-arsip-${day}.tar`, mime: 'application/x-tar', createdBy: actor.userId })).id;
      for (const i of chosen) {
        await db.update(archiveBerkas).set({ state: 'statis', version: i.berkas.version + 1, updatedAt: ctx.now() }).where(eq(archiveBerkas.id, i.berkas.id));
        await db.execute(sql`update search_entries set state = 'statis' where record_id in (select id from archive_records where berkas_id = ${i.berkas.id})`);
      }
    }
    const after0 = { ...d, status: next };
    const daftarPdf = await proposalListPdf(db, after0, day);
    const baPdf = await beritaAcaraPdf(db, d, items, officer ?? { name: '', nip: null }, day);
    const daftarFile = await storeFile(ctx, db, { bytes: daftarPdf, name: d.kind === 'musnah' ? 'daftar-arsip-musnah.pdf' : 'daftar-arsip-serah.pdf', mime: 'application/pdf', createdBy: actor.userId });
    const baFile = await storeFile(ctx, db, { bytes: baPdf, name: d.kind === 'musnah' ? 'berita-acara-pemusnahan.pdf' : 'berita-acara-serah-terima.pdf', mime: 'application/pdf', createdBy: actor.userId });
    const [after] = await db
      .update(archiveDisposals)
      .set({ status: next, executedAt: ctx.now(), daftarFileId: daftarFile.id, beritaAcaraFileId: baFile.id, packageFileId, version: d.version + 1, updatedAt: ctx.now() })
      .where(eq(archiveDisposals.id, id))
      .returning();
    await recordAudit(db, { at: ctx.now(), actorUserId: actor.userId, action: d.kind === 'musnah' ? 'archive.disposal_executed' : 'archive.transfer_executed', entityType: 'archive_disposal', entityId: id, data: { berkasIds: chosen.map((i) => i.berkas.id), beritaAcara: baFile.sha256 }, ip: actor.ip });
    return after!;
  });
  // After commit: the destroyed bytes leave the blob store, unless another file still uses them.
  for (const sha of new Set(blobsToDelete)) {
    const still = await ctx.database.db.execute<{ n: number }>(sql`
      select count(*)::int n from files f where f.sha256 = ${sha} and exists (
        select 1 from archive_records r, jsonb_array_elements(r.files) x where x->>'fileId' = f.id::text)`);
    if ((still.rows[0]?.n ?? 0) === 0) await ctx.blobs.delete(sha);
  }
  return result;
}

/** Destruction proposals waiting for this panitia member's pertimbangan (the home page's tile). */
export async function countDisposalsToAssess(db: Db, userId: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int n from archive_disposals where kind = 'musnah' and status = 'usul' and ${userId}::uuid = any(panitia_user_ids)`);
  return r.rows[0]?.n ?? 0;
}

export async function listDisposals(db: Db, actor: Actor, q: { kind?: DisposalKind }) {
  const rows = await db.select().from(archiveDisposals).where(q.kind ? eq(archiveDisposals.kind, q.kind) : undefined).orderBy(asc(archiveDisposals.createdAt));
  const out = [];
  for (const d of rows) {
    try {
      if (!d.panitiaUserIds.includes(actor.userId)) await assertKeeper(db, actor, d.unitId, 'disposal', d.id);
      out.push(d);
    } catch {
      /* not his */
    }
  }
  return out;
}

export async function getDisposal(db: Db, actor: Actor, id: string) {
  const [d] = await db.select().from(archiveDisposals).where(eq(archiveDisposals.id, id));
  if (!d) throw new AppError('NOT_FOUND', { entity: 'disposal', id });
  if (!d.panitiaUserIds.includes(actor.userId)) await assertKeeper(db, actor, d.unitId, 'disposal', id);
  const items = await itemsOf(db, id);
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const members = d.panitiaUserIds.length ? await db.select({ userId: users.id, name: users.name }).from(users).where(inArray(users.id, d.panitiaUserIds)) : [];
  const panitia = d.panitiaUserIds.map((userId) => ({ userId, name: members.find((m) => m.userId === userId)?.name ?? '' }));
  return { ...d, unitName: u?.name ?? '', panitia, items: items.map((i) => ({ berkasId: i.berkas.id, classificationCode: i.berkas.classificationCode, uraian: i.berkas.uraian, year: i.berkas.year, itemCount: i.berkas.itemCount, state: i.berkas.state, pertimbangan: i.pertimbangan, approved: i.approved })) };
}

/** A document of the disposal: the daftar usul is generated live, the others are stored files (streamed by the route). */
export async function disposalDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  which: 'usul' | 'daftar' | 'berita-acara' | 'paket' | 'anri',
): Promise<{ generated: { name: string; mime: string; bytes: Uint8Array } } | { stored: FileRow }> {
  const db = ctx.database.db;
  const d = await getDisposal(db, actor, id);
  if (which === 'usul') return { generated: { name: d.kind === 'musnah' ? 'daftar-arsip-usul-musnah.pdf' : 'daftar-arsip-usul-serah.pdf', mime: 'application/pdf', bytes: await proposalListPdf(db, d, today(ctx)) } };
  const fileId = { daftar: d.daftarFileId, 'berita-acara': d.beritaAcaraFileId, paket: d.packageFileId, anri: d.anriApprovalFileId }[which];
  if (!fileId) throw new AppError('NOT_FOUND', { entity: 'disposal_document', id: `${id}/${which}` });
  return { stored: await getFileRow(db, fileId) };
}
