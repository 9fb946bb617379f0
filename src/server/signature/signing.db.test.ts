import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seedDemo, type DemoIds } from '../demo/seedDemo.js';
import { auditEvents } from '../audit/schema.js';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { letterPdf } from '../../../test/signature/pdfFixtures.js';
import { DEMO_SIGNING_PASSPHRASE, hasSigningCredential, newVerificationCode, signPdf, verificationUrl, verifyPdf } from './index.js';
import { SIGNATURE_MARKER } from '../../shared/markers.js';

let ctx: TestContext;
let ids: DemoIds;

beforeAll(async () => {
  ctx = await createTestContext();
  ids = await seedDemo(ctx);
});
afterAll(async () => ctx?.close());

describe('local signing', () => {
  it('enrols demo signers and signs a letter at B-LT that verifies', async () => {
    const kadis = ids.users.get('kadis.kominfo')!;
    expect(await hasSigningCredential(ctx.database.db, kadis, ctx.now())).toBe(true);
    expect(await hasSigningCredential(ctx.database.db, ids.users.get('staf.umum')!, ctx.now())).toBe(false);
    const pdf = await letterPdf();
    const code = newVerificationCode();
    const signed = await signPdf(ctx, {
      signerUserId: kadis,
      passphrase: DEMO_SIGNING_PASSPHRASE,
      pdf,
      appearance: { visible: true, placement: { marker: SIGNATURE_MARKER }, signerName: 'Edi Hariyanto, S.Sos., M.Si.', signerTitle: 'Kepala Dinas Komunikasi dan Informatika', nip: '197106091992011002' },
      verificationUrl: verificationUrl(ctx, code),
    });
    const report = await verifyPdf(ctx, signed.pdf);
    expect(report.text).toContain('VALID');
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]).toMatchObject({ status: 'valid', level: 'B-LT', revocation: { status: 'good' } });
    const audit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'signature.pdf_signed'));
    expect(audit).toHaveLength(1);
  });
});
