// Bytes a first visit costs on the wire (compressed, as Chromium received them): the login page,
// then Beranda after signing in; and what opening a PDF adds (the lazily loaded pdf.js and its
// worker, brotli as served). Goals from the outgoing-letters issue: login ≤ 450 KB, a document
// page with its PDF ≤ 900 KB.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { round, type Bench } from './lib.js';

async function countBytes(page: Page, action: () => Promise<void>): Promise<{ kb: number; requests: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  await action();
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { kb: round(bytes / 1024, 1), requests };
}

const bench: Bench = {
  name: 'transfer',
  description: 'bytes on the wire for a first visit: login page, Beranda after sign-in, and the pdf.js a document page adds',
  async run() {
    const { startE2E, repoRoot } = await import('../test/e2e/helpers/e2e.js').then(async (m) => ({ ...m, repoRoot: (await import('../test/e2e/helpers/buildWeb.js')).repoRoot }));
    const e2e = await startE2E();
    try {
      const login = await e2e.newPage();
      const loginCost = await countBytes(login, async () => {
        await login.goto('/');
        await login.getByLabel('Nama pengguna').waitFor();
      });
      const beranda = await e2e.newPage();
      const berandaCost = await countBytes(beranda, async () => {
        await e2e.signIn(beranda, 'staf.umum', { path: '/' });
        await beranda.getByTestId('dashboard-tiles').waitFor();
      });
      // pdf.js is loaded only when a PDF is shown: its chunks (brotli, as served) are what a
      // document page adds on top of the PDF itself.
      const assets = path.join(repoRoot, 'dist/web/assets');
      const pdfFiles = fs.readdirSync(assets).filter((f) => /pdf/i.test(f) && f.endsWith('.br') && !f.endsWith('.map.br'));
      const pdfKb = round(pdfFiles.reduce((n, f) => n + fs.statSync(path.join(assets, f)).size, 0) / 1024, 1);
      return {
        metrics: {
          login_first_visit_kb: loginCost.kb,
          login_requests: loginCost.requests,
          beranda_after_sign_in_kb: berandaCost.kb,
          pdfjs_added_by_document_page_kb: pdfKb,
          document_page_estimate_kb: round(berandaCost.kb + pdfKb, 1),
        },
        goals: { login_first_visit_kb: '<= 450', document_page_estimate_kb: '<= 900 (plus the PDF itself)' },
        notes: 'document page = sign-in + Beranda bytes measured in Chromium, plus pdf.js chunks as served (brotli); the letter PDF itself is extra',
      };
    } finally {
      await e2e.close();
    }
  },
};
export default bench;
