// Signing on a phone (390×844, 2 device pixels per CSS pixel): fitted to the column an A4 letter
// is drawn at ~0.6 px per point, its 12 pt body text ~7 px. The Kepala Dinas Perkimta zooms in
// ("Perbesar") until 12 pt text is at least 12 CSS px, the canvas redrawn at the new scale ×
// devicePixelRatio (not a stretched bitmap), the page scrolling sideways; pinches; opens "Layar
// penuh" and closes it back to the button; and in Perlu Tanda Tangan reads each letter with
// "Lihat" before signing them together.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { setupE2E } from './helpers/e2e.js';
import { expectAccessible } from './helpers/a11y.js';
import { pdfShown, poll } from './helpers/naskahUi.js';
import { loginAs } from '../helpers/testApp.js';
import type { TestContext } from '../helpers/testContext.js';
import { act, DEMO_PASSPHRASE, detail, pdfDraft, typeId } from '../helpers/documents.js';

const e2e = setupE2E();
const HAL_1 = 'Pemberitahuan jadwal verifikasi rumah tidak layak huni';
const HAL_2 = 'Undangan rapat evaluasi bantuan stimulan perumahan';
const DPR = 2;

async function positionId(name: string): Promise<string> {
  const rows = (await e2e.server.ctx.database.db.execute(sql`select id::text as id from positions where name = ${name}`)).rows as Array<{ id: string }>;
  if (rows.length !== 1) throw new Error(`position ${name}: ${rows.length}`);
  return rows[0]!.id;
}

/** Two PDF letters of the Disperkimta, approved by the Kabid and the Sekdis, waiting for the Kepala Dinas. */
async function lettersToSign(): Promise<string[]> {
  const ctx = e2e.server.ctx as unknown as TestContext;
  const [drafter, kabid, sekdis] = await Promise.all(['staf.perumahan', 'kabid.perumahan', 'sekdis.perkimta'].map((u) => loginAs(e2e.server.app, ctx, u)));
  const surat = await typeId(drafter!, 'surat');
  const [kadisPos, kabidPos, sekdisPos] = await Promise.all([
    positionId('Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan'),
    positionId('Kepala Bidang Perumahan'),
    positionId('Sekretaris Dinas Perumahan, Kawasan Permukiman dan Pertanahan'),
  ]);
  const ids: string[] = [];
  for (const hal of [HAL_1, HAL_2]) {
    const id = await pdfDraft(drafter!, { documentTypeId: surat, hal, recipients: [{ role: 'to', kind: 'position', positionId: sekdisPos }], verifierPositionIds: [kabidPos, sekdisPos], signerPositionId: kadisPos, submit: true });
    for (const v of [kabid!, sekdis!]) await act(v, id, 'approve', { version: (await detail(v, id)).version });
    expect((await detail(drafter!, id)).status).toBe('awaiting_signature');
    ids.push(id);
  }
  return ids;
}

interface Drawn {
  scale: number;
  canvasWidth: number;
  cssWidth: number;
  dpr: number;
}

/** What pdf.js drew for page 1 in `viewer`: the scale, the canvas bitmap width and its CSS width. */
async function drawn(viewer: Locator): Promise<Drawn> {
  const box = viewer.getByTestId('pdf-page-1');
  return box.evaluate((el) => {
    // Runs in the browser (the test's tsconfig has no DOM types).
    const e = el as unknown as { dataset: { scale?: string }; querySelector(s: string): { width: number; getBoundingClientRect(): { width: number } } | null };
    const c = e.querySelector('canvas');
    return { scale: Number(e.dataset.scale), canvasWidth: c?.width ?? 0, cssWidth: c?.getBoundingClientRect().width ?? 0, dpr: (globalThis as unknown as { devicePixelRatio: number }).devicePixelRatio };
  });
}

/** Wait until page 1 is drawn at `scale` (the canvas is swapped in when the render is done). */
async function drawnAt(viewer: Locator, check: (d: Drawn) => boolean): Promise<Drawn> {
  await poll(async () => check(await drawn(viewer)), 20_000).toBe(true);
  return drawn(viewer);
}

