// Downloads of stored files: streamed from the blob store with the SHA-256 as ETag, revalidated
// every time (private, no-cache), 304 for a matching If-None-Match, and authorisation before the
// 304: a user who may not see the file gets 404 whatever entity tag he sends.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { ifNoneMatchHits } from '../../src/server/files/sendStoredFile.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { detail, pdfDraft, pos, typeId, upload } from '../helpers/documents.js';
import { letterPdf } from '../helpers/scans.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  for (const u of ['staf.umum', 'kabag.umum', 'kasubag.perkimta', 'arsip.kominfo', 'arsip.dukcapil']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The three answers every stored-file route owes: 200 with ETag, 304 on a match, 404 to a stranger. */
async function expectCachedDownload(owner: Client, stranger: Client, url: string) {
  const first = await owner.get(url);
  expect(first.statusCode, first.body).toBe(200);
  expect(first.rawPayload.length).toBeGreaterThan(0);
  expect(first.headers.etag).toBe(`"${sha256(first.rawPayload)}"`);
  expect(first.headers['cache-control']).toBe('private, no-cache');
  expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
  const etag = first.headers.etag as string;

  const again = await owner.request('GET', url, undefined, { 'if-none-match': etag });
  expect(again.statusCode).toBe(304);
  expect(again.rawPayload.length).toBe(0);
  expect(again.headers.etag).toBe(etag);
  // A list of tags and a weak tag also match; a different tag gets the bytes.
  expect((await owner.request('GET', url, undefined, { 'if-none-match': `"0000", W/${etag}` })).statusCode).toBe(304);
  const other = await owner.request('GET', url, undefined, { 'if-none-match': `"${'0'.repeat(64)}"` });
  expect(other.statusCode).toBe(200);
  expect(other.rawPayload.equals(first.rawPayload)).toBe(true);

  const foreign = await stranger.request('GET', url, undefined, { 'if-none-match': etag });
  expect(foreign.statusCode).toBe(404);
  expect(foreign.headers.etag).toBeUndefined();
  expect((await stranger.request('GET', url, undefined, { 'if-none-match': '*' })).statusCode).toBe(404);
}

describe('stored file downloads', () => {
  it('If-None-Match parsing: exact, weak, lists and *', () => {
    const e = `"${'a'.repeat(64)}"`;
    expect(ifNoneMatchHits(undefined, e)).toBe(false);
    expect(ifNoneMatchHits(e, e)).toBe(true);
    expect(ifNoneMatchHits(`W/${e}`, e)).toBe(true);
    expect(ifNoneMatchHits(`"x", ${e}`, e)).toBe(true);
    expect(ifNoneMatchHits('*', e)).toBe(true);
    expect(ifNoneMatchHits(`"${'b'.repeat(64)}"`, e)).toBe(false);
  });

  it('a draft version of an outgoing letter: drafter gets 200/304, an office outside the letter 404', async () => {
    const id = await pdfDraft(c['staf.umum']!, {
      documentTypeId: await typeId(c['staf.umum']!, 'surat'),
      hal: 'Pemberitahuan jadwal pemeliharaan jaringan',
      recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
      verifierPositionIds: [pos(ids, 'kabag-umum')],
      signerPositionId: pos(ids, 'sekda'),
    });
    const d = await detail(c['staf.umum']!, id);
    const fileId = d.versions[0].sourceFileId as string;
    await expectCachedDownload(c['staf.umum']!, c['kasubag.perkimta']!, `/api/v1/documents/${id}/files/${fileId}`);
  });

  it('an incoming letter scan: the records officer gets 200/304, another office 404', async () => {
    const today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
    const scan = await letterPdf(['DINAS PENDIDIKAN KABUPATEN CONTOH', 'Nomor : 045/900/DIKBUD/2026', 'Hal : Uji unduhan berkas']);
    const data = {
      sender: { instansi: 'Dinas Pendidikan Kabupaten Contoh', jabatan: 'Kepala Dinas Pendidikan', name: 'Drs. Sugeng Riyadi' },
      letterNumber: '045/900/DIKBUD/2026',
      letterDate: today,
      hal: 'Uji unduhan berkas',
      sifat: 'biasa',
      urgensi: 'biasa',
      classificationCode: '000.6',
      addressedPositionId: pos(ids, 'kadis-kominfo'),
    };
    const res = await upload(c['arsip.kominfo']!, '/api/v1/incoming-letters', { data: JSON.stringify(data) }, [{ field: 'scan', filename: 'surat.pdf', content: scan }]);
    expect(res.statusCode, res.body).toBe(201);
    await expectCachedDownload(c['arsip.kominfo']!, c['arsip.dukcapil']!, `/api/v1/incoming-letters/${res.json().id}/file`);
  });
});
