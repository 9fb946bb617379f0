// Seed 000 (Setda Kab. Lamandau) in the browser: an outgoing letter signed with the Bupati's TTE.
// The drafter downloads the KOP Bupati template, uploads the edited .docx, registers it with
// internal, external and group recipients and the suggested chain, reviews the PDF and sends it;
// Kabag → Plt. Asisten → Sekda (returns to the Kabag with a reason) → Kabag again → Asisten →
// Sekda → Wakil Bupati (on a phone) → the Bupati signs on his phone after enrolling 2FA at first
// sign-in; the Kepala Diskominfo finds it in Naskah Masuk.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setupE2E } from './helpers/e2e.js';
import { expectAccessible } from './helpers/a11y.js';
import { act, choose, DEMO_PASSPHRASE, editTemplate, openFromList, pdfShown, pickFiles, poll } from './helpers/naskahUi.js';

const e2e = setupE2E();
const HAL = 'Penunjukan Operator Tanda Tangan Elektronik';
const YEAR = new Date().getFullYear();
let docPath = '';

async function approveAs(username: string, opts: { phone?: boolean; note?: string } = {}): Promise<Page> {
  const page = await e2e.newPage({ phone: opts.phone });
  await e2e.signIn(page, username, { path: '/perlu-verifikasi' });
  await openFromList(page, '/perlu-verifikasi', HAL);
  await pdfShown(page);
  await act(page, 'approve', opts.note);
  await page.getByText(/Disetujui\. Diteruskan ke/).waitFor();
  return page;
}

