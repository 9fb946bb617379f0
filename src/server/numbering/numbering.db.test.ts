// Numbering against a real database (PGlite in "db", PostgreSQL in "db-postgres"): gap-free,
// concurrency-safe allocation, rollback, year rollover, series, reserved numbers, cancellation,
// mode inheritance.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/tx.js';
import { seedDemo, type DemoIds } from '../demo/seedDemo.js';
import { documentTypes } from '../catalog/schema.js';
import { isAppError } from '../errors.js';
import { auditEvents } from '../audit/schema.js';
import { classificationCodes } from '../archive/schema.js';
import { users } from '../org/schema.js';
import { allocateNumber, type AllocateNumberInput } from './allocateNumber.js';
import { attachReservedNumber, findReservedEntry } from './attachReservedNumber.js';
import { cancelNumber, cancelNumberEntry } from './cancelNumber.js';
import { exportRegisterCsv, listRegisterEntries } from './listRegister.js';
import { getNumberingMode } from './numberingSettings.js';
import { reserveNumber } from './reserveNumber.js';
import { numberEntries, numberRegisters } from './schema.js';
import { setNumberingSettings } from './setNumberingSettings.js';

let ctx: TestContext;
let ids: DemoIds;
const unit = (key: string) => ids.units.get(key)!;
const user = (name: string) => ids.users.get(name)!;

async function actor(username: string): Promise<Actor> {
  const [u] = await ctx.database.db.select().from(users).where(eq(users.username, username));
  return { userId: u!.id, username, name: u!.name, sessionId: null, grants: await loadGrants(ctx.database.db, u!.id), ip: '127.0.0.1' };
}

/** A document type by code, created when the demo has none (the documents domain seeds its own). */
async function typeId(code: string, numberSeries = 'umum'): Promise<string> {
  const [found] = await ctx.database.db.select({ id: documentTypes.id }).from(documentTypes).where(sql`upper(${documentTypes.code}) = ${code}`);
  if (found) {
    await ctx.database.db.update(documentTypes).set({ numberSeries }).where(eq(documentTypes.id, found.id));
    return found.id;
  }
  const [row] = await ctx.database.db.insert(documentTypes).values({ code, name: `Jenis ${code}`, category: 'arahan', shape: 'judul', numberSeries }).returning({ id: documentTypes.id });
  return row!.id;
}

function input(over: Partial<AllocateNumberInput> = {}): AllocateNumberInput {
  return {
    at: ctx.now(),
    unitId: unit('setda'),
    year: 2026,
    documentTypeId: null,
    classificationCode: '000.1.5',
    documentId: uuidv7(),
    date: '2026-03-02',
    actorUserId: user('bupati'),
    hal: 'Undangan rapat koordinasi',
    ...over,
  };
}

const allocate = (over: Partial<AllocateNumberInput> = {}) => inTransaction(ctx.database, (tx) => allocateNumber(tx, input(over)));

async function seqsOf(unitId: string, year: number, series = 'umum'): Promise<number[]> {
  const rows = await ctx.database.db
    .select({ seq: numberEntries.seq })
    .from(numberEntries)
    .where(and(eq(numberEntries.unitId, unitId), eq(numberEntries.year, year), eq(numberEntries.series, series)))
    .orderBy(numberEntries.seq);
  return rows.map((r) => r.seq);
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected an error');
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-03-02T03:00:00Z'); // 10:00 WIB
  ids = await seedDemo(ctx);
});
afterAll(async () => ctx?.close());

