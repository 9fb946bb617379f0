// Pemusnahan arsip in the browser: a berkas of the Bagian Umum whose JRA retention (2 + 8 years,
// so the Kepala ANRI must approve) is over shows in the retention report; the records officer
// (Kabag Umum) proposes it for destruction with the Kasubag TU on the panitia penilai; the panitia
// gives its pertimbangan; the officer uploads the Kepala ANRI's approval; the Sekda (head of the
// Setda) records the keputusan; the officer executes; the Sekda signs the berita acara with TTE.
// The records are then shown as destroyed, no longer active or inactive, and the signed berita
// acara downloads as a PDF.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { insertSentLetters } from './helpers/records.js';
import { expectAccessible } from './helpers/a11y.js';
import { choose, DEMO_PASSPHRASE, makePdf, pickFiles, poll, savedDownload, tmpDir } from './helpers/naskahUi.js';
import { extractPdfText } from '../../src/server/pdf/extractPdfText.js';

const e2e = setupE2E();
const YEAR = 2019;
let disposalUrl = '';

describe('pemusnahan arsip from the retention report to the berita acara', () => {
  it('letters of 2019 are records in a closed berkas past its retention (set-up through the server)', async () => {
    const ctx = e2e.server.ctx;
    const db = ctx.database.db;
    const pdf = fs.readFileSync(await makePdf('surat-tugas-gudang.pdf', ['SURAT TUGAS', 'Pemeriksaan gudang persediaan']));
    await insertSentLetters(
      ctx,
      [1, 2].map((i) => ({
        hal: `Surat tugas pemeriksaan gudang ${i}`,
        classificationCode: '800.1.11.1',
        number: `800.1.11.1/${i}/UM/410.01/${YEAR}`,
        documentDate: `${YEAR}-03-1${i}`,
        pdf: { bytes: Buffer.concat([pdf, Buffer.from(`\n% ${i}\n`)]), name: `surat-tugas-${i}.pdf` },
      })),
    );
    // The berkas was closed at the end of 2019 under a JRA of 2 years active and 8 inactive, musnah.
    const moved = await db.execute<{ id: string }>(sql`
      update archive_berkas set status = 'closed', closed_at = '2019-12-31T08:00:00Z', state = 'inaktif',
        retention_active_years = 2, retention_inactive_years = 8, final_disposition = 'musnah',
        active_until = '2021-12-31', inactive_until = '2025-12-31', version = version + 1
      where year = ${YEAR} and classification_code = '800.1.11.1' returning id`);
    expect(moved.rows).toHaveLength(1);
    await db.execute(sql`update search_entries set state = 'inaktif' where record_id in (select id from archive_records where berkas_id = ${moved.rows[0]!.id}::uuid)`);
  });

  it('the records officer proposes the due berkas for destruction, with the panitia penilai', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: '/arsip/retensi' });
    await poll(() => page.getByTestId('retention-dueDisposal').innerText()).toContain(`tahun ${YEAR}`);
    await page.getByTestId('propose-dueDisposal').click();
    await page.getByRole('heading', { name: 'Buat usul musnah' }).waitFor();
    await poll(() => page.getByTestId('due-row').count()).toBe(1);

    // Nothing chosen: the errors sit at their fields.
    await page.getByTestId('disposal-propose').click();
    await page.getByTestId('berkas-error').filter({ hasText: 'Pilih sedikitnya satu berkas.' }).waitFor();
    await page.getByText('Tentukan sedikitnya satu anggota panitia penilai arsip.').waitFor();

    await page.getByTestId('due-check').check();
    await choose(page, 'panitia-add', 'Agus', /^Agus Prasetyo/);
    await poll(() => page.getByTestId('panitia-list').innerText()).toContain('Agus Prasetyo, S.E.');
    await expectAccessible(page, 'Arsip: buat usul musnah');
    await page.getByTestId('disposal-propose').click();

    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Menunggu penilaian panitia');
    disposalUrl = new URL(page.url()).pathname;
    expect(disposalUrl).toMatch(/^\/arsip\/pemusnahan\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('disposal-panitia').innerText()).toBe('Agus Prasetyo, S.E.');
    expect(await page.getByTestId('disposal-anri').innerText()).toContain('Diperlukan');
    await page.getByText('Menunggu pertimbangan panitia penilai arsip.').waitFor();
    // Not on the panitia: no assessment form for the officer.
    expect(await page.getByTestId('assess-submit').count()).toBe(0);
    const [usul] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-usul').click()]);
    expect((await extractPdfText(await savedDownload(usul))).replace(/\s+/g, ' ')).toContain('DAFTAR ARSIP USUL MUSNAH');
    await expectAccessible(page, 'Arsip: usul musnah');

    // The list shows it with its status.
    await page.goto('/arsip/pemusnahan');
    await poll(() => page.getByTestId('disposal-row').count()).toBe(1);
    expect(await page.getByTestId('disposal-row').innerText()).toContain('Menunggu penilaian panitia');
  });

  it('the panitia penilai gives its pertimbangan for the berkas', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kasubag.tu');
    // Beranda: the proposal waits for his pertimbangan.
    await poll(() => page.locator('[data-testid="tile-archiveToAssess"] [data-testid="tile-count"]').innerText()).toBe('1');
    await page.getByTestId('tile-archiveToAssess').click();
    await page.getByTestId('disposal-row').getByRole('link', { name: 'Buka' }).click();
    await page.getByText('Anda anggota panitia penilai').waitFor();
    await page.getByTestId('assess-submit').click();
    await page.getByText('Tuliskan pertimbangan (sedikitnya 3 huruf).').waitFor();
    await page.getByTestId('assess-pertimbangan').fill('Tidak bernilai guna lagi dan tidak terkait perkara');
    await page.getByTestId('assess-submit').click();
    // Retention of 10 years: the Kepala ANRI comes next.
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Menunggu persetujuan Kepala ANRI');
    expect(await page.getByTestId('item-pertimbangan').innerText()).toBe('Setuju dimusnahkan: Tidak bernilai guna lagi dan tidak terkait perkara');
    // Nothing waits for him any more.
    await page.goto('/');
    await page.locator('[data-testid="tile-incomingUnread"] [data-testid="tile-count"]').waitFor();
    expect(await page.getByTestId('tile-archiveToAssess').count()).toBe(0);
  });

  it('the officer uploads the Kepala ANRI approval; then the list waits for the Sekda', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: disposalUrl });
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Menunggu persetujuan Kepala ANRI');
    expect(await page.getByTestId('decide-submit').count()).toBe(0);

    // A scan that is not a PDF is refused at the field; so are a missing number and date.
    const txt = `${tmpDir}/persetujuan.txt`;
    fs.writeFileSync(txt, 'bukan pdf');
    await pickFiles(page, page.getByTestId('anri-file'), txt);
    await page.getByTestId('anri-submit').click();
    await page.getByText('Persetujuan Kepala ANRI harus berupa PDF.').waitFor();
    await page.getByText('Isi nomor surat persetujuan Kepala ANRI.').waitFor();
    await pickFiles(page, page.getByTestId('anri-file'), await makePdf('persetujuan-anri.pdf', ['PERSETUJUAN PEMUSNAHAN ARSIP', 'Kepala Arsip Nasional Republik Indonesia']));
    await page.getByTestId('anri-number').fill('B-1234/KS.02/2026');
    await page.getByTestId('anri-date').fill('2026-11-20');
    await page.getByTestId('anri-submit').click();
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Dinilai panitia, menunggu keputusan pimpinan');
    expect(await page.getByTestId('disposal-anri').innerText()).toBe('Sudah diunggah');
    expect(await page.getByTestId('disposal-anri-letter').innerText()).toContain('B-1234/KS.02/2026');
    await page.getByTestId('doc-anri').waitFor();
    // The keputusan is not the officer's: the page says whose it is.
    expect(await page.getByTestId('decide-submit').count()).toBe(0);
    await page.getByText('Menunggu keputusan penetapan oleh Sekretaris Daerah (Dr. Bambang Wijaya, S.P., M.P.).').waitFor();
  });

  it('the Sekda fixes the destruction by keputusan from his home page', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'sekda');
    await poll(() => page.locator('[data-testid="tile-archiveForHead"] [data-testid="tile-count"]').innerText()).toBe('1');
    await page.getByTestId('tile-archiveForHead').click();
    await page.getByTestId('disposal-row').getByRole('link', { name: 'Buka' }).click();
    // Empty fields are named.
    await page.getByTestId('decide-submit').click();
    await page.getByText('Isi nomor keputusan (sedikitnya 3 huruf).').waitFor();
    await page.getByText('Isi tanggal keputusan.').waitFor();
    await page.getByTestId('keputusan-number').fill('000.5.7/12/2026');
    await page.getByTestId('keputusan-date').fill('2026-11-30');
    await page.getByTestId('decide-submit').click();
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Ditetapkan, siap dimusnahkan');
    expect(await page.getByTestId('disposal-keputusan').innerText()).toContain('000.5.7/12/2026 tanggal');
    expect(await page.getByTestId('disposal-keputusan').innerText()).toContain('Dr. Bambang Wijaya');
    // Executing is the records officer's.
    expect(await page.getByTestId('execute').count()).toBe(0);
    await page.getByText('Menunggu pelaksanaan oleh petugas arsip.').waitFor();
  });

  it('the officer executes; the Sekda signs the berita acara with TTE', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: disposalUrl });
    await page.getByTestId('execute').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Musnahkan arsip' }).click();
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Dimusnahkan, menunggu TTE berita acara');
    await page.getByText('Menunggu tanda tangan elektronik berita acara oleh Sekretaris Daerah').waitFor();

    const head = await e2e.newPage();
    await e2e.signIn(head, 'sekda', { path: disposalUrl });
    // He reads the draft before he signs it.
    const [draft] = await Promise.all([head.waitForEvent('download'), head.getByTestId('draft-berita-acara').click()]);
    const draftText = (await extractPdfText(await savedDownload(draft))).replace(/\s+/g, ' ');
    expect(draftText).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
    expect(draftText).toContain('persetujuan Kepala Arsip Nasional Republik Indonesia Nomor B-1234/KS.02/2026');
    await head.getByTestId('sign-berita-acara').click();
    await head.getByTestId('passphrase').fill('bukan-passphrase');
    await head.getByTestId('confirm-sign').click();
    await head.getByTestId('sign-error').waitFor();
    await head.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await head.getByTestId('confirm-sign').click();
    await poll(() => head.getByTestId('disposal-status').innerText(), 60_000).toBe('Dimusnahkan');
    await head.getByTestId('disposal-done').filter({ hasText: '1 berkas dimusnahkan' }).waitFor();
    expect(await head.getByTestId('disposal-signed').innerText()).toContain('Dr. Bambang Wijaya');
    await expectAccessible(head, 'Arsip: usul musnah selesai');
    await e2e.screenshot(head, 'archive-disposal-done');
    const phone = await e2e.newPage({ phone: true });
    await e2e.signIn(phone, 'kabag.umum', { path: disposalUrl });
    await poll(() => phone.getByTestId('disposal-status').innerText()).toBe('Dimusnahkan');
    await e2e.screenshot(phone, 'archive-disposal-done-phone');

    await page.reload();
    const [ba] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-berita-acara').click()]);
    const bytes = await savedDownload(ba);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await extractPdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('BERITA ACARA PEMUSNAHAN ARSIP');
    expect(text).toContain('000.5.7/12/2026');
    expect(text).toContain('1 berkas (2 naskah)');
    expect(text).toContain('Dr. Bambang Wijaya');
    // Signed: the PDF carries a signature dictionary.
    expect(bytes.toString('latin1')).toContain('/ByteRange');
  });

  it('the destroyed records are no longer listed as active or inactive', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: '/arsip' });
    await page.getByTestId('records-search').fill('pemeriksaan gudang');
    await poll(() => page.getByTestId('record-row').count()).toBe(2);
    for (const row of await page.getByTestId('record-row').all()) expect(await row.getByTestId('archive-state').innerText()).toBe('Musnah');
    for (const state of ['Aktif', 'Inaktif']) {
      await choose(page, 'records-state', null, state);
      await poll(() => page.getByTestId('records-total').innerText()).toBe('0 arsip');
    }
    await page.goto('/arsip/retensi');
    await poll(() => page.getByTestId('retention-dueDisposal').innerText()).toContain('Tidak ada.');
  });
});
