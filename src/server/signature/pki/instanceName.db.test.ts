// The instance CA carries the pemda's name even when a PDF was verified before the organisation
// existed (a newcomer runs `naskah verify` on a fresh installation first).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/helpers/testContext.js';
import { letterPdf } from '../../../../test/signature/pdfFixtures.js';
import { setSetting } from '../../settings/settings.js';
import { verifyPdf } from '../verify/verifyPdf.js';
import { findPki, getPki } from './authority.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

it('verifying on a fresh database creates no CA; the CA made later is named after the pemda', async () => {
  const report = await verifyPdf(ctx, await letterPdf());
  expect(report.verdict).not.toBe('valid'); // unsigned: nothing to trust, nothing created
  expect(await findPki(ctx)).toBeNull();
  await setSetting(ctx.database.db, 'instance.name', 'Pemerintah Kabupaten Uji', ctx.now());
  const pki = await getPki(ctx);
  expect(pki.root.cert.subject).toContain('Pemerintah Kabupaten Uji');
  expect(pki.root.cert.subject).not.toMatch(/O=Naskah\b/);
});
