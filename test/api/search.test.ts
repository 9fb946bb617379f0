// Search over naskah and records as users see it: Indonesian stems, exact numbers, OCR text,
// snippets, filters and facets — and nothing a user may not open, not even in a count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { inTransaction } from '../../src/server/db/tx.js';
import { indexEntry, readersFor, type SearchEntryInput } from '../../src/server/search/index.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { eq, sql } from 'drizzle-orm';
import { documents } from '../../src/server/outgoing/schema.js';
import { documentTypes } from '../../src/server/catalog/schema.js';
import { drainSearchQueueFully } from '../../src/server/search/index.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

async function unitPath(key: string): Promise<string> {
  const r = await t.ctx.database.db.execute<{ path: string }>(sql`select path from units where id = ${ids.units.get(key)!}`);
  return r.rows[0]!.path;
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['staf.umum', 'kabag.umum', 'kadis.kominfo', 'arsip.kominfo', 'admin', 'staf.perumahan']) c[u] = await loginAs(t.app, t.ctx, u);
  const setda = await unitPath('bagian-umum');
  const kominfo = await unitPath('kominfo');
  const entries: SearchEntryInput[] = [
    {
      kind: 'outgoing',
      sourceId: uuid(1),
      unitId: ids.units.get('bagian-umum')!,
      unitPath: setda,
      classificationCode: '000.5.3',
      classificationName: 'Penyusutan Arsip',
      sifat: 'biasa',
      accessClass: 'biasa',
      docType: 'surat',
      state: 'delivered',
      entryDate: '2026-03-02',
      number: '000.5.3/12/UM/410.01/2026',
      title: 'Pemusnahan Arsip Inaktif Tahun 2019',
      parties: ['Bagian Umum', 'Kepala Dinas Kependudukan dan Pencatatan Sipil'],
      pdfText: 'Sehubungan dengan penyusutan arsip, kami mengundang Saudara untuk menyaksikan pelaksanaan musnah arsip pada hari Senin.',
      acl: readersFor({ participants: { userIds: [ids.users.get('staf.umum')], positionIds: [ids.positions.get('kabag-umum')] }, unitPath: setda, accessClass: 'biasa', custodians: true, unitStaff: false }),
    },
    {
      kind: 'outgoing',
      sourceId: uuid(2),
      unitId: ids.units.get('kominfo')!,
      unitPath: kominfo,
      classificationCode: '800.1.11.1',
      sifat: 'rahasia',
      accessClass: 'rahasia',
      docType: 'nota_dinas',
      state: 'delivered',
      entryDate: '2026-04-10',
      number: '800.1.11.1/7/406.020/2026',
      title: 'Hasil pemeriksaan khusus kepegawaian',
      parties: ['Kepala Dinas Komunikasi dan Informatika'],
      pdfText: 'Rencana pemusnahan berkas pegawai yang diperiksa.',
      acl: readersFor({ participants: { userIds: [], positionIds: [ids.positions.get('kadis-kominfo')] }, unitPath: kominfo, accessClass: 'rahasia', custodians: true, unitStaff: true }),
    },
    {
      kind: 'incoming',
      sourceId: uuid(3),
      unitId: ids.units.get('kominfo')!,
      unitPath: kominfo,
      classificationCode: '400.12',
      sifat: 'biasa',
      accessClass: 'biasa',
      docType: 'surat',
      state: 'registered',
      entryDate: '2025-11-20',
      number: '470/55/DESA/2025',
      title: 'Surat dari Kepala Desa Sukamaju',
      parties: ['Kepala Desa Sukamaju'],
      // A scan: the words are only in the OCR text.
      ocrText: 'Dengan hormat, bersama ini kami mohon pengiriman data kependudukan warga Desa Sukamaju.',
      acl: readersFor({ participants: { userIds: [ids.users.get('arsip.kominfo')], positionIds: [ids.positions.get('kadis-kominfo')] }, unitPath: kominfo, accessClass: 'biasa', custodians: true, unitStaff: false }),
    },
  ];
  await inTransaction(t.ctx.database, async (tx) => {
    for (const e of entries) await indexEntry(tx.db, e);
  });
}, 120_000);
afterAll(async () => t?.close());