describe('seed 000: naskah dinas keluar dengan TTE Bupati', () => {
  it('steps 1–4: the drafter downloads the KOP Bupati template, registers the edited .docx, reviews the PDF and sends it', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'staf.umum');
    // A drafter is offered only what a drafter can do: nothing to verify or sign.
    await page.getByTestId('tile-drafts').waitFor();
    expect(await page.getByTestId('tile-toSign').count()).toBe(0);
    expect(await page.getByTestId('tile-toVerify').count()).toBe(0);
    expect(await page.getByRole('link', { name: /Perlu Tanda Tangan/ }).count()).toBe(0);
    await expectAccessible(page, 'Beranda');
    await page.getByTestId('tile-drafts').click();
    await page.getByTestId('new-document').click();
    await page.getByRole('heading', { name: 'Buat Naskah', level: 1 }).waitFor();
    await expectAccessible(page, 'compose');

    // Step 1: only the letterheads the Setda may use; the template for KOP Bupati.
    await choose(page, 'doc-type', null, 'Surat Dinas');
    await page.getByTestId('letterhead').click();
    const kops = await page.getByRole('option').allInnerTexts();
    expect(kops.map((k) => k.trim()).sort()).toEqual(['KOP Bupati', 'KOP Setda']);
    await page.getByRole('option', { name: 'KOP Bupati' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const template = fs.readFileSync(await download.path());

    // Step 2: edited in Word (the ${…} fields stay); step 3: registration.
    const docx = editTemplate(template, 'Dalam rangka pelaksanaan Tata Naskah Dinas Elektronik, bersama ini kami mohon Saudara menunjuk satu orang operator TTE.');
    await pickFiles(page, page.getByTestId('draft-file'), docx);
    await page.getByTestId('hal').fill(HAL);
    await choose(page, 'urgensi', null, 'Segera');
    await choose(page, 'classification', '000.1', /^000\.1 — /);
    await choose(page, 'recipient-search-to', 'Kepala Dinas Komunikasi', /^Kepala Dinas Komunikasi dan Informatika/);
    const to = page.getByTestId('recipients-to');
    await to.getByRole('button', { name: 'Tambah penerima eksternal' }).click();
    await page.getByTestId('external-name-to').fill('Kepala Kantor Pos Contoh');
    await page.getByTestId('external-address-to').fill('Jl. Pemuda 1');
    await page.getByTestId('external-email-to').fill('pos@contoh.example');
    await to.getByRole('button', { name: 'Tambahkan' }).click();
    await choose(page, 'recipient-search-cc', 'Instansi', /^Instansi Vertikal di Kabupaten Contoh/);

    // Choosing the signer suggests the chain from the hierarchy, the Plt. named as such.
    await choose(page, 'signer', 'Bupati', /^Bupati Contoh/);
    await poll(() => page.getByTestId('chain-step').count()).toBe(4);
    const chain = await page.getByTestId('chain-step').allInnerTexts();
    expect(chain.map((c) => c.split('\n').find((l) => l.trim() && !/^\d+$/.test(l.trim()))?.trim())).toEqual(['Kepala Bagian Umum', 'Asisten Administrasi Umum', 'Sekretaris Daerah', 'Wakil Bupati Contoh']);
    expect(chain[1]).toContain('Plt. Drs. Hendra Kusuma, M.M.');
    expect(await page.getByTestId('chain-signer').innerText()).toContain('H. Ahmad Santoso, S.H., M.H.');
    await e2e.screenshot(page, 'seed000-compose');
    await page.getByTestId('register').click();

    // Step 4: the document page shows the PDF made from the .docx, then "Kirim".
    await page.waitForURL(/\/naskah\/[0-9a-f-]{36}$/);
    docPath = new URL(page.url()).pathname;
    expect(await pdfShown(page)).toBe(1);
    expect(await page.getByTestId('doc-hal').innerText()).toBe(HAL);
    expect(await page.getByTestId('doc-number').innerText()).toBe('Ditetapkan saat TTE');
    const recipients = await page.getByTestId('recipients-card').innerText();
    for (const r of ['Kepala Dinas Komunikasi dan Informatika', 'Kepala Kantor Pos Contoh', 'Instansi Vertikal di Kabupaten Contoh']) expect(recipients).toContain(r);
    await e2e.screenshot(page, 'seed000-draft');
    await act(page, 'submit');
    await page.getByText('Terkirim ke Kepala Bagian Umum.').waitFor();
    await poll(() => page.getByTestId('status-badge').first().innerText()).toMatch(/dalam verifikasi/i);
  });

  it('the drafter sees each step’s time against the SOP standard, overdue in red', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'staf.umum', { path: docPath });
    const kabag = page.getByTestId('chain-item').filter({ hasText: 'Kepala Bagian Umum' });
    await poll(() => kabag.getByTestId('timing').innerText()).toMatch(/standar SOP 10 mnt/);
    expect(await kabag.getByTestId('timing').getAttribute('data-overdue')).toBeNull();
    // 25 minutes later the Kabag has still not acted: over the 10-minute standard.
    const ctx = e2e.server.ctx;
    const realNow = ctx.now;
    ctx.now = () => new Date(realNow().getTime() + 25 * 60_000);
    try {
      await page.reload();
      await poll(() => kabag.getByTestId('timing').innerText()).toMatch(/Berjalan: 2[56] mnt · standar SOP 10 mnt · melewati standar/);
      expect(await kabag.getByTestId('timing').getAttribute('data-overdue')).toBe('true');
      expect(await kabag.getByTestId('timing').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color)).toSatisfy((c: string) => {
        // red: the red channel well above green and blue (the palette's readable dark red)
        const [r, g, b] = (c.match(/\d+/g) ?? []).map(Number) as [number, number, number];
        return r >= 120 && r - g >= 80 && r - b >= 80;
      });
      await e2e.screenshot(page, 'seed000-overdue');
    } finally {
      ctx.now = realNow;
    }
  });

  it('step 5: the Kabag approves; the Plt. Asisten approves and is recorded as Plt.', async () => {
    await approveAs('kabag.umum', { note: 'Sudah sesuai' });
    const page = await approveAs('asisten.umum');
    const step = page.getByTestId('chain-item').filter({ hasText: 'Asisten Administrasi Umum' });
    await poll(() => step.getByTestId('step-acted').innerText()).toMatch(/^Disetujui oleh Plt\. Drs\. Hendra Kusuma, M\.M\./);
  });

  it('step 6: the Sekda returns it to the Kabag with a reason; the Kabag sees it, edits the .docx himself and approves', async () => {
    const sekda = await e2e.newPage();
    await e2e.signIn(sekda, 'sekda', { path: '/perlu-verifikasi' });
    await openFromList(sekda, '/perlu-verifikasi', HAL);
    await sekda.getByTestId('action-return').click();
    // Without a reason nothing is sent.
    await sekda.getByTestId('confirm-reason').click();
    await sekda.getByText('Alasan wajib diisi (minimal 3 karakter).').waitFor();
    // Back to the drafter or to a verifier before the Sekda.
    expect(await sekda.getByRole('radio').count()).toBe(3);
    for (const name of ['Konseptor (Dewi Lestari, A.Md.)', 'Verifikator 1: Kepala Bagian Umum', 'Verifikator 2: Asisten Administrasi Umum']) await sekda.getByRole('radio', { name }).waitFor();
    await sekda.getByRole('radio', { name: 'Verifikator 1: Kepala Bagian Umum' }).check();
    await sekda.getByTestId('reason').fill('Mohon tambahkan batas waktu penunjukan');
    await e2e.screenshot(sekda, 'seed000-return');
    await sekda.getByTestId('confirm-reason').click();
    await sekda.getByText('Naskah dikembalikan.').waitFor();

    const kabag = await e2e.newPage();
    await e2e.signIn(kabag, 'kabag.umum', { path: '/perlu-verifikasi' });
    await openFromList(kabag, '/perlu-verifikasi', HAL);
    const alert = kabag.getByTestId('return-reason');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Dikembalikan oleh Dr. Bambang Wijaya, S.P., M.P.');
    expect(await alert.innerText()).toContain('Mohon tambahkan batas waktu penunjukan');
    // The Kabag edits the .docx himself ("diedit sendiri") and approves in one go.
    await kabag.getByTestId('action-edit_and_approve').click();
    const [download] = await Promise.all([kabag.waitForEvent('download'), kabag.getByTestId('edit-download').click()]);
    const edited = editTemplate(fs.readFileSync(await download.path()), 'Penunjukan paling lambat tanggal 30 November 2026.', 'konsep-kabag.docx');
    await pickFiles(kabag, kabag.getByTestId('edited-file'), edited);
    await kabag.getByTestId('confirm-edit').click();
    await kabag.getByText('Perbaikan tersimpan dan naskah disetujui.').waitFor();
    await poll(() => kabag.getByTestId('version-select').inputValue()).toBe('Versi 2 · perbaikan verifikator · Rina Marlina, S.Sos., M.AP. (terbaru)');
    await pdfShown(kabag);
    expect(await kabag.getByTestId('events-card').innerText()).toContain('Diperbaiki dan disetujui');
  });

  it('steps 5–7: Asisten and Sekda approve; the Wakil Bupati approves on his phone', async () => {
    await approveAs('asisten.umum');
    await approveAs('sekda');
    const page = await approveAs('wabup', { phone: true });
    await e2e.screenshot(page, 'seed000-wabup-phone');
  });

  it('step 8: the Bupati enrols 2FA at first sign-in and signs on his phone; a wrong passphrase is refused clearly', async () => {
    const page = await e2e.newPage({ phone: true });
    const login = await e2e.loginAs(page, 'bupati');
    expect(login.recoveryCodes).toHaveLength(10);
    await page.locator('.bottom-nav-item', { hasText: 'Tanda Tangan' }).click();
    await page.getByRole('heading', { name: 'Perlu Tanda Tangan', level: 1 }).waitFor();
    await page.getByTestId('doc-row').filter({ hasText: HAL }).locator('a').click();
    await pdfShown(page);
    await expectAccessible(page, 'document page (phone)');

    // The sign button is in the bar above the bottom navigation, in reach of the thumb.
    const sign = page.getByTestId('action-sign');
    const box = (await sign.boundingBox())!;
    expect(box.y).toBeGreaterThan(844 * 0.75);
    await e2e.screenshot(page, 'seed000-bupati-phone');
    await sign.click();
    await page.getByTestId('passphrase').waitFor();
    await expectAccessible(page, 'sign dialog');
    await page.getByTestId('passphrase').fill('bukan-passphrase-1');
    await page.getByTestId('confirm-sign').click();
    const err = page.getByTestId('sign-error');
    await poll(() => err.innerText()).toMatch(/Passphrase TTE salah\. Sisa percobaan: \d kali/);
    await e2e.screenshot(page, 'seed000-wrong-passphrase');

    await page.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await page.getByTestId('confirm-sign').click();
    const number = `000.1/1/410.01/${YEAR}`;
    await page.getByText(`Naskah ditandatangani. Nomor: ${number}`).waitFor({ timeout: 60_000 });
    const verification = page.getByTestId('verification-card');
    await verification.waitFor();
    expect(await verification.innerText()).toContain(`Nomor ${number}`);
    expect(await page.getByTestId('verification-link').getAttribute('href')).toMatch(/\/verifikasi\/[A-Za-z0-9]+$/);
    expect(await verification.getByRole('img', { name: 'Kode QR halaman verifikasi' }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await poll(() => page.getByTestId('status-badge').first().innerText()).toMatch(/terkirim/i);
    await pdfShown(page);
    await e2e.screenshot(page, 'seed000-signed-phone');
  });

  it('step 9: the Kepala Diskominfo finds it unread in Naskah Masuk; opening it marks it read', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kadis.kominfo', { path: '/' });
    await poll(() => page.locator('[data-testid="tile-incomingUnread"] [data-testid="tile-count"]').innerText()).toBe('1');
    await page.getByTestId('tile-incomingUnread').click();
    const row = page.getByTestId('inbox-row').filter({ hasText: HAL });
    await row.waitFor();
    expect(await row.getByTestId('unread-badge').innerText()).toMatch(/baru/i);
    expect(await row.innerText()).toContain(`000.1/1/410.01/${YEAR}`);
    expect(await row.innerText()).toMatch(/tujuan/i);
    await e2e.screenshot(page, 'seed000-inbox');
    await row.locator('a').click();
    await pdfShown(page);
    // An addressee sees the letter as sent: no draft versions to pick, no timeline of its drafting.
    expect(await page.getByTestId('version-select').count()).toBe(0);
    expect(await page.getByTestId('preview').innerText()).toContain('Naskah bertanda tangan (TTE)');
    expect(await page.getByTestId('events-card').count()).toBe(0);
    expect(await page.getByTestId('document-page').innerText()).not.toContain('Mohon tambahkan batas waktu penunjukan');
    await page.goBack();
    // Back on the unread filter the letter is gone, and the tile count with it.
    await poll(() => page.getByTestId('inbox-row').count()).toBe(0);
    await page.getByText('Semua', { exact: true }).click();
    await poll(() => page.getByTestId('inbox-row').filter({ hasText: HAL }).getByTestId('unread-badge').count()).toBe(0);
  });
});
