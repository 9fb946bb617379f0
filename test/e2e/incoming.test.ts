// Incoming letters and dispositions in the browser (seed 004's first half, Diskominfo): the
// records officer registers a scanned letter and sends it to the Kepala Dinas → he disposes to
// two Kabid with different instructions and a due date → one Kabid passes it to his Kasi → the
// Kasi reports with an attachment → the tree is complete only after the second Kabid reports →
// the lembar disposisi is printed; a disposition cancelled while unread; a reply drafted.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setupE2E } from './helpers/e2e.js';
import { choose, makePdf, pickFiles, poll } from './helpers/naskahUi.js';

const e2e = setupE2E();
const HAL = 'Permohonan pembuatan akun e-mail dinas untuk 12 sekolah';
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
let letterUrl = '';

const node = (page: Page, receiver: string) => page.locator(`[data-testid="disposition-node"][data-receiver="${receiver}"]`);

async function dispose(page: Page, scope: ReturnType<Page['locator']> | Page, receivers: string[], instructions: string[], note: string, due?: string) {
  const form = scope.locator('[data-testid="dispose-form"]').first();
  for (const r of receivers) await form.getByTestId(`receiver-${r}`).click();
  for (const i of instructions) await form.getByTestId(`instruction-${i}`).click();
  await form.getByTestId('dispose-note').fill(note);
  if (due) await form.getByTestId('dispose-due').fill(due);
  await form.getByTestId('dispose-submit').click();
}

async function report(page: Page, receiver: string, text: string, files: string[] = []) {
  const n = node(page, receiver);
  await n.getByTestId('node-report-open').click();
  await n.getByTestId('report-text').fill(text);
  if (files.length) await pickFiles(page, n.getByTestId('report-files'), files);
  await n.getByTestId('report-submit').click();
  await poll(() => n.getAttribute('data-state')).toMatch(/completed|reported/);
}