describe('allocateNumber (at signing, inside the caller’s transaction)', () => {
  it('numbers a register 1, 2, 3 … in the unit’s format and records the use', async () => {
    const a = await allocate();
    const b = await allocate({ classificationCode: '800.1.11.1', hal: 'Surat tugas' });
    expect(a).toMatchObject({ seq: 1, number: '000.1.5/1/410.01/2026' });
    expect(b).toMatchObject({ seq: 2, number: '800.1.11.1/2/410.01/2026' });
    const [entry] = await ctx.database.db.select().from(numberEntries).where(eq(numberEntries.id, a.entryId));
    expect(entry).toMatchObject({ status: 'used', hal: 'Undangan rapat koordinasi', date: '2026-03-02', classificationCode: '000.1.5' });
    expect(entry!.usedAt).toBeInstanceOf(Date);
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'number_entry'), eq(auditEvents.entityId, a.entryId)));
    expect(audit.map((e) => e.action)).toEqual(['numbering.allocated']);
  });

  it('a rollback of the caller’s transaction leaves no gap, even with a waiter queued behind it', async () => {
    const unitId = unit('perkimta');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstSeq = 0;
    const failing = inTransaction(ctx.database, async (tx) => {
      firstSeq = (await allocateNumber(tx, input({ unitId }))).seq;
      await held;
      throw new Error('signing failed after numbering');
    });
    // Wait until the first transaction holds the number, then queue a second one behind it.
    while (!firstSeq) await new Promise((r) => setTimeout(r, 5));
    let settled = false;
    const waiting = allocate({ unitId }).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).toBe(false); // blocked behind the first transaction's register lock
    release();
    await expect(failing).rejects.toThrow('signing failed');
    const second = await waiting;
    expect(firstSeq).toBe(1);
    expect(second.seq).toBe(1);
    expect(second.number).toBe('000.1.5/1/410.30/2026');
    expect(await seqsOf(unitId, 2026)).toEqual([1]);
    const [reg] = await ctx.database.db.select().from(numberRegisters).where(and(eq(numberRegisters.unitId, unitId), eq(numberRegisters.year, 2026)));
    expect(reg!.lastSeq).toBe(1);
  });

  it('32 concurrent signings get 1..32 exactly once', async () => {
    const unitId = unit('kominfo');
    const results = await Promise.all(Array.from({ length: 32 }, (_, i) => allocate({ unitId, hal: `Naskah ${i}` })));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.number)).size).toBe(32);
    expect(await seqsOf(unitId, 2026)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('starts again at 1 in a new year, in a register of its own', async () => {
    const unitId = unit('asisten-umum');
    expect((await allocate({ unitId, date: '2025-12-30', year: 2025 })).number).toBe('000.1.5/1/ADM/410.01/2025');
    expect((await allocate({ unitId, date: '2025-12-31', year: 2025 })).seq).toBe(2);
    const jan = await allocate({ unitId, date: '2026-01-02', year: 2026 });
    expect(jan).toMatchObject({ seq: 1, number: '000.1.5/1/ADM/410.01/2026' });
    expect(await seqsOf(unitId, 2025)).toEqual([1, 2]);
  });

  it('runs a document type’s own series and prints {kode_jenis} where the unit’s format asks for it', async () => {
    const sop = await typeId('SOP');
    const kep = await typeId('KEPTEST', 'keputusan');
    const unitId = unit('kominfo');
    // Diskominfo's demo format for SOPs: "{klasifikasi}/{urut}/{kode_jenis}/{kode_unit}/{tahun}".
    const s = await allocate({ unitId, documentTypeId: sop, classificationCode: '000.8.3.3', hal: 'SOP layanan e-mail dinas' });
    expect(s.number).toBe(`000.8.3.3/${s.seq}/SOP/406.020/2026`);
    const k1 = await allocate({ unitId, documentTypeId: kep, classificationCode: '100.3.3', hal: 'Keputusan tim' });
    const k2 = await allocate({ unitId, documentTypeId: kep, classificationCode: '100.3.3', hal: 'Keputusan tim 2' });
    expect([k1.seq, k2.seq]).toEqual([1, 2]);
    expect(k1.number).toBe('100.3.3/1/406.020/2026');
    expect(await seqsOf(unitId, 2026, 'keputusan')).toEqual([1, 2]);
  });

  it('refuses, without consuming a number: unknown or inactive codes, a unit without code, a date of another year', async () => {
    const unitId = unit('perkimta');
    const before = await seqsOf(unitId, 2026);
    expect(await errorCode(allocate({ unitId, classificationCode: '999.9' }))).toBe('CLASSIFICATION_UNKNOWN');
    await ctx.database.db.update(classificationCodes).set({ active: false }).where(eq(classificationCodes.code, '000.1.6'));
    expect(await errorCode(allocate({ unitId, classificationCode: '000.1.6' }))).toBe('CLASSIFICATION_INACTIVE');
    expect(await errorCode(allocate({ unitId: unit('pemda') }))).toBe('NUMBERING_UNIT_NO_CODE');
    expect(await errorCode(allocate({ unitId, date: '2027-01-01' }))).toBe('NUMBER_DATE_INVALID');
    expect(await errorCode(allocate({ unitId, date: '2026-02-30' }))).toBe('NUMBER_DATE_INVALID');
    expect(await seqsOf(unitId, 2026)).toEqual(before);
    expect((await allocate({ unitId })).seq).toBe(before.length + 1);
  });
});

