// What the SOP specs do again and again in the outgoing-document UI: choose in a searchable
// select, open a document from a box, press an action and confirm it, wait until pdf.js has
// painted the PDF. Files for uploads (a .docx made from the downloaded template, small and
// oversized PDFs) are made here too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { fillDocx } from '../../../src/server/templates/fillDocx.js';

export const DEMO_PASSPHRASE = 'TTE-Demo-2026';

/** Retry an observation until it holds (the page updates asynchronously). */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout, interval: 100 });

export const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-e2e-files-'));

/** Type into a searchable select (by data-testid) and click the option whose name matches. */
export async function choose(page: Page, testId: string, typed: string | null, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  // A Mantine dropdown can close while its options load (a refetch, focus moving to a toast):
  // the option is then in the DOM but hidden. Open it again and retry, a few times.
  for (let attempt = 1; ; attempt++) {
    if (typed === null) await input.click();
    else await input.fill(typed);
    try {
      await page.getByRole('option', { name: option }).first().click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
      if (typed !== null) await input.fill('');
    }
  }
}

/** Choose files through the browser's file chooser opened by clicking `target` (as a user does). */
export async function pickFiles(page: Page, target: ReturnType<Page['getByTestId']>, files: string | string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), target.click()]);
  await chooser.setFiles(files);
}

/** Open a document by its subject from a list page. */
export async function openFromList(page: Page, listPath: string, hal: string): Promise<void> {
  await page.goto(listPath);
  await page.getByTestId('doc-row').filter({ hasText: hal }).first().locator('a').click();
  await page.getByTestId('document-page').waitFor();
  await page.getByTestId('doc-hal').filter({ hasText: hal }).waitFor();
}

/** Press an action of the document page and confirm its dialog (note/reason optional). */
export async function act(page: Page, action: 'submit' | 'approve', note?: string): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  if (note) await page.getByTestId('action-note').fill(note);
  await page.getByTestId('confirm-action').click();
}

/** The number of pages pdf.js drew, once the first page has visible ink (in the page or inside `scope`, e.g. a dialog). */
export async function pdfShown(page: Page | Locator, timeout = 60_000): Promise<number> {
  const viewer = page.getByTestId('pdf-viewer').first();
  await viewer.locator('canvas').first().waitFor({ timeout });
  await poll(
    () =>
      viewer
        .locator('canvas')
        .first()
        .evaluate((el) => {
          // Runs in the browser (the test's tsconfig has no DOM types).
          const c = el as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
          const ctx = c.getContext('2d');
          if (!ctx || !c.width) return 0;
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          let ink = 0;
          for (let i = 0; i < data.length; i += 16) if (data[i]! < 128 && data[i + 3]! > 0) ink++;
          return ink;
        }),
    timeout,
  ).toBeGreaterThan(200);
  return Number(await viewer.getAttribute('data-pages'));
}

export async function savedDownload(d: Download): Promise<Buffer> {
  const p = await d.path();
  return fs.readFileSync(p);
}

/** What the drafter does in Word: write the body, leave the ${…} fields alone. */
export function editTemplate(template: Uint8Array, body: string, name = 'konsep.docx'): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, fillDocx(template, { isi: body }, { keepUnknown: true }));
  return file;
}

/** A one-page PDF with some lines of text; `padTo` bytes pads it with a trailing comment. */
export async function makePdf(name: string, lines: string[], padTo = 0): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((l, i) => page.drawText(l, { x: 72, y: 760 - i * 18, size: 12, font }));
  let bytes = Buffer.from(await doc.save());
  if (padTo > bytes.length) bytes = Buffer.concat([bytes, Buffer.from(`\n%${'x'.repeat(padTo - bytes.length)}\n`)]);
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