const search = async (who: string, query: string) => {
  const res = await c[who]!.get(`/api/v1/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const marked = (segments: Array<{ text: string; hit: boolean }>) => segments.filter((s) => s.hit).map((s) => s.text);

describe('search', () => {
  it('finds by root word, with the inflected form marked in title and snippet', async () => {
    const r = await search('staf.umum', 'q=musnah&facets=true');
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({ number: '000.5.3/12/UM/410.01/2026', kind: 'outgoing' });
    expect(marked(r.items[0].titleSegments)).toEqual(['Pemusnahan']);
    expect(marked(r.items[0].snippet)).toContain('musnah');
    expect(r.facets.sifat).toEqual([{ value: 'biasa', count: 1 }]);
  });

  it('finds a scanned letter by a word only in its OCR text, by an inflected form', async () => {
    const r = await search('arsip.kominfo', `q=${encodeURIComponent('dikirimkan')}`);
    expect(r.items.map((i: { number: string }) => i.number)).toEqual(['470/55/DESA/2025']);
    expect(marked(r.items[0].snippet)).toEqual(['pengiriman']);
  });

  it('finds by part of a letter number', async () => {
    const r = await search('staf.umum', `q=${encodeURIComponent('12/UM/410.01')}`);
    expect(r.items.map((i: { number: string }) => i.number)).toEqual(['000.5.3/12/UM/410.01/2026']);
  });

  it('never shows a Rahasia naskah outside its access class: not in items, counts, facets or snippets', async () => {
    // The records officer of Diskominfo keeps its files, but not Rahasia ones; the admin neither.
    for (const who of ['arsip.kominfo', 'admin', 'staf.perumahan']) {
      const r = await search(who, 'q=pemeriksaan&facets=true');
      expect(r.total, who).toBe(0);
      expect(r.items, who).toEqual([]);
      expect(r.facets.sifat, who).toEqual([]);
      const all = await search(who, 'q=pemusnahan&facets=true');
      expect(all.items.every((i: { sifat: string }) => i.sifat !== 'rahasia'), who).toBe(true);
      expect(JSON.stringify(all)).not.toContain('pegawai');
    }
    // Its addressee finds it.
    const r = await search('kadis.kominfo', 'q=pemeriksaan');
    expect(r.items.map((i: { sifat: string }) => i.sifat)).toEqual(['rahasia']);
    // Even fuzzy matching stays inside the access filter.
    expect((await search('admin', `q=${encodeURIComponent('pemeriksan khusus kepegawaan')}`)).items).toEqual([]);
  });

  it('records officers find their units\' naskah; others do not', async () => {
    expect((await search('kabag.umum', 'q=arsip')).total).toBe(1);
    expect((await search('staf.perumahan', 'q=arsip')).total).toBe(0);
  });

  it('filters by unit, period, classification and type', async () => {
    const umum = ids.units.get('setda')!;
    expect((await search('admin', `unitId=${umum}`)).total).toBe(1);
    expect((await search('admin', 'from=2026-01-01&to=2026-12-31')).total).toBe(1);
    expect((await search('admin', 'classification=000.5')).total).toBe(1);
    expect((await search('admin', 'classification=400')).total).toBe(1);
    expect((await search('admin', 'kind=incoming')).items.map((i: { number: string }) => i.number)).toEqual(['470/55/DESA/2025']);
    expect((await search('kadis.kominfo', 'sifat=rahasia')).total).toBe(1);
  });

  it('a misspelt name still finds near matches, flagged as such', async () => {
    const r = await search('arsip.kominfo', `q=${encodeURIComponent('Sukamajo')}`);
    expect(r.fuzzy).toBe(true);
    expect(r.items[0].number).toBe('470/55/DESA/2025');
  });

  it('an outgoing document reaches the index through the queue its changes fill, readable by its chain only', async () => {
    const db = t.ctx.database.db;
    const [type] = await db.select({ id: documentTypes.id }).from(documentTypes).where(eq(documentTypes.code, 'surat'));
    const [doc] = await db
      .insert(documents)
      .values({
        documentTypeId: type!.id,
        issuingUnitId: ids.units.get('perkimta')!,
        drafterUserId: ids.users.get('staf.perumahan')!,
        hal: 'Permohonan pendataan rumah tidak layak huni',
        classificationCode: '000.5.3',
        draftKind: 'pdf',
        signerPositionId: ids.positions.get('kadis-perkimta')!,
        numberingMode: 'at_signing',
      })
      .returning();
    await drainSearchQueueFully(t.ctx);
    expect((await search('staf.perumahan', 'q=mendata')).items.map((i: { sourceId: string; state: string }) => [i.sourceId, i.state])).toEqual([[doc!.id, 'draft']]);
    expect((await search('staf.umum', 'q=mendata')).total).toBe(0);
    await db.update(documents).set({ hal: 'Pendataan rumah layak huni', status: 'cancelled' }).where(eq(documents.id, doc!.id));
    await drainSearchQueueFully(t.ctx);
    expect((await search('staf.perumahan', 'q=mendata')).total).toBe(0);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=arsip' });
    expect(res.statusCode).toBe(401);
  });
});
