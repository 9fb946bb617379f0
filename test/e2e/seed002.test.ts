// Seed 002 (Disdukcapil Kab. Bantul) in the browser: the records officer gives the number before
// drafting; the drafter enters an invitation with the in-app form using that number; the direct
// superior returns it once to the drafter, then approves the fix (on a phone); a second letter
// goes the "finished PDF" way with the number, date and signature positions marked on the PDF;
// the Kepala Dinas signs both at once (bulk TTE, one passphrase); the records officer sends the
// external copy by post from the outbox and finds both numbers used in the agenda.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setupE2E } from './helpers/e2e.js';
import { act, choose, DEMO_PASSPHRASE, makePdf, openFromList, pdfShown, pickFiles, poll } from './helpers/naskahUi.js';

const e2e = setupE2E();
const YEAR = new Date().getFullYear();
const HAL_UNDANGAN = 'Undangan sosialisasi KTP-el';
const HAL_UNDANGAN_FIXED = `Undangan sosialisasi KTP-el tahun ${YEAR}`;
const HAL_PDF = 'Pemberitahuan jadwal perekaman KTP-el';
const NUMBER_1 = `400.12.2/1/410.20/${YEAR}`;
const NUMBER_2 = `400.12.2/2/410.20/${YEAR}`;

async function reserve(page: Page, hal: string): Promise<string> {
  await page.getByTestId('reserve-hal').fill(hal);
  await choose(page, 'classification', '400.12.2', /^400\.12\.2 — /);
  await page.getByTestId('confirm-reserve').click();
  await poll(() => page.getByTestId('reserved-result').innerText()).toContain(hal);
  return (await page.getByTestId('reserved-number').innerText()).trim();
}

