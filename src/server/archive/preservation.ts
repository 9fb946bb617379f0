// Long-term validity of the signed records (PAdES B-LTA): every signed PDF of a record is
// assessed once (until when its signatures stay provable), and before that day an archive
// timestamp is added over it: the validation data of every signature, then a document timestamp
// of the instance's timestamp unit. Each new archive timestamp rests on the then current TSA
// certificate (renewed before its end by the signature domain), so the chain of proofs renews
// itself for as long as the record is kept. The declared bytes never change: the kept file is
// the declared one plus incremental updates, and the record's own hash stays the declared one.
import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { recordAudit } from '../audit/recordAudit.js';
import { readFileBytes, storeFile } from '../files/storeFile.js';
import { addArchiveTimestamp, signatureProtection } from '../signature/index.js';
import { archivePreservations } from './schema.js';

/** An archive timestamp is added when a record's protection ends within this many days. */
export const PRESERVE_MARGIN_DAYS = 180;
/** A failed attempt is tried again after this long. */
const RETRY_MS = 20 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 50;

export interface PreservationRound {
  assessed: number;
  stamped: number;
  failed: number;
}

const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-';

/** Signed files of records not assessed yet: their protection is read once and kept. */
async function assessNew(ctx: AppContext, db: Db, limit: number): Promise<number> {
  const rows = await db.execute<{ record_id: string; idx: number; file_id: string }>(sql`
    select r.id record_id, (x.n - 1)::int idx, x.f->>'fileId' file_id
    from archive_records r, jsonb_array_elements(r.files) with ordinality x(f, n)
    where r.content_deleted_at is null and x.f->>'fileId' is not null and x.f->>'role' in ('naskah', 'lampiran')
      and not exists (select 1 from archive_preservations p where p.record_id = r.id and p.file_index = x.n - 1)
    order by r.declared_at, r.id
    limit ${limit}`);
  for (const r of rows.rows) {
    let protection = { signatures: 0, protectedUntil: null as Date | null };
    let sha256 = '';
    let lastError: string | null = null;
    try {
      const file = await readFileBytes(ctx, db, r.file_id);
      sha256 = file.row.sha256;
      if (isPdf(file.bytes)) protection = signatureProtection(file.bytes);
    } catch (e) {
      lastError = (e as Error).message?.slice(0, 300) ?? 'unreadable';
    }
    await db
      .insert(archivePreservations)
      .values({ recordId: r.record_id, fileIndex: r.idx, fileId: r.file_id, sha256, signatures: protection.signatures, protectedUntil: protection.signatures ? protection.protectedUntil : null, lastError, checkedAt: ctx.now() })
      .onConflictDoNothing();
  }
  return rows.rows.length;
}

/** Adds an archive timestamp to one kept file; returns whether it did. */
async function stamp(ctx: AppContext, db: Db, p: typeof archivePreservations.$inferSelect): Promise<boolean> {
  const now = ctx.now();
  const fail = async (message: string) => {
    await db.update(archivePreservations).set({ lastError: message.slice(0, 300), checkedAt: now }).where(and(eq(archivePreservations.recordId, p.recordId), eq(archivePreservations.fileIndex, p.fileIndex)));
    ctx.log.warn({ recordId: p.recordId, fileIndex: p.fileIndex, message }, 'archive timestamp not added');
    return false;
  };
  let out: Uint8Array;
  try {
    const { bytes } = await readFileBytes(ctx, db, p.fileId);
    out = await addArchiveTimestamp(ctx, bytes);
  } catch (e) {
    return fail((e as Error).message ?? 'archive timestamp failed');
  }
  const after = signatureProtection(out);
  // A timestamp whose own certificate ends within the margin would be due again at once: the
  // timestamp unit must be renewed first (signature.authority_renewal).
  if (!after.protectedUntil || after.protectedUntil.getTime() <= now.getTime() + PRESERVE_MARGIN_DAYS * DAY_MS) {
    return fail(`the timestamp unit's certificate ends ${after.protectedUntil?.toISOString() ?? '?'}: renew it before the archive timestamp`);
  }
  const file = await storeFile(ctx, db, { bytes: out, name: `arsip-lta-${p.recordId.slice(0, 8)}-${p.fileIndex + 1}.pdf`, mime: 'application/pdf', createdBy: null });
  await db
    .update(archivePreservations)
    .set({ fileId: file.id, sha256: file.sha256, protectedUntil: after.protectedUntil, archiveTimestamps: p.archiveTimestamps + 1, lastTimestampAt: now, lastError: null, checkedAt: now })
    .where(and(eq(archivePreservations.recordId, p.recordId), eq(archivePreservations.fileIndex, p.fileIndex)));
  await recordAudit(db, {
    at: now,
    actorUserId: null,
    action: 'archive.record_timestamped',
    entityType: 'archive_record',
    entityId: p.recordId,
    data: { fileIndex: p.fileIndex, sha256Before: p.sha256, sha256After: file.sha256, protectedUntil: after.protectedUntil.toISOString(), archiveTimestamps: p.archiveTimestamps + 1 },
    ip: null,
  });
  return true;
}

/** One round: assess new signed files, then stamp those whose protection ends within the margin. */
export async function preserveSignatures(ctx: AppContext, opts: { limit?: number } = {}): Promise<PreservationRound> {
  const db = ctx.database.db;
  const limit = opts.limit ?? BATCH;
  const assessed = await assessNew(ctx, db, limit);
  const now = ctx.now();
  const due = await db
    .select()
    .from(archivePreservations)
    .where(
      and(
        isNotNull(archivePreservations.protectedUntil),
        lt(archivePreservations.protectedUntil, new Date(now.getTime() + PRESERVE_MARGIN_DAYS * DAY_MS)),
        or(sql`${archivePreservations.lastError} is null`, lt(archivePreservations.checkedAt, new Date(now.getTime() - RETRY_MS))),
        sql`not exists (select 1 from archive_records r where r.id = ${archivePreservations.recordId} and r.content_deleted_at is not null)`,
      ),
    )
    .orderBy(archivePreservations.protectedUntil)
    .limit(limit);
  let stamped = 0;
  let failed = 0;
  for (const p of due) {
    if (await stamp(ctx, db, p)) stamped++;
    else failed++;
  }
  return { assessed, stamped, failed };
}

/** The file kept for a record's file index: the B-LTA one once stamped, else the declared one. */
export async function keptFileId(db: Db, recordId: string, index: number, declared: string): Promise<string> {
  const [p] = await db.select({ fileId: archivePreservations.fileId }).from(archivePreservations).where(and(eq(archivePreservations.recordId, recordId), eq(archivePreservations.fileIndex, index)));
  return p?.fileId ?? declared;
}

/** Long-term validity of each file of a record, for its page. */
export async function preservationOf(db: Db, recordId: string): Promise<Map<number, { protectedUntil: Date | null; archiveTimestamps: number; signatures: number }>> {
  const rows = await db.select().from(archivePreservations).where(eq(archivePreservations.recordId, recordId));
  return new Map(rows.map((r) => [r.fileIndex, { protectedUntil: r.protectedUntil, archiveTimestamps: r.archiveTimestamps, signatures: r.signatures }]));
}
