// Arsip in the browser (issue 11): letters of the Bagian Umum signed and sent this year are archive
// records; the records officer (Kabag Umum, unit kearsipan of the Setda) finds them by an
// inflected word, opens one (metadata, PDF, frozen history), opens a berkas per activity, records
// the physical location of the berkas and closes it (the retention clock starts), lends it and
// takes it back (overdue flagged on the way), and reads the retention report; a member of staff
// uses the search box in the header and never sees what he may not read.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { insertSentLetters } from './helpers/records.js';
import { expectAccessible } from './helpers/a11y.js';
import { choose, makePdf, poll } from './helpers/naskahUi.js';

const e2e = setupE2E();
const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

describe('the records officer runs the archive', () => {
  it('letters signed and sent become records (set-up through the server: the outgoing flow has its own specs)', async () => {
    const ctx = e2e.server.ctx;
    const db = ctx.database.db;
    const pdf = await makePdf('surat-tugas-1.pdf', ['SURAT TUGAS', 'Nomor : 800.1.11.1/1/UM/410.01', 'Untuk melaksanakan perjalanan dinas ke Provinsi']);
    await insertSentLetters(
      ctx,
      [1, 2, 3].map((i) => ({
        hal: `Surat tugas perjalanan dinas ${i}`,
        classificationCode: '800.1.11.1',
        number: `800.1.11.1/${i}/UM/410.01/${year}`,
        documentDate: `${year}-01-1${i}`,
        ...(i === 1 ? { pdf: { bytes: fs.readFileSync(pdf), name: 'surat-tugas-1.pdf' } } : {}),
      })),
    );
    const n = await db.execute<{ n: number }>(sql`select count(*)::int n from archive_records where source_kind = 'outgoing'`);
    expect(n.rows[0]!.n).toBe(3);
  });

  it('finds records by an inflected word, opens one with its PDF and frozen history', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum');
    await page.getByTestId('sidebar').getByText('Arsip', { exact: true }).click();
    await page.getByTestId('records-table').waitFor();
    await poll(() => page.getByTestId('record-row').count()).toBe(3);
    // "perjalanan" in the letters; "berjalan" shares its stem (jalan).
    await page.getByTestId('records-search').fill('berjalan');
    await poll(() => page.getByTestId('records-total').innerText()).toBe('3 arsip');
    await page.getByTestId('records-search').fill('perjalanan dinas 2');
    await poll(() => page.getByTestId('record-row').first().innerText()).toContain('Surat tugas perjalanan dinas 2');
    await expectAccessible(page, 'Arsip: daftar arsip');
    await page.getByTestId('records-search').fill('');
    await page.getByTestId('record-row').filter({ hasText: 'dinas 1' }).getByRole('link').click();
    await poll(() => page.getByTestId('record-title').innerText()).toBe('Surat tugas perjalanan dinas 1');
    const meta = page.getByTestId('record-metadata');
    await poll(() => meta.innerText()).toContain(`800.1.11.1/1/UM/410.01/${year}`);
    expect(await meta.innerText()).toContain('Bagian Umum');
    await page.getByTestId('pdf-viewer').locator('canvas').first().waitFor({ timeout: 60_000 });
    await page.getByText('Isi arsip ini dibekukan saat ditetapkan').waitFor();
    await expectAccessible(page, 'Arsip: satu arsip');
    await e2e.screenshot(page, 'archive-record');
  });

  it('opens a berkas per activity, files the paper location, lends and takes it back, closes the berkas', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: '/arsip/berkas' });
    await poll(() => page.getByTestId('berkas-row').count()).toBe(1);
    expect(await page.getByTestId('berkas-row').first().innerText()).toMatch(/3/);
    await expectAccessible(page, 'Arsip: berkas');

    // A berkas per activity.
    await page.getByTestId('berkas-create').click();
    const dialog = page.getByRole('dialog');
    await choose(page, 'classification', '800.1.11', /^800\.1\.11\.1 — /);
    await dialog.getByTestId('berkas-activity').fill('Perjalanan dinas ke Provinsi');
    await dialog.getByTestId('berkas-create-submit').click();
    await poll(() => page.getByTestId('berkas-title').innerText()).toBe('Perjalanan dinas ke Provinsi');
    expect(await page.getByTestId('berkas-status').innerText()).toBe('Terbuka');

    // Back to the year's berkas: its paper originals' location.
    await page.goto('/arsip/berkas');
    await page.getByTestId('berkas-row').filter({ hasText: `tahun ${year}` }).getByRole('link').click();
    await page.getByTestId('berkas-edit').click();
    await page.getByTestId('loc-building').fill('Gedung A');
    await page.getByTestId('loc-room').fill('Ruang Arsip');
    await page.getByTestId('loc-shelf').fill('3');
    await page.getByTestId('loc-box').fill('12');
    await page.getByTestId('berkas-save').click();
    await poll(() => page.getByTestId('berkas-location').innerText()).toBe('Gedung A, Ruang Arsip, Rak 3, Boks 12');

    // Lend it to the drafter until next week.
    const due = new Date(Date.now() + 7 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('berkas-lend').click();
    await choose(page, 'loan-borrower', 'Dewi', /^Dewi Lestari/);
    await page.getByTestId('loan-purpose').fill('Bahan pemeriksaan inspektorat');
    await page.getByTestId('loan-due').fill(due);
    await page.getByTestId('loan-submit').click();
    await page.getByText('Peminjaman dicatat.').waitFor();

    await page.goto('/arsip/peminjaman');
    await poll(() => page.getByTestId('loan-row').count()).toBe(1);
    expect(await page.getByTestId('loan-row').innerText()).toContain('Dewi Lestari');
    expect(await page.getByTestId('loan-overdue').count()).toBe(0);
    // The due date passes without a return: flagged overdue.
    await e2e.server.ctx.database.db.execute(sql`update archive_loans set due_on = current_date - 2`);
    await page.reload();
    await page.getByTestId('loan-overdue').waitFor();
    await expectAccessible(page, 'Arsip: peminjaman');
    await page.getByTestId('loan-return').click();
    await page.getByTestId('loans-empty').waitFor();

    // Close the year's berkas: the retention clock starts (JRA 800.1.11.1: 1 year active, 1 inactive, musnah).
    await page.goto('/arsip/berkas');
    await page.getByTestId('berkas-row').filter({ hasText: `tahun ${year}` }).getByRole('link').click();
    await page.getByTestId('berkas-close').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Tutup berkas' }).click();
    await poll(() => page.getByTestId('berkas-status').innerText()).toBe('Ditutup');
    await poll(() => page.getByTestId('berkas-retention').innerText()).toMatch(/^Aktif s\.d\. .*; Inaktif s\.d\. .*\(musnah\)/);
    await e2e.screenshot(page, 'archive-berkas-closed');

    // The retention report: due to move to inactive within 400 days.
    await page.goto('/arsip/retensi');
    const horizon = page.getByLabel('Jatuh tempo dalam (hari)');
    await horizon.fill('400');
    await poll(() => page.getByTestId('retention-dueInactive').innerText()).toContain(`tahun ${year}`);
    expect(await page.getByTestId('retention-dueDisposal').innerText()).toContain('Tidak ada.');
    await expectAccessible(page, 'Arsip: laporan retensi');
  });

  it('every user has the search box; it shows only what he may read', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'staf.umum');
    // The drafter's own letters: found by an inflected form, snippets marked.
    await page.getByTestId('global-search').fill('perjalanan');
    await page.getByTestId('global-search').press('Enter');
    await poll(() => page.getByTestId('search-total').innerText()).toBe('3 hasil');
    expect(await page.getByTestId('search-hit').first().locator('mark').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'Pencarian');
    // Not a records officer: no Arsip section, and another unit's staff finds nothing.
    expect(await page.getByTestId('sidebar').getByText('Arsip', { exact: true }).count()).toBe(0);
    const other = await e2e.newPage();
    await e2e.signIn(other, 'staf.perumahan', { path: '/cari?q=perjalanan' });
    await poll(() => other.getByTestId('search-total').innerText()).toBe('0 hasil');
  });
});
