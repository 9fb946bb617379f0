// Seed 003 (Disperkimta Kab. Cilacap) in the browser: the drafter uploads the letter as .docx
// with PDF attachments (max 1 MB each; an oversized one is refused with the server's reason);
// Kabid (on a phone) → Sekretaris → Kepala Dinas, who signs; the letter then arrives by itself
// in the internal recipient's Naskah Masuk, with its attachment.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { act, choose, DEMO_PASSPHRASE, editTemplate, makePdf, openFromList, pdfShown, pickFiles, poll } from './helpers/naskahUi.js';

const e2e = setupE2E();
const HAL = 'Permohonan Data Rumah Tidak Layak Huni';
const YEAR = new Date().getFullYear();

describe('seed 003: surat keluar elektronik, terkirim otomatis saat TTE', () => {
  it('steps 1–2: the drafter uploads the .docx and PDF attachments; the oversized attachment is refused with its reason', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'staf.perumahan');
    await page.getByTestId('sidebar').getByText('Konsep', { exact: true }).click();
    await page.getByTestId('new-document').click();
    await choose(page, 'doc-type', null, 'Surat Dinas');
    // One KOP for a Dinas: chosen already.
    await poll(() => page.getByTestId('letterhead').inputValue()).toBe('KOP Disperkimta');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    const docx = editTemplate(fs.readFileSync(await download.path()), 'Sehubungan dengan pendataan rumah tidak layak huni tahun ini, kami mohon data RTLH per kecamatan.', 'surat-rtlh.docx');
    await pickFiles(page, page.getByTestId('draft-file'), docx);
    await page.getByTestId('hal').fill(HAL);
    await choose(page, 'classification', '600.2', /^600\.2 — /);
    await choose(page, 'recipient-search-to', 'Statistik dan Persandian', /^Kepala Bidang Statistik dan Persandian/);
    await choose(page, 'signer', 'Kepala Dinas Perumahan', /^Kepala Dinas Perumahan/);
    // Seed 003: Kabid → Sekretaris → Kepala Dinas.
    await poll(() => page.getByTestId('chain-step').count()).toBe(2);
    const chain = await page.getByTestId('chain-step').allInnerTexts();
    expect(chain[0]).toContain('Kepala Bidang Perumahan');
    expect(chain[1]).toContain('Sekretaris Dinas Perumahan');
    const ok = await makePdf('data-rtlh.pdf', ['Data RTLH per kecamatan', 'Kecamatan A: 120 unit']);
    const big = await makePdf('foto-lapangan.pdf', ['Foto lapangan'], 1_300_000);
    await pickFiles(page, page.getByTestId('attachment-files'), [ok, big]);
    await e2e.screenshot(page, 'seed003-compose');
    await page.getByTestId('register').click();

    await page.waitForURL(/\/naskah\//);
    const refused = page.getByTestId('attachment-error');
    await refused.waitFor();
    const reason = await refused.innerText();
    expect(reason).toContain('Lampiran foto-lapangan.pdf ditolak');
    expect(reason).toMatch(/melebihi batas 1 MB per berkas/);
    expect(await page.getByTestId('attachment').allInnerTexts()).toEqual([expect.stringContaining('data-rtlh.pdf')]);
    expect(await pdfShown(page)).toBeGreaterThanOrEqual(1);
    await e2e.screenshot(page, 'seed003-attachment-refused');

    // A .docx is no lampiran either: the reason names it.
    await pickFiles(page, page.getByTestId('add-attachment'), docx);
    await poll(() => page.getByTestId('attachment-error').filter({ hasText: 'surat-rtlh.docx' }).innerText()).toMatch(/bukan PDF/);
    expect(await page.getByTestId('attachment').count()).toBe(1);

    await act(page, 'submit');
    await page.getByText('Terkirim ke Kepala Bidang Perumahan.').waitFor();
  });

  it('step 3: the Kabid approves on his phone', async () => {
    const page = await e2e.newPage({ phone: true });
    await e2e.signIn(page, 'kabid.perumahan', { path: '/perlu-verifikasi' });
    await openFromList(page, '/perlu-verifikasi', HAL);
    await pdfShown(page);
    expect(await page.getByTestId('attachments-card').innerText()).toContain('data-rtlh.pdf');
    const approve = page.getByTestId('action-approve');
    expect((await approve.boundingBox())!.y).toBeGreaterThan(844 * 0.75);
    await e2e.screenshot(page, 'seed003-kabid-phone');
    await act(page, 'approve', 'Sudah sesuai');
    await page.getByText(/Disetujui\. Diteruskan ke Sekretaris Dinas Perumahan/).waitFor();
  });

  it('step 4: the Sekretaris approves', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'sekdis.perkimta', { path: '/perlu-verifikasi' });
    await openFromList(page, '/perlu-verifikasi', HAL);
    await pdfShown(page);
    await act(page, 'approve');
    await page.getByText(/Disetujui\. Diteruskan ke Kepala Dinas Perumahan/).waitFor();
  });

  it('steps 5–6: the Kepala Dinas signs; the letter is delivered at once, no records officer needed', async () => {
    const page = await e2e.newPage();
    await e2e.loginAs(page, 'kadis.perkimta');
    await openFromList(page, '/tanda-tangan', HAL);
    await pdfShown(page);
    await page.getByTestId('action-sign').click();
    await page.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await page.getByTestId('confirm-sign').click();
    const number = `600.2/1/410.30/${YEAR}`;
    await page.getByText(`Naskah ditandatangani. Nomor: ${number}`).waitFor({ timeout: 60_000 });
    await poll(() => page.getByTestId('status-badge').first().innerText()).toMatch(/terkirim/i);
    await page.getByTestId('verification-card').waitFor();
    await pdfShown(page);
    expect(await page.getByTestId('events-card').innerText()).toContain('Terkirim ke penerima internal');
    await e2e.screenshot(page, 'seed003-signed');
  });

  it('the internal recipient finds the signed letter with its attachment in Naskah Masuk', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabid.persandian', { path: '/masuk' });
    const row = page.getByTestId('inbox-row').filter({ hasText: HAL });
    await row.waitFor();
    expect(await row.innerText()).toContain(`600.2/1/410.30/${YEAR}`);
    expect(await row.getByTestId('unread-badge').count()).toBe(1);
    await row.locator('a').click();
    await pdfShown(page);
    const attachment = page.getByTestId('attachment').filter({ hasText: 'data-rtlh.pdf' });
    const href = await attachment.getByRole('link').getAttribute('href');
    const res = await page.context().request.get(`${e2e.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    await page.goto('/masuk');
    await poll(() => page.getByTestId('inbox-row').filter({ hasText: HAL }).getByTestId('unread-badge').count()).toBe(0);
  });
});
