// Classification codes against a real database: reference data at start (admins' edits survive),
// the all-or-nothing CSV import with its row report, export round trip, lookups for other domains.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { seedDemo } from '../demo/seedDemo.js';
import { users } from '../org/schema.js';
import { archiveCliCommands } from './cli.js';
import { createClassification } from './createClassification.js';
import { ensureReferenceClassifications } from './ensureReferenceClassifications.js';
import { exportClassificationsCsv } from './exportClassifications.js';
import { assertClassificationUsable, classificationAncestors, getClassification } from './getClassification.js';
import { importClassificationsCsv } from './importClassifications.js';
import { listClassifications } from './listClassifications.js';
import { referenceClassifications } from './referenceClassifications.js';
import { classificationCodes } from './schema.js';
import { updateClassification } from './updateClassification.js';

let ctx: TestContext;
let admin: Actor;

async function actor(username: string): Promise<Actor> {
  const [u] = await ctx.database.db.select().from(users).where(eq(users.username, username));
  return { userId: u!.id, username, name: u!.name, sessionId: null, grants: await loadGrants(ctx.database.db, u!.id), ip: null };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemo(ctx);
  admin = await actor('admin');
});
afterAll(async () => ctx?.close());

describe('reference data', () => {
  it('is loaded at start: every shipped code, with the JRA the brief gives', async () => {
    const [n] = await ctx.database.db.select({ n: count() }).from(classificationCodes);
    expect(n!.n).toBe(referenceClassifications.length);
    expect(await getClassification(ctx.database.db, '000.8.3.3')).toMatchObject({ name: 'Standar Operasional Prosedur', parentCode: '000.8.3', level: 4, retentionActiveYears: 2, retentionInactiveYears: 3, finalDisposition: 'permanen', source: 'permendagri_83_2022' });
    expect((await classificationAncestors(ctx.database.db, '000.8.3.3')).map((r) => r.code)).toEqual(['000', '000.8', '000.8.3']);
  });

  it('a later start inserts only missing codes and keeps the admin’s edits', async () => {
    const row = await getClassification(ctx.database.db, '000.1');
    await updateClassification(ctx, admin, '000.1', { name: 'Ketatausahaan dan Kerumahtanggaan (Perbup)', retentionActiveYears: 2, version: row.version });
    await ctx.database.db.delete(classificationCodes).where(eq(classificationCodes.code, '900.1.3'));
    expect(await ensureReferenceClassifications(ctx.database.db)).toEqual({ inserted: 1 });
    expect(await getClassification(ctx.database.db, '000.1')).toMatchObject({ name: 'Ketatausahaan dan Kerumahtanggaan (Perbup)', retentionActiveYears: 2, version: row.version + 1 });
    expect(await ensureReferenceClassifications(ctx.database.db)).toEqual({ inserted: 0 });
  });
});

describe('lookups for other domains', () => {
  it('assertClassificationUsable: exists and active, with the code in the message', async () => {
    await expect(assertClassificationUsable(ctx.database.db, '400.12.2')).resolves.toMatchObject({ name: 'Pendaftaran Penduduk' });
    await expect(assertClassificationUsable(ctx.database.db, '005')).rejects.toMatchObject({ code: 'CLASSIFICATION_UNKNOWN', messageId: 'Kode klasifikasi 005 tidak terdaftar.' });
    const row = await getClassification(ctx.database.db, '000.1.6');
    await updateClassification(ctx, admin, '000.1.6', { active: false, version: row.version });
    await expect(assertClassificationUsable(ctx.database.db, '000.1.6')).rejects.toMatchObject({ code: 'CLASSIFICATION_INACTIVE' });
    await expect(getClassification(ctx.database.db, '123.4')).rejects.toMatchObject({ code: 'CLASSIFICATION_NOT_FOUND' });
  });

  it('search by code prefix or name, by parent, in natural order', async () => {
    const byPrefix = await listClassifications(ctx.database.db, { q: '400.12', page: 1, pageSize: 50 });
    expect(byPrefix.items[0]!.code).toBe('400.12');
    expect(byPrefix.items.every((i) => i.code.startsWith('400.12'))).toBe(true);
    const byName = await listClassifications(ctx.database.db, { q: 'surat edaran', page: 1, pageSize: 50 });
    expect(byName.items.map((i) => i.code)).toEqual(['100.3.4', '100.3.4.2']);
    const tops = await listClassifications(ctx.database.db, { parent: '', page: 1, pageSize: 50 });
    expect(tops.total).toBe(10);
    expect(tops.items.every((i) => i.hasChildren)).toBe(true);
    const under400 = await listClassifications(ctx.database.db, { parent: '400', page: 2, pageSize: 5 });
    expect(under400.total).toBe(14);
    expect(under400.items.map((i) => i.code)).toEqual(['400.6', '400.7', '400.8', '400.9', '400.10']);
    const withInactive = await listClassifications(ctx.database.db, { q: '000.1.6', includeInactive: true, page: 1, pageSize: 5 });
    expect(withInactive.items.map((i) => [i.code, i.active, i.jraLabel])).toEqual([['000.1.6', false, 'belum ditetapkan']]);
    expect((await listClassifications(ctx.database.db, { q: '000.1.6', page: 1, pageSize: 5 })).total).toBe(0);
  });
});