describe('incoming letters and dispositions', () => {
  it('the records officer registers a scanned letter and sends it to the Kepala Dinas', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'arsip.kominfo');
    await page.getByTestId('sidebar').getByText('Naskah Masuk', { exact: true }).click();
    await page.getByTestId('register-incoming').click();
    const scan = await makePdf('surat-dikbud.pdf', ['DINAS PENDIDIKAN KABUPATEN CONTOH', 'Nomor : 045/312/DIKBUD/2026', `Hal : ${HAL}`]);
    await pickFiles(page, page.getByTestId('scan-input'), scan);
    // OCR reads the uploaded scan and suggests the number; the officer takes it over.
    await poll(() => page.getByTestId('ocr-suggestion-letterNumber').innerText(), 60_000).toContain('045/312/DIKBUD/2026');
    await page.getByTestId('ocr-use-letterNumber').click();
    expect(await page.getByTestId('letter-number').inputValue()).toBe('045/312/DIKBUD/2026');
    await page.getByTestId('sender-instansi').fill('Dinas Pendidikan Kabupaten Contoh');
    await page.getByTestId('sender-jabatan').fill('Kepala Dinas Pendidikan');
    await page.getByTestId('letter-date').fill(today);
    await page.getByTestId('letter-hal').fill(HAL);
    await choose(page, 'classification', '000.6', /^000\.6 — /);
    await choose(page, 'addressed-position', 'Kepala Dinas Komunikasi', /^Kepala Dinas Komunikasi/);
    await e2e.screenshot(page, 'incoming-register');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('incoming-page').waitFor();
    await poll(() => page.getByTestId('incoming-status').innerText()).toBe('Terkirim');
    expect(await page.getByTestId('incoming-agenda').innerText()).toMatch(/^0001\/SM\/\d{4}$/);
    letterUrl = new URL(page.url()).pathname;

    // The same letter again: a warning before a second registration.
    await page.goto('/surat-masuk/catat');
    await pickFiles(page, page.getByTestId('scan-input'), scan);
    await page.getByTestId('sender-instansi').fill('Dinas Pendidikan Kabupaten Contoh');
    await page.getByTestId('letter-number').fill('045/999/DIKBUD/2026');
    await page.getByTestId('letter-date').fill(today);
    await page.getByTestId('letter-hal').fill(HAL);
    await choose(page, 'classification', '000.6', /^000\.6 — /);
    await choose(page, 'addressed-position', 'Kepala Dinas Komunikasi', /^Kepala Dinas Komunikasi/);
    await page.getByTestId('register-submit').click();
    await poll(() => page.getByTestId('duplicate-warning').innerText()).toContain('berkas sama');
  });

  it('the Kepala Dinas disposes to two Kabid with different instructions and a due date, and cancels one while unread', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'kadis.kominfo');
    await page.getByTestId('sidebar').getByText('Naskah Masuk', { exact: true }).click();
    await page.getByTestId('registered-row').filter({ hasText: HAL }).locator('a').click();
    await page.getByTestId('incoming-page').waitFor();
    await page.getByTestId('dispose-open').click();
    await dispose(page, page, ['Kepala Bidang Statistik dan Persandian'], ['tindak_lanjut', 'siapkan_bahan'], 'Periksa kelengkapan dan siapkan akun', inDays(3));
    await node(page, 'Kepala Bidang Statistik dan Persandian').waitFor();
    await page.getByTestId('dispose-open').click();
    await dispose(page, page, ['Kepala Bidang Informasi dan Komunikasi Publik'], ['diketahui', 'koordinasikan'], 'Koordinasikan publikasinya', inDays(3));
    await node(page, 'Kepala Bidang Informasi dan Komunikasi Publik').waitFor();
    // A third to the Sekretaris, cancelled before he reads it.
    await page.getByTestId('dispose-open').click();
    await dispose(page, page, ['Sekretaris Dinas Komunikasi dan Informatika'], ['arsipkan'], 'Arsipkan');
    const sek = node(page, 'Sekretaris Dinas Komunikasi dan Informatika');
    await sek.getByTestId('node-cancel').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Batalkan', exact: true }).click();
    await poll(() => sek.getAttribute('data-state')).toBe('cancelled');
    await e2e.screenshot(page, 'incoming-disposed');
  });

  it('one Kabid passes it to his Kasi, the Kasi reports with an attachment; complete only after the second Kabid reports', async () => {
    const kabid = await e2e.newPage();
    await e2e.loginAs(kabid, 'kabid.persandian');
    await kabid.getByTestId('sidebar').getByText('Disposisi', { exact: true }).click();
    await kabid.getByTestId('disposition-row').filter({ hasText: HAL }).locator('a').click();
    await kabid.getByTestId('incoming-page').waitFor();
    const mine = node(kabid, 'Kepala Bidang Statistik dan Persandian');
    await poll(() => mine.getAttribute('data-state')).toBe('read');
    await mine.getByTestId('node-redispose').click();
    await dispose(kabid, mine, ['Kepala Seksi Keamanan Informasi dan Persandian'], ['tindak_lanjut'], 'Cek kelengkapan data pemohon', inDays(2));
    await node(kabid, 'Kepala Seksi Keamanan Informasi dan Persandian').waitFor();

    const kasi = await e2e.newPage();
    await e2e.loginAs(kasi, 'kasi.kamsinfo');
    await kasi.goto(letterUrl);
    await kasi.getByTestId('incoming-page').waitFor();
    const att = await makePdf('daftar-akun.pdf', ['Daftar akun e-mail sekolah']);
    await report(kasi, 'Kepala Seksi Keamanan Informasi dan Persandian', 'Data 12 sekolah lengkap; daftar akun terlampir.', [att]);
    await poll(() => node(kasi, 'Kepala Seksi Keamanan Informasi dan Persandian').getByTestId('node-report').innerText()).toContain('daftar-akun.pdf');

    await kabid.reload();
    await report(kabid, 'Kepala Bidang Statistik dan Persandian', 'Akun dibuat oleh Admin Email.');
    await poll(() => node(kabid, 'Kepala Bidang Statistik dan Persandian').getAttribute('data-state')).toBe('completed');
    expect(await kabid.getByTestId('tree-summary').innerText()).toMatch(/masih berjalan/);

    const ikp = await e2e.newPage();
    await e2e.loginAs(ikp, 'kabid.ikp');
    await ikp.goto(letterUrl);
    await report(ikp, 'Kepala Bidang Informasi dan Komunikasi Publik', 'Sudah dikoordinasikan.');
    await poll(() => ikp.getByTestId('tree-summary').innerText()).toBe('Semua disposisi selesai');
    await e2e.screenshot(ikp, 'incoming-complete');
  });

  it('the Kepala Dinas prints the lembar disposisi and drafts a reply from the letter', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'kadis.kominfo');
    await page.goto(letterUrl);
    await page.getByTestId('incoming-page').waitFor();
    const href = await page.getByTestId('print-lembar').getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByTestId('reply').click();
    await poll(() => page.getByTestId('hal').inputValue()).toContain('045/312/DIKBUD/2026');
    expect(await page.locator('body').innerText()).toContain('Kepala Dinas Pendidikan Dinas Pendidikan Kabupaten Contoh');
  });
});