describe('numbers issued before drafting (seed 002)', () => {
  it('the records officer reserves; the drafter’s document attaches it once', async () => {
    const officer = await actor('arsip.dukcapil');
    const r = await reserveNumber(ctx, officer, { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Permohonan data penduduk' });
    expect(r).toMatchObject({ seq: 1, number: '400.12.2/1/410.20/2026', date: '2026-03-02' });
    expect((await findReservedEntry(ctx.database.db, unit('dukcapil'), r.number))?.id).toBe(r.entryId);

    const documentId = uuidv7();
    const attached = await inTransaction(ctx.database, (tx) => attachReservedNumber(tx, { entryId: r.entryId, documentId, unitId: unit('dukcapil'), actorUserId: user('admin.dafduk'), at: ctx.now() }));
    expect(attached).toMatchObject({ number: r.number, date: '2026-03-02' });
    const [entry] = await ctx.database.db.select().from(numberEntries).where(eq(numberEntries.id, r.entryId));
    expect(entry).toMatchObject({ status: 'used', documentId });

    const again = inTransaction(ctx.database, (tx) => attachReservedNumber(tx, { entryId: r.entryId, documentId: uuidv7(), unitId: unit('dukcapil'), actorUserId: null, at: ctx.now() }));
    await expect(again).rejects.toMatchObject({ code: 'NUMBER_ENTRY_USED', messageId: `Nomor ${r.number} sudah dipakai untuk naskah lain.` });
  });

  it('refuses another unit’s number and a cancelled number, with Indonesian reasons', async () => {
    const officer = await actor('arsip.dukcapil');
    const r = await reserveNumber(ctx, officer, { unitId: unit('dukcapil'), classificationCode: '400.12.3.1', hal: 'Akta kelahiran kolektif' });
    const other = inTransaction(ctx.database, (tx) => attachReservedNumber(tx, { entryId: r.entryId, documentId: uuidv7(), unitId: unit('kominfo'), actorUserId: null, at: ctx.now() }));
    await expect(other).rejects.toMatchObject({ code: 'NUMBER_ENTRY_OTHER_UNIT', messageId: `Nomor ${r.number} milik register unit lain dan tidak dapat dipakai untuk naskah unit ini.` });

    const [e] = await ctx.database.db.select().from(numberEntries).where(eq(numberEntries.id, r.entryId));
    await cancelNumberEntry(ctx, officer, r.entryId, { reason: 'Salah kode klasifikasi', version: e!.version });
    const cancelled = inTransaction(ctx.database, (tx) => attachReservedNumber(tx, { entryId: r.entryId, documentId: uuidv7(), unitId: unit('dukcapil'), actorUserId: null, at: ctx.now() }));
    await expect(cancelled).rejects.toMatchObject({ code: 'NUMBER_ENTRY_CANCELLED', messageId: `Nomor ${r.number} sudah dibatalkan (Salah kode klasifikasi) dan tidak dapat dipakai lagi.` });
  });

  it('only a records officer of the unit (or an ancestor) reserves', async () => {
    expect(await errorCode(reserveNumber(ctx, await actor('admin.dafduk'), { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Coba' }))).toBe('FORBIDDEN');
    expect(await errorCode(reserveNumber(ctx, await actor('arsip.kominfo'), { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Coba' }))).toBe('FORBIDDEN');
    // kasubag.dukcapil is records officer of Disdukcapil, so of its Bidang too.
    const r = await reserveNumber(ctx, await actor('kasubag.dukcapil'), { unitId: unit('dukcapil-dafduk'), classificationCode: '400.12.2', hal: 'Surat bidang' });
    expect(r.number).toBe('400.12.2/1/DAFDUK/410.20/2026');
  });
});

describe('cancellation', () => {
  it('keeps the cancelled number in the register and never gives it again', async () => {
    const unitId = unit('bagian-umum');
    const a = await allocate({ unitId });
    const b = await allocate({ unitId });
    await inTransaction(ctx.database, (tx) => cancelNumber(tx, { entryId: b.entryId, reason: 'Naskah ditarik kembali', actorUserId: user('kasubag.tu'), at: ctx.now() }));
    const c = await allocate({ unitId });
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    const { items } = await listRegisterEntries(ctx.database.db, { unitId, year: 2026, page: 1, pageSize: 10, order: 'asc' });
    expect(items.map((i) => [i.seq, i.status, i.cancelReason])).toEqual([
      [1, 'used', null],
      [2, 'cancelled', 'Naskah ditarik kembali'],
      [3, 'used', null],
    ]);
    const csv = await exportRegisterCsv(ctx.database.db, { unitId, year: 2026 });
    expect(csv.split('\r\n')[2]).toBe(`2;${b.number};2026-03-02;000.1.5;Undangan rapat koordinasi;Dibatalkan;;umum;H. Ahmad Santoso, S.H., M.H.;Naskah ditarik kembali;Agus Prasetyo, S.E.`);
    await expect(inTransaction(ctx.database, (tx) => cancelNumber(tx, { entryId: b.entryId, reason: 'lagi', actorUserId: null, at: ctx.now() }))).rejects.toMatchObject({ code: 'NUMBER_ENTRY_CANCELLED' });
  });

  it('the API path refuses a number a document carries, and a stale version', async () => {
    const officer = await actor('arsip.dukcapil');
    const used = await allocate({ unitId: unit('dukcapil') });
    const [e] = await ctx.database.db.select().from(numberEntries).where(eq(numberEntries.id, used.entryId));
    expect(await errorCode(cancelNumberEntry(ctx, officer, used.entryId, { reason: 'Batal', version: e!.version }))).toBe('NUMBER_ENTRY_IN_USE');
    const r = await reserveNumber(ctx, officer, { unitId: unit('dukcapil'), classificationCode: '400.12.2', hal: 'Untuk dibatalkan' });
    expect(await errorCode(cancelNumberEntry(ctx, officer, r.entryId, { reason: 'Batal', version: 99 }))).toBe('STALE_VERSION');
  });
});

describe('numbering mode', () => {
  it('inherits from the nearest ancestor that sets it; default at_signing', async () => {
    expect(await getNumberingMode(ctx.database.db, unit('dukcapil'))).toBe('before_drafting');
    expect(await getNumberingMode(ctx.database.db, unit('dukcapil-dafduk'))).toBe('before_drafting');
    expect(await getNumberingMode(ctx.database.db, unit('setda'))).toBe('at_signing');
    const admin = await actor('admin');
    await setNumberingSettings(ctx, admin, unit('dukcapil-umum'), { mode: 'at_signing', defaultFormat: null, typeFormats: {}, version: null });
    expect(await getNumberingMode(ctx.database.db, unit('dukcapil-umum'))).toBe('at_signing');
    expect(await getNumberingMode(ctx.database.db, unit('dukcapil-sek'))).toBe('before_drafting');
  });

  it('formats are validated with Indonesian reasons; settings carry a version', async () => {
    const officer = await actor('arsip.kominfo');
    const bad = setNumberingSettings(ctx, officer, unit('kominfo-sek'), { mode: null, defaultFormat: '{klasifikasi}/{urut}/{kode_unit}', typeFormats: {}, version: null });
    await expect(bad).rejects.toMatchObject({ code: 'NUMBER_FORMAT_INVALID', details: { fields: [{ path: 'body.defaultFormat' }] } });
    const ok = await setNumberingSettings(ctx, officer, unit('kominfo-sek'), { mode: null, defaultFormat: 'B-{urut:3}/{kode_unit}/{bulan_romawi}/{tahun}', typeFormats: {}, version: null });
    expect(ok.own.version).toBe(1);
    expect(ok.effective).toMatchObject({ mode: 'at_signing', defaultFormat: 'B-{urut:3}/{kode_unit}/{bulan_romawi}/{tahun}', example: 'B-001/SEK/406.020/I/2026' });
    expect(await errorCode(setNumberingSettings(ctx, officer, unit('kominfo-sek'), { mode: 'at_signing', defaultFormat: null, typeFormats: {}, version: null }))).toBe('STALE_VERSION');
    expect(await errorCode(setNumberingSettings(ctx, await actor('arsip.dukcapil'), unit('kominfo-sek'), { mode: null, defaultFormat: null, typeFormats: {}, version: 1 }))).toBe('FORBIDDEN');
    const n = await allocate({ unitId: unit('kominfo-sek'), date: '2026-03-02' });
    expect(n.number).toBe('B-001/SEK/406.020/III/2026');
  });
});
