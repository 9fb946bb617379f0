// Serah arsip statis in the browser: a closed berkas of the Bagian Umum whose JRA ends
// "permanen" is due for transfer in the retention report; the records officer proposes it; the
// Sekda fixes it by keputusan; the officer hands it over; the Sekda signs the berita acara serah
// terima with TTE; the officer downloads the BagIt package, which sha256sum -c accepts and in
// which every PDF is PDF/A or has a PDF/A rendition beside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupE2E } from './helpers/e2e.js';
import { expectAccessible } from './helpers/a11y.js';
import { DEMO_PASSPHRASE, makePdf, poll, savedDownload, tmpDir } from './helpers/naskahUi.js';
import { insertSentLetters } from './helpers/records.js';

const e2e = setupE2E();
const YEAR = 2014;
let transferUrl = '';

describe('serah arsip statis from the retention report to the BagIt package', () => {
  it('letters of 2014 are records in a closed, permanent berkas past its retention (set-up through the server)', async () => {
    const ctx = e2e.server.ctx;
    const db = ctx.database.db;
    const letters = [];
    for (let i = 1; i <= 2; i++) {
      const pdf = await makePdf(`sop-${i}.pdf`, ['KEPUTUSAN SEKRETARIS DAERAH', `Penetapan SOP pelayanan persuratan ${i}`]);
      letters.push({ hal: `Penetapan SOP pelayanan persuratan ${i}`, classificationCode: '000.8.3.3', number: `000.8.3.3/${i}/UM/410.01/${YEAR}`, documentDate: `${YEAR}-05-1${i}`, pdf: { bytes: fs.readFileSync(pdf), name: `sop-${i}.pdf` } });
    }
    await insertSentLetters(ctx, letters);
    const moved = await db.execute<{ id: string }>(sql`
      update archive_berkas set status = 'closed', closed_at = '2014-12-31T08:00:00Z', state = 'inaktif',
        retention_active_years = 2, retention_inactive_years = 8, final_disposition = 'permanen',
        active_until = '2016-12-31', inactive_until = '2024-12-31', version = version + 1
      where year = ${YEAR} and classification_code = '000.8.3.3' returning id`);
    expect(moved.rows).toHaveLength(1);
  });

  it('the records officer proposes the permanent berkas for transfer', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: '/arsip/retensi' });
    await poll(() => page.getByTestId('retention-dueTransfer').innerText()).toContain(`tahun ${YEAR}`);
    await page.getByTestId('propose-dueTransfer').click();
    await page.getByRole('heading', { name: 'Buat usul serah' }).waitFor();
    await poll(() => page.getByTestId('due-row').count()).toBe(1);
    await page.getByTestId('due-check').check();
    await expectAccessible(page, 'Arsip: buat usul serah');
    await page.getByTestId('disposal-propose').click();
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Menunggu keputusan pimpinan');
    transferUrl = new URL(page.url()).pathname;
    expect(transferUrl).toMatch(/^\/arsip\/penyerahan\/[0-9a-f-]{36}$/);
  });

  it('the Sekda fixes it by keputusan; the officer hands it over', async () => {
    const head = await e2e.newPage();
    await e2e.signIn(head, 'sekda', { path: transferUrl });
    await head.getByTestId('keputusan-number').fill('000.5.8/3/2026');
    await head.getByTestId('keputusan-date').fill('2026-11-30');
    await head.getByTestId('decide-submit').click();
    await poll(() => head.getByTestId('disposal-status').innerText()).toBe('Ditetapkan, siap diserahkan');

    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: transferUrl });
    await page.getByTestId('execute').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Serahkan arsip' }).click();
    await poll(() => page.getByTestId('disposal-status').innerText()).toBe('Diserahkan, menunggu TTE berita acara');
  });

  it('the Sekda signs the berita acara serah terima; the package downloads and checks out', async () => {
    const head = await e2e.newPage();
    await e2e.signIn(head, 'sekda', { path: transferUrl });
    await head.getByTestId('sign-berita-acara').click();
    await head.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await head.getByTestId('confirm-sign').click();
    await poll(() => head.getByTestId('disposal-status').innerText(), 90_000).toBe('Diserahkan');
    await expectAccessible(head, 'Arsip: usul serah selesai');
    await e2e.screenshot(head, 'archive-transfer-done');

    const page = await e2e.newPage();
    await e2e.signIn(page, 'kabag.umum', { path: transferUrl });
    const [pkg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('doc-paket').click()]);
    const dir = fs.mkdtempSync(path.join(tmpDir, 'paket-'));
    fs.writeFileSync(path.join(dir, 'paket.tar'), await savedDownload(pkg));
    execFileSync('tar', ['-xf', 'paket.tar'], { cwd: dir });
    const [bag] = fs.readdirSync(dir).filter((n) => n !== 'paket.tar');
    const root = path.join(dir, bag!);
    expect(execFileSync('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: root, encoding: 'utf8' })).not.toMatch(/FAILED/);
    expect(execFileSync('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], { cwd: root, encoding: 'utf8' })).toContain('manifest-sha256.txt: OK');
    const manifest = fs.readFileSync(path.join(root, 'manifest-sha256.txt'), 'utf8');
    const pdfs = manifest.trim().split('\n').map((l) => l.split('  ')[1]!).filter((f) => f.endsWith('.pdf') && !f.endsWith('-pdfa.pdf'));
    expect(pdfs.length).toBe(4); // two letters, the berita acara and the daftar
    const pdfa = (f: string) => /pdfaid:part(?:="|>)\s*2/.test(execFileSync('pdfinfo', ['-meta', path.join(root, f)], { encoding: 'utf8' }));
    for (const f of pdfs) expect(pdfa(f) || pdfa(f.replace(/\.pdf$/, '-pdfa.pdf')), f).toBe(true);
  });
});