describe('seed 002: surat keluar dengan TTE, nomor sebelum konsep', () => {
  it('step 2: the records officer gives the next numbers of the register', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'arsip.dukcapil', { path: '/' });
    await page.getByTestId('sidebar').getByText('Agenda', { exact: true }).click();
    await page.getByRole('heading', { name: 'Agenda (Buku Register)', level: 1 }).waitFor();
    await page.getByTestId('reserve-number').click();
    expect(await reserve(page, HAL_UNDANGAN)).toBe(NUMBER_1);
    expect(await page.getByTestId('reserved-result').innerText()).toContain(`Nomor surat: ${NUMBER_1} (hal: ${HAL_UNDANGAN}). Cantumkan nomor ini saat mendaftarkan konsep.`);
    expect(await reserve(page, HAL_PDF)).toBe(NUMBER_2);
    await poll(() => page.getByTestId('open-reservation').count()).toBe(2);
    await e2e.screenshot(page, 'seed002-beri-nomor');
  });

  it('step 3: the drafter enters the invitation with the form, using the reserved number, and sends it', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin.dafduk', { path: '/konsep/baru' });
    await choose(page, 'doc-type', null, 'Surat Undangan');
    // Disdukcapil numbers before drafting: the reserved numbers are offered.
    await page.getByTestId('compose-number').waitFor();
    await choose(page, 'reserved-number', null, `${NUMBER_1} · ${HAL_UNDANGAN}`);
    expect(await page.getByTestId('hal').inputValue()).toBe(HAL_UNDANGAN);
    await page.getByTestId('draft-kind').getByText('Isi formulir').click();
    await page.getByTestId('form-hari_tanggal').fill('Senin, 7 Desember 2026');
    await page.getByTestId('form-waktu').fill('09.00 WIB – selesai');
    await page.getByTestId('form-tempat').fill('Aula Disdukcapil');
    await page.getByTestId('form-acara').fill('Sosialisasi KTP-el bagi perangkat desa');
    const to = page.getByTestId('recipients-to');
    await to.getByRole('button', { name: 'Tambah penerima eksternal' }).click();
    await page.getByTestId('external-name-to').fill('Kepala Desa Sidomulyo');
    await page.getByTestId('external-address-to').fill('Jl. Raya Sidomulyo 1, Contoh');
    await to.getByRole('button', { name: 'Tambahkan' }).click();
    await choose(page, 'recipient-search-cc', 'Sekretaris Dinas Kependudukan', /^Sekretaris Dinas Kependudukan/);
    await choose(page, 'signer', 'Kepala Dinas Kependudukan', /^Kepala Dinas Kependudukan/);
    await poll(() => page.getByTestId('chain-step').allInnerTexts()).toEqual([expect.stringContaining('Kepala Bidang Pelayanan Pendaftaran Penduduk')]);
    await e2e.screenshot(page, 'seed002-compose-form');
    await page.getByTestId('register').click();

    await page.waitForURL(/\/naskah\//);
    expect(await page.getByTestId('doc-number').innerText()).toBe(NUMBER_1);
    await pdfShown(page);
    await act(page, 'submit');
    await page.getByText('Terkirim ke Kepala Bidang Pelayanan Pendaftaran Penduduk.').waitFor();
  });

  it('step 5: the Kabid returns it to the drafter, who fixes the subject and sends it again', async () => {
    const kabid = await e2e.newPage();
    await e2e.signIn(kabid, 'kabid.dafduk', { path: '/perlu-verifikasi' });
    await openFromList(kabid, '/perlu-verifikasi', HAL_UNDANGAN);
    await kabid.getByTestId('action-return').click();
    await kabid.getByText('Konseptor (Fajar Nugroho)').waitFor();
    await kabid.getByTestId('reason').fill('Tambahkan tahun pada hal');
    await kabid.getByTestId('confirm-reason').click();
    await kabid.getByText('Naskah dikembalikan.').waitFor();

    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin.dafduk', { path: '/' });
    await poll(() => page.locator('[data-testid="tile-returned"] [data-testid="tile-count"]').innerText()).toBe('1');
    await page.getByTestId('tile-returned').click();
    const row = page.getByTestId('doc-row').filter({ hasText: HAL_UNDANGAN });
    await poll(() => row.getByTestId('row-return-reason').innerText()).toBe('Dikembalikan oleh Wahyu Hidayat, S.Kom., M.M.: Tambahkan tahun pada hal');
    await e2e.screenshot(page, 'seed002-returned-list');
    await row.locator('a').click();
    await page.getByTestId('return-reason').waitFor();
    await page.getByTestId('action-edit').click();
    await page.getByTestId('hal').fill(HAL_UNDANGAN_FIXED);
    await page.getByTestId('save-draft').click();
    await page.getByText('Data konsep disimpan.').waitFor();
    await poll(() => page.getByTestId('doc-hal').innerText()).toBe(HAL_UNDANGAN_FIXED);
    await pdfShown(page);
    await act(page, 'submit');
    await page.getByText('Terkirim ke Kepala Bidang Pelayanan Pendaftaran Penduduk.').waitFor();
    await poll(() => page.getByTestId('return-reason').count()).toBe(0);
  });

  it('step 5: the Kabid approves the fixed invitation on his phone', async () => {
    const page = await e2e.newPage({ phone: true });
    await e2e.signIn(page, 'kabid.dafduk', { path: '/' });
    await page.locator('.bottom-nav-item', { hasText: 'Verifikasi' }).click();
    await page.getByTestId('doc-row').filter({ hasText: HAL_UNDANGAN_FIXED }).locator('a').click();
    await pdfShown(page);
    const approve = page.getByTestId('action-approve');
    expect((await approve.boundingBox())!.y).toBeGreaterThan(844 * 0.75);
    await e2e.screenshot(page, 'seed002-kabid-phone');
    await act(page, 'approve');
    await page.getByText('Disetujui. Diteruskan ke Kepala Dinas Kependudukan dan Pencatatan Sipil.').waitFor();
  });

  it('step 3 (PDF way): a finished PDF with the number, date and signature positions marked on it', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'admin.dafduk', { path: '/konsep/baru' });
    await choose(page, 'doc-type', null, 'Surat Dinas');
    await choose(page, 'reserved-number', null, `${NUMBER_2} · ${HAL_PDF}`);
    await page.getByTestId('draft-kind').getByText('Unggah PDF jadi').click();
    const pdf = await makePdf('surat-jadi.pdf', ['PEMERINTAH KABUPATEN CONTOH', 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL', '', 'Nomor   :', 'Tanggal :', '', HAL_PDF, '', 'Kepala Dinas,']);
    await pickFiles(page, page.getByTestId('draft-file'), pdf);
    await choose(page, 'recipient-search-to', 'Sekretaris Dinas Kependudukan', /^Sekretaris Dinas Kependudukan/);
    await choose(page, 'signer', 'Kepala Dinas Kependudukan', /^Kepala Dinas Kependudukan/);
    await page.getByTestId('chain-step').first().waitFor();
    await page.getByTestId('register').click();
    await page.waitForURL(/\/naskah\//);
    await page.getByTestId('marks-editor').waitFor();
    await pdfShown(page);

    // Sending before marking is refused with the server's words.
    await act(page, 'submit');
    await page.getByText('Tandai letak nomor, tanggal dan tanda tangan pada PDF sebelum mengirim.').waitFor();

    // Three clicks: number, date, then the signature box (the editor moves on by itself).
    const sheet = page.getByTestId('pdf-page-1');
    const { width } = (await sheet.boundingBox())!;
    const at = (xPt: number, yFromTopPt: number) => ({ x: (xPt / 595.28) * width, y: (yFromTopPt / 595.28) * width });
    await sheet.click({ position: at(140, 82) });
    await sheet.click({ position: at(140, 100) });
    await sheet.click({ position: at(300, 240) });
    for (const m of ['mark-number', 'mark-date', 'mark-signature']) await sheet.getByTestId(m).waitFor();
    await e2e.screenshot(page, 'seed002-pdf-marks');
    await page.getByTestId('save-marks').click();
    await page.getByText('Letak nomor, tanggal dan tanda tangan disimpan.').waitFor();
    await act(page, 'submit');
    await page.getByText('Terkirim ke Kepala Bidang Pelayanan Pendaftaran Penduduk.').waitFor();

    const kabid = await e2e.newPage();
    await e2e.signIn(kabid, 'kabid.dafduk', { path: '/perlu-verifikasi' });
    await openFromList(kabid, '/perlu-verifikasi', HAL_PDF);
    // The verifier sees where the number and signature will go.
    await kabid.getByTestId('mark-signature').waitFor();
    await act(kabid, 'approve');
    await kabid.getByText(/Disetujui\. Diteruskan ke/).waitFor();
  });

  it('step 8: the Kepala Dinas signs both letters at once with one passphrase and sees each result', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'kadis.dukcapil');
    await page.getByTestId('tile-toSign').click();
    await poll(() => page.getByTestId('doc-row').count()).toBe(2);
    await page.getByText('Pilih semua (2)').click();
    await page.getByTestId('bulk-sign').click();
    await page.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await page.getByTestId('confirm-sign').click();
    const progress = page.getByTestId('batch-progress');
    await poll(() => progress.innerText(), 60_000).toContain('Selesai: 2 ditandatangani, 0 gagal');
    const items = await progress.getByTestId('batch-item').allInnerTexts();
    expect(items.join('\n')).toContain(`${HAL_UNDANGAN_FIXED} · ${NUMBER_1}`);
    expect(items.join('\n')).toContain(`${HAL_PDF} · ${NUMBER_2}`);
    await e2e.screenshot(page, 'seed002-bulk-signed');
    await poll(() => page.getByTestId('doc-row').count()).toBe(0);
  });

  it('step 9: the records officer sends the external copy by post from the outbox; the agenda shows both numbers used', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'arsip.dukcapil', { path: '/' });
    await poll(() => page.locator('[data-testid="tile-signedNotSent"] [data-testid="tile-count"]').innerText()).toBe('1');
    await page.getByTestId('tile-signedNotSent').click();
    const row = page.getByTestId('outbox-row').filter({ hasText: 'Kepala Desa Sidomulyo' });
    await row.waitFor();
    expect(await row.innerText()).toContain(NUMBER_1);
    await e2e.screenshot(page, 'seed002-outbox');
    await row.getByTestId('send-dispatch').click();
    // No e-mail address: the post is the way.
    await expect(page.getByRole('radio', { name: /^E-mail/ }).isDisabled()).resolves.toBe(true);
    await page.getByRole('radio', { name: 'Pos (dicetak)' }).check();
    await page.getByTestId('dispatch-receipt').fill('RR123456789ID');
    await page.getByTestId('dispatch-note').fill('Resi RR123456789ID');
    await page.getByTestId('confirm-dispatch').click();
    await page.getByText('Pengiriman kepada Kepala Desa Sidomulyo tercatat.').waitFor();
    await poll(() => page.getByTestId('outbox-row').count()).toBe(0);
    await page.getByRole('tab', { name: 'Sudah Dikirim' }).click();
    await poll(() => page.getByTestId('outbox-row').filter({ hasText: 'Kepala Desa Sidomulyo' }).innerText()).toMatch(/dikirim lewat pos/);

    await page.getByTestId('sidebar').getByText('Agenda', { exact: true }).click();
    const table = page.getByTestId('register-table');
    await poll(() => table.getByTestId('register-row').count()).toBe(2);
    for (const n of [NUMBER_1, NUMBER_2]) expect(await table.getByTestId('register-row').filter({ hasText: n }).innerText()).toMatch(/dipakai/i);
    await e2e.screenshot(page, 'seed002-agenda');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv).toContain(NUMBER_1);
    expect(csv).toContain(NUMBER_2);
  });
});
