// Notices on a real database: queued in the caller's transaction, delivered by the job through
// the configured gateway (a local fake of the Cloud API / a local SMTP server), content sealed,
// each attempt in the delivery log, retries for transient failures, clear final states.
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCloudApi } from '../../../test/notify/fakeWhatsApp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { inTransaction } from '../db/tx.js';
import { isAppError } from '../errors.js';
import { getNotice, noticeStatusMessage, queueEmail, queueWhatsApp, useWhatsAppGateway } from './index.js';
import { deliverNoticeJob } from './sendNotice.js';
import { notificationMessages } from './schema.js';

let ctx: TestContext;
let fake: Awaited<ReturnType<typeof fakeCloudApi>>;
let smtp: SMTPServer;
const mails: Array<{ to: string; raw: string }> = [];

beforeAll(async () => {
  fake = await fakeCloudApi();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  ctx = await createTestContext({
    WHATSAPP: 'cloud',
    WHATSAPP_URL: fake.url,
    WHATSAPP_TOKEN: fake.token,
    WHATSAPP_PHONE_NUMBER_ID: fake.phoneNumberId,
    WHATSAPP_TIMEOUT_MS: '1500',
    WHATSAPP_RATE_PER_MINUTE: '6000',
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}?ignoreTLS=true`,
  });
  await ctx.jobs.work(0.5);
});
afterAll(async () => {
  await ctx?.close();
  await fake?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const queueOtp = (to = '0812-3456-7890') =>
  inTransaction(ctx.database, (tx) => queueWhatsApp(ctx, tx, { to, template: 'naskah_kode_otp', params: ['482913', '10'], purpose: 'otp' }));

describe('WhatsApp notices', () => {
  it('delivers a one-time code through the Cloud API, normalised to 62…, content sealed at rest', async () => {
    fake.mode = 'ok';
    const { messageId, to } = await queueOtp();
    expect(to).toBe('6281234567890');
    await ctx.jobs.drain(['notify.deliver'], 30_000);
    const m = await getNotice(ctx.database.db, messageId);
    expect(m).toMatchObject({ status: 'sent', provider: 'cloud', attempts: 1, recipient: '6281234567890', template: 'naskah_kode_otp' });
    expect(m.providerMessageId).toMatch(/^wamid\./);
    expect(m.log).toHaveLength(1);
    expect(m.log[0]).toMatchObject({ outcome: 'sent' });
    expect(noticeStatusMessage(m, 'id')).toBe('Terkirim.');
    const [raw] = await ctx.database.db.select().from(notificationMessages).where(eq(notificationMessages.id, messageId));
    expect(JSON.stringify(raw)).not.toContain('482913');
    expect(JSON.stringify(fake.received.at(-1))).toContain('482913');
  });

  it('refuses a number that is not an Indonesian mobile, before anything is queued', async () => {
    const before = (await ctx.database.db.select().from(notificationMessages)).length;
    const e = await queueOtp('0355-791234').catch((x) => x);
    expect(isAppError(e) && e.code).toBe('WHATSAPP_NUMBER_INVALID');
    expect((await ctx.database.db.select().from(notificationMessages)).length).toBe(before);
  });

  it('retries after a 500 and a timeout, logging every attempt, then sends', async () => {
    const { messageId } = await inTransaction(ctx.database, async (tx) => {
      // Queued without the worker picking it up: call the job as the queue would, attempt by attempt.
      const [row] = await tx.db.insert(notificationMessages).values({ channel: 'whatsapp', purpose: 'activation', recipient: '6281234567890', template: 'naskah_tautan_aktivasi', payloadSealed: '' }).returning();
      return { messageId: row!.id };
    });
    const { seal } = await import('../crypto/kek.js');
    await ctx.database.db
      .update(notificationMessages)
      .set({ payloadSealed: seal(ctx.kek, JSON.stringify({ params: ['Budi', 'akun e-mail dinas Anda telah dibuat', 'https://naskah.test/aktivasi/abc'], text: 'x' }), `notification:${messageId}`) })
      .where(eq(notificationMessages.id, messageId));
    fake.mode = 'error500';
    fake.failTimes = 1;
    await expect(deliverNoticeJob(ctx, { messageId }, { retryCount: 0 })).rejects.toThrow(/500/);
    expect(noticeStatusMessage(await getNotice(ctx.database.db, messageId), 'id')).toBe('Belum terkirim (percobaan ke-1); sistem akan mencoba lagi.');
    fake.mode = 'hang';
    fake.failTimes = 1;
    await expect(deliverNoticeJob(ctx, { messageId }, { retryCount: 1 })).rejects.toThrow(/no answer/);
    await deliverNoticeJob(ctx, { messageId }, { retryCount: 2 });
    const m = await getNotice(ctx.database.db, messageId);
    expect(m.status).toBe('sent');
    expect(m.log.map((l) => l.outcome)).toEqual(['retry', 'retry', 'sent']);
    expect(m.log[0]!.httpStatus).toBe(500);
  });

  it('gives up at once on a refused number and after the last retry on an outage, with a sentence for staff', async () => {
    fake.mode = 'ok';
    const refused = await queueOtp('0899-1234-5678');
    await ctx.jobs.drain(['notify.deliver'], 30_000);
    const r = await getNotice(ctx.database.db, refused.messageId);
    expect(r).toMatchObject({ status: 'failed', attempts: 1 });
    expect(noticeStatusMessage(r, 'id')).toBe('Pesan ditolak: periksa apakah nomor tersebut aktif di WhatsApp.');

    const down = await inTransaction(ctx.database, async (tx) => {
      const [row] = await tx.db.insert(notificationMessages).values({ channel: 'whatsapp', purpose: 'otp', recipient: '6281234567890', template: 'naskah_kode_otp', payloadSealed: '' }).returning();
      return row!.id;
    });
    const { seal } = await import('../crypto/kek.js');
    await ctx.database.db.update(notificationMessages).set({ payloadSealed: seal(ctx.kek, JSON.stringify({ params: ['1', '2'], text: 'x' }), `notification:${down}`) }).where(eq(notificationMessages.id, down));
    fake.mode = 'error500';
    fake.failTimes = Infinity;
    await deliverNoticeJob(ctx, { messageId: down }, { retryCount: 5 });
    const d = await getNotice(ctx.database.db, down);
    expect(d.status).toBe('failed');
    expect(noticeStatusMessage(d, 'id')).toBe('Gagal dikirim setelah 1 kali percobaan. Coba lagi nanti.');
    fake.mode = 'ok';
  });

  it('records "not set up" when no gateway is configured', async () => {
    useWhatsAppGateway(ctx, null);
    try {
      const { messageId } = await queueOtp();
      await ctx.jobs.drain(['notify.deliver'], 30_000);
      const m = await getNotice(ctx.database.db, messageId);
      expect(m.status).toBe('failed');
      expect(noticeStatusMessage(m, 'id')).toBe('Pengiriman WhatsApp belum diatur. Hubungi admin.');
    } finally {
      const { createWhatsAppGateway } = await import('./createGateway.js');
      useWhatsAppGateway(ctx, createWhatsAppGateway(ctx.config.whatsapp));
    }
  });

  it('holds a notice until the end of quiet hours (the job starts after it)', async () => {
    const after = new Date(Date.now() + 3_600_000);
    const { messageId } = await inTransaction(ctx.database, (tx) =>
      queueWhatsApp(ctx, tx, { to: '081234567890', template: 'naskah_pemberitahuan', params: ['Surat masuk baru', 'https://naskah.test/masuk/1'], purpose: 'letter_arrived', sendAfter: after }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const m = await getNotice(ctx.database.db, messageId);
    expect(m.status).toBe('queued');
    expect(m.sendAfter?.toISOString()).toBe(after.toISOString());
  });
});

/** Wait until the worker has dealt with the message (the queue also holds a deferred one). */
async function settled(messageId: string) {
  for (let i = 0; i < 300; i++) {
    const m = await getNotice(ctx.database.db, messageId);
    if (m.status !== 'queued') return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('notice not delivered in 30 s');
}

describe('e-mail notices', () => {
  it('sends through SMTP and logs it', async () => {
    const { messageId } = await inTransaction(ctx.database, (tx) =>
      queueEmail(ctx, tx, { to: 'kabid@contohkab.go.id', subject: 'Disposisi baru', text: 'Anda menerima disposisi. Buka: https://naskah.test/d/1', purpose: 'disposition_arrived' }),
    );
    await settled(messageId);
    const m = await getNotice(ctx.database.db, messageId);
    expect(m).toMatchObject({ status: 'sent', provider: 'smtp' });
    expect(mails.at(-1)?.to).toBe('kabid@contohkab.go.id');
    expect(mails.at(-1)?.raw).toContain('Subject: Disposisi baru');
  });
});