describe('create and update (system admin)', () => {
  it('creates under an existing parent and refuses bad codes, duplicates, missing parents and non-admins', async () => {
    const row = await createClassification(ctx, admin, { code: '400.12.2.6', name: 'Layanan Jemput Bola', retentionActiveYears: 2, retentionInactiveYears: 1, finalDisposition: 'musnah' });
    expect(row).toMatchObject({ parentCode: '400.12.2', level: 4, source: 'manual', jraLabel: 'Aktif 2 th, inaktif 1 th, musnah' });
    await expect(createClassification(ctx, admin, { code: '400.12.2.6', name: 'Lagi' })).rejects.toMatchObject({ code: 'CLASSIFICATION_EXISTS' });
    await expect(createClassification(ctx, admin, { code: '400.12.9.1', name: 'Yatim' })).rejects.toMatchObject({ code: 'CLASSIFICATION_PARENT_MISSING', messageId: 'Kode induk 400.12.9 belum terdaftar; tambahkan induknya lebih dulu.' });
    await expect(createClassification(ctx, admin, { code: '400.012', name: 'Nol' })).rejects.toMatchObject({ code: 'CLASSIFICATION_CODE_INVALID' });
    await expect(createClassification(ctx, await actor('arsip.dukcapil'), { code: '400.12.2.7', name: 'Bukan admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('update needs the current version', async () => {
    const row = await getClassification(ctx.database.db, '400.12.2.6');
    await updateClassification(ctx, admin, '400.12.2.6', { legalBasis: 'Perbup 3/2025', version: row.version });
    await expect(updateClassification(ctx, admin, '400.12.2.6', { name: 'Basi', version: row.version })).rejects.toMatchObject({ code: 'STALE_VERSION' });
  });
});

describe('CSV import (all or nothing) and export', () => {
  const header = 'kode;nama;keterangan;retensi_aktif;retensi_inaktif;keterangan_akhir;dasar_hukum;aktif';

  it('creates, updates and leaves unchanged rows; parents may come after children in the file', async () => {
    const csv = [
      header,
      '500.12.1.1;Pengelolaan Nama Domain;;2;3;musnah;Perbup 9/2024;ya',
      '500.12.1;Kebijakan di Bidang Komunikasi dan Informatika;;;;;;',
      '000.8.3.3;Standar Operasional Prosedur;;2;3;Permanen;;ya',
      '800.1.11.1;Surat Perintah Dinas/Surat Tugas;;1;2;Musnah;Perbup 9/2024;ya',
    ].join('\r\n');
    const first = await importClassificationsCsv(ctx, admin, csv);
    expect(first).toEqual({ rows: 4, created: 2, updated: 2, unchanged: 0, errors: [], applied: true });
    expect(await getClassification(ctx.database.db, '800.1.11.1')).toMatchObject({ retentionInactiveYears: 2, legalBasis: 'Perbup 9/2024', source: 'permendagri_83_2022' });
    expect(await getClassification(ctx.database.db, '500.12.1.1')).toMatchObject({ parentCode: '500.12.1', source: 'import', finalDisposition: 'musnah' });
    const second = await importClassificationsCsv(ctx, admin, csv);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 4, applied: true });
  });

  it('one bad row aborts everything; the report names every bad row and column', async () => {
    const before = await exportClassificationsCsv(ctx.database.db);
    const csv = [
      header,
      '600.2.1;Kebijakan Perumahan;;2;3;musnah;;ya', // good, but must not be saved
      '600.02;Nol di depan;;;;;;',
      '600.9.1;Induk tidak ada;;;;;;',
      '600.3.1;Tanpa nama JRA;;dua;3;dibakar;;',
      '600.2.1;Ganda;;;;;;',
    ].join('\n');
    const r = await importClassificationsCsv(ctx, admin, csv);
    expect(r.applied).toBe(false);
    expect(r.errors).toEqual([
      { row: 3, column: 'kode', message: 'Kode klasifikasi "600.02" tidak valid: setiap bagian setelah titik berupa angka 1–999 tanpa nol di depan (mis. 000.8.3.3)' },
      { row: 4, column: 'kode', message: 'Kode induk 600.9 tidak ada di basis data maupun di berkas ini' },
      { row: 5, column: 'retensi_aktif', message: expect.stringMatching(/^Kolom retensi_aktif: "dua" bukan jumlah tahun/) },
      { row: 5, column: 'keterangan_akhir', message: 'Keterangan akhir "dibakar" tidak dikenal; isi musnah, permanen, atau dinilai kembali' },
      { row: 6, column: 'kode', message: 'Kode 600.2.1 sudah ada di baris 2' },
    ]);
    expect(await exportClassificationsCsv(ctx.database.db)).toBe(before);
  });

  it('dry run checks without saving; a missing required column is reported on line 1', async () => {
    const dry = await importClassificationsCsv(ctx, admin, `${header}\n600.2.1;Kebijakan Perumahan;;;;;;`, { dryRun: true });
    expect(dry).toMatchObject({ created: 1, applied: false, errors: [] });
    await expect(getClassification(ctx.database.db, '600.2.1')).rejects.toMatchObject({ code: 'CLASSIFICATION_NOT_FOUND' });
    const noName = await importClassificationsCsv(ctx, admin, 'kode,uraian\n600.2.1,x');
    expect(noName.errors).toEqual([{ row: 1, message: expect.stringMatching(/^Kolom wajib tidak ada: nama\./) }]);
    await expect(importClassificationsCsv(ctx, await actor('arsip.dukcapil'), `${header}\n`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the export imports back with nothing to change (round trip)', async () => {
    const csv = await exportClassificationsCsv(ctx.database.db, { separator: ',' });
    expect(csv.startsWith('\uFEFFkode,nama,keterangan,retensi_aktif,retensi_inaktif,keterangan_akhir,dasar_hukum,aktif\r\n000,Umum,,,,,,ya\r\n')).toBe(true);
    expect(csv).toContain('\r\n000.8.3.3,Standar Operasional Prosedur,,2,3,permanen,');
    const [n] = await ctx.database.db.select({ n: count() }).from(classificationCodes);
    const r = await importClassificationsCsv(ctx, admin, csv);
    expect(r).toMatchObject({ rows: n!.n, created: 0, updated: 0, unchanged: n!.n, errors: [], applied: true });
  });

  it('the CLI command imports a file (and --dry-run saves nothing)', async () => {
    const file = path.join(ctx.tmpDir, 'klasifikasi.csv');
    fs.writeFileSync(file, `\uFEFF${header}\n500.12.2;Penyelenggaraan Persandian Daerah;;;;;;ya\n`);
    const run = async (...args: string[]) => {
      const program = new Command().exitOverride();
      for (const add of archiveCliCommands) add(program, (fn) => fn(ctx));
      const out: string[] = [];
      const log = console.log;
      console.log = (l: string) => out.push(l);
      try {
        await program.parseAsync(['node', 'naskah', 'import-classification', ...args]);
      } finally {
        console.log = log;
      }
      return out.join('\n');
    };
    expect(await run(file, '--dry-run')).toMatch(/baru 1[\s\S]*--dry-run/);
    await expect(getClassification(ctx.database.db, '500.12.2')).rejects.toMatchObject({ code: 'CLASSIFICATION_NOT_FOUND' });
    expect(await run(file)).toBe('kode klasifikasi: 1 baris – baru 1, diubah 0, tetap 0');
    expect(await getClassification(ctx.database.db, '500.12.2')).toMatchObject({ name: 'Penyelenggaraan Persandian Daerah' });
  });
});
