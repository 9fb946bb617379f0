// The whole intake path with the real incoming-letters domain: an e-mail delivered to the
// unit's dovecot mailbox becomes exactly one pending registration (sender, subject, body kept),
// its scan is read by ocrmypdf, and the letter gets the suggested number, date and hal.
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../test/mailintake/dovecot.js';
import { letterPdf, rasterise } from '../../../test/helpers/letterScan.js';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { loadGrants } from '../auth/actor.js';
import { seedDemo, type DemoIds } from '../demo/seedDemo.js';
import { incomingLetters } from '../incoming/index.js';
import { users } from '../org/schema.js';
import { configureMailbox, pollMailboxJob } from './index.js';
import { mailIntakeMessages } from './schema.js';

let ctx: TestContext;
let ids: DemoIds;
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
  ctx = await createTestContext({ MAIL_INTAKE_TIMEOUT_MS: '5000' });
  ids = await seedDemo(ctx);
}, 300_000);
afterAll(async () => {
  await ctx?.close();
  await dovecot?.close();
});

describe('e-mail to pending registration (incoming domain)', { timeout: 400_000 }, () => {
  it('an e-mail delivered to the mailbox becomes one pending registration, read by OCR', async () => {
    const [u] = await ctx.database.db.select().from(users).where(eq(users.username, 'arsip.kominfo'));
    const officer = { userId: u!.id, username: u!.username, name: u!.name, sessionId: null, grants: await loadGrants(ctx.database.db, u!.id), ip: null };
    const kominfo = ids.units.get('kominfo')!;
    const acc = await configureMailbox(ctx, officer, kominfo, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, password: dovecot.password, enabled: true });
    const raw = await new MailComposer({
      from: 'Dinas Perkimta <perkimta@trenggalekkab.go.id>',
      to: 'surat@diskominfo.contohkab.go.id',
      subject: 'Permohonan akun e-mail dinas',
      text: 'Dengan hormat, terlampir surat permohonan kami.',
      messageId: '<p1@trenggalekkab.go.id>',
      attachments: [{ filename: 'permohonan.png', content: rasterise(await letterPdf(), 'png') }],
    })
      .compile()
      .build();
    await dovecot.deliver(raw);
    const first = await pollMailboxJob(ctx, { accountId: acc.id }, { retryCount: 0 });
    const log = await ctx.database.db.select().from(mailIntakeMessages);
    expect(log.map((m) => [m.state, m.reason])).toEqual([['registered', null]]);
    expect(first.registered).toBe(1);
    expect((await pollMailboxJob(ctx, { accountId: acc.id }, { retryCount: 0 })).registered).toBe(0);
    const letters = await ctx.database.db.select().from(incomingLetters).where(eq(incomingLetters.receivingUnitId, kominfo));
    const fromMail = letters.filter((l) => l.source === 'email');
    expect(fromMail).toHaveLength(1);
    expect(fromMail[0]).toMatchObject({ status: 'pending', senderEmail: 'perkimta@trenggalekkab.go.id', senderName: 'Dinas Perkimta', hal: 'Permohonan akun e-mail dinas', ocrStatus: 'pending' });
    expect(fromMail[0]!.intake).toMatchObject({ subject: 'Permohonan akun e-mail dinas', from: 'perkimta@trenggalekkab.go.id' });
    expect(String((fromMail[0]!.intake as { body: string }).body)).toContain('terlampir surat permohonan');

    await ctx.jobs.work(0.5);
    await ctx.jobs.drain(['ocr.recognise'], 360_000);
    const [after] = await ctx.database.db.select().from(incomingLetters).where(eq(incomingLetters.id, fromMail[0]!.id));
    expect(after!.ocrStatus).toBe('done');
    expect(after!.ocrSuggestions).toMatchObject({ letterNumber: '800.1.11.1/427/406.020/2026', letterDate: '2026-10-14' });
    expect(after!.ocrText).toContain('Permohonan Pembuatan Akun');
  });
});