const sharp = (d: Drawn) => d.canvasWidth >= Math.floor(d.cssWidth * d.dpr) && Math.abs(Number(d.canvasWidth) - d.scale * 595 * d.dpr) < d.dpr * 2;

/** A two-finger pinch through the DevTools protocol (a real touch sequence, not synthetic DOM events). */
async function pinch(page: Page, at: { x: number; y: number }, from: number, to: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const points = (d: number) => [
    { x: at.x - d / 2, y: at.y, id: 1 },
    { x: at.x + d / 2, y: at.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from + ((to - from) * i) / 8) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe('signing on a phone: the signer can read what he signs', () => {
  it('zooms to readable text drawn sharp, scrolls sideways, pinches, and opens and closes full screen', async () => {
    const [id1] = await lettersToSign();
    const page = await e2e.newPage({ phone: true, deviceScaleFactor: DPR });
    await e2e.signIn(page, 'kadis.perkimta', { path: `/naskah/${id1}` });
    await page.getByTestId('doc-hal').filter({ hasText: HAL_1 }).waitFor();
    await pdfShown(page);
    const viewer = page.getByTestId('pdf-viewer').first();

    // Fitted to the column: sharp, but 12 pt is about 7 px.
    const fit = await drawnAt(viewer, sharp);
    expect(fit.dpr).toBe(DPR);
    expect(12 * fit.scale).toBeLessThan(9);

    // Two "Perbesar": 12 pt at least 12 CSS px, the bitmap redrawn larger at scale × devicePixelRatio.
    const zoomIn = viewer.getByRole('button', { name: 'Perbesar' });
    await zoomIn.click();
    await zoomIn.click();
    const big = await drawnAt(viewer, (d) => d.scale >= 1 && sharp(d));
    expect(12 * big.scale).toBeGreaterThanOrEqual(12);
    expect(big.canvasWidth).toBeGreaterThan(fit.canvasWidth);
    expect(big.canvasWidth).toBeGreaterThanOrEqual(Math.floor(big.cssWidth * DPR));
    expect(await viewer.getByTestId('pdf-zoom').innerText()).toBe('75%');

    // Wider than the screen: the pages scroll sideways, the document page itself does not.
    const scroller = viewer.getByTestId('pdf-scroller');
    const widths = () => scroller.evaluate((el) => {
      const e = el as unknown as { scrollWidth: number; clientWidth: number; scrollLeft: number };
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
      return { scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, pageWidth: doc.documentElement.scrollWidth };
    });
    const w = await widths();
    expect(w.scrollWidth).toBeGreaterThan(w.clientWidth);
    expect(w.pageWidth).toBeLessThanOrEqual(390);
    await scroller.evaluate((el) => {
      (el as unknown as { scrollLeft: number }).scrollLeft = 200;
    });
    expect(await scroller.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft)).toBeGreaterThan(150);
    await e2e.screenshot(page, 'phone-signing-zoomed');

    // "Perkecil" goes a step back, "Sesuaikan lebar" back to the column.
    await viewer.getByRole('button', { name: 'Perkecil' }).click();
    await drawnAt(viewer, (d) => d.scale === 0.75 && sharp(d));
    await viewer.getByRole('button', { name: 'Sesuaikan lebar' }).click();
    await drawnAt(viewer, (d) => Math.abs(d.scale - fit.scale) < 1e-6 && sharp(d));

    // Two fingers apart on the page: larger, redrawn sharp.
    const pageBox = (await viewer.getByTestId('pdf-page-1').boundingBox())!;
    await pinch(page, { x: pageBox.x + pageBox.width / 2, y: pageBox.y + 200 }, 80, 200);
    const pinched = await drawnAt(viewer, (d) => d.scale > fit.scale * 2 && sharp(d));
    expect(pinched.canvasWidth).toBeGreaterThan(fit.canvasWidth * 2);
    await viewer.getByRole('button', { name: 'Sesuaikan lebar' }).click();
    await drawnAt(viewer, (d) => Math.abs(d.scale - fit.scale) < 1e-6);
    await expectAccessible(page, 'document page with the PDF toolbar (phone)');

    // Full screen: the page as wide as the viewport, drawn sharp; closing returns to the button.
    const open = viewer.getByRole('button', { name: 'Layar penuh' });
    await open.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const full = dialog.getByTestId('pdf-fullscreen-viewer');
    const inFull = await drawnAt(full, sharp);
    expect(inFull.cssWidth).toBeGreaterThan(fit.cssWidth);
    expect(inFull.cssWidth).toBeGreaterThanOrEqual(390 - 40);
    await full.getByRole('button', { name: 'Perbesar' }).click();
    await drawnAt(full, (d) => d.scale > inFull.scale && sharp(d));
    await expectAccessible(page, 'full-screen PDF');
    await page.screenshot({ path: 'test-results/screens/phone-signing-fullscreen.png' }); // the viewport: the dialog is fixed
    await page.getByRole('button', { name: 'Tutup layar penuh' }).click();
    await poll(() => page.getByRole('dialog').count()).toBe(0);
    await poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label'))).toBe('Layar penuh');
  });

  it('in Perlu Tanda Tangan each letter opens with "Lihat" before the bulk signing, the selection kept', async () => {
    const page = await e2e.newPage({ phone: true, deviceScaleFactor: DPR });
    await e2e.signIn(page, 'kadis.perkimta', { path: '/tanda-tangan' });
    await poll(() => page.getByTestId('doc-row').count()).toBe(2);
    await page.getByText('Pilih semua (2)').click();
    for (const hal of [HAL_1, HAL_2]) {
      await page.getByRole('button', { name: `Lihat ${hal}` }).click();
      const dialog = page.getByRole('dialog', { name: hal });
      await dialog.waitFor();
      const viewer = dialog.getByTestId('pdf-viewer');
      await pdfShown(dialog);
      await viewer.getByRole('button', { name: 'Perbesar' }).click();
      await viewer.getByRole('button', { name: 'Perbesar' }).click();
      const d = await drawnAt(viewer, (x) => x.scale >= 1 && sharp(x));
      expect(12 * d.scale).toBeGreaterThanOrEqual(12);
      // The marked signature place of the PDF draft is shown on the page.
      await viewer.getByTestId('mark-signature').waitFor();
      if (hal === HAL_1) await expectAccessible(page, 'letter preview in Perlu Tanda Tangan');
      await dialog.getByRole('button', { name: 'Tutup', exact: true }).click();
      await poll(() => page.getByRole('dialog').count()).toBe(0);
    }
    expect(await page.getByTestId('bulk-sign').innerText()).toContain('Tandatangani (2)');
    await e2e.screenshot(page, 'phone-signing-bulk-list');
  });

  it('a bulk signing cut off by a server restart is found again after a reload and resumed with the passphrase', async () => {
    const page = await e2e.newPage({ phone: true, deviceScaleFactor: DPR });
    await e2e.signIn(page, 'kadis.perkimta', { path: '/tanda-tangan' });
    await poll(() => page.getByTestId('doc-row').count()).toBe(2);
    await page.getByText('Pilih semua (2)').click();
    await page.getByTestId('bulk-sign').click();
    await page.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    // The server begins to stop (SIGTERM) as the batch is accepted: it signs nothing more.
    const ctx = e2e.server.ctx;
    ctx.shutdown.abort();
    await page.getByTestId('confirm-sign').click();
    await poll(() => page.getByTestId('batch-progress').innerText(), 30_000).toContain('Terhenti: 0 ditandatangani, 2 belum');
    ctx.shutdown = new AbortController(); // the restarted server

    await page.reload();
    const progress = page.getByTestId('batch-progress');
    await progress.getByTestId('batch-interrupted').waitFor();
    expect(await progress.getByTestId('batch-interrupted').innerText()).toContain('sebelum 2 naskah ditandatangani');
    await e2e.screenshot(page, 'phone-signing-bulk-interrupted');
    await progress.getByTestId('batch-resume').click();
    await page.getByTestId('passphrase').fill(DEMO_PASSPHRASE);
    await page.getByTestId('confirm-sign').click();
    await poll(() => progress.innerText(), 60_000).toContain('Selesai: 2 ditandatangani, 0 gagal');
    expect(await progress.getByTestId('batch-resume').count()).toBe(0);
    await poll(() => page.getByTestId('doc-row').count()).toBe(0);
    await expectAccessible(page, 'bulk signing resumed');
  });
});
