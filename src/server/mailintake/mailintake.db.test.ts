// E-mail intake against a real dovecot-imapd started by the test on loopback: messages with
// PDF/image attachments become pending registrations exactly once (also when read again or
// after a restart), messages without scans are kept with a reason, and a wrong password, a
// server that is down and unusable attachments each leave a clear state.
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../test/mailintake/dovecot.js';
import { letterPdf, rasterise } from '../../../test/helpers/letterScan.js';
import { createTestContext, type TestContext } from '../../../test/helpers/testContext.js';
import { loadGrants, type Actor } from '../auth/actor.js';
import { seedDemo, type DemoIds } from '../demo/seedDemo.js';
import { AppError, isAppError } from '../errors.js';
import { users } from '../org/schema.js';
import { configureMailbox, mailboxStateMessage, pollMailboxJob, setPendingSink, type PendingFromMail } from './index.js';
import { mailIntakeAccounts, mailIntakeMessages } from './schema.js';

let ctx: TestContext;
let ids: DemoIds;
let dovecot: Dovecot;
let officer: Actor;
let accountId: string;
const pending: PendingFromMail[] = [];

async function actor(username: string): Promise<Actor> {
  const [u] = await ctx.database.db.select().from(users).where(eq(users.username, username));
  return { userId: u!.id, username, name: u!.name, sessionId: null, grants: await loadGrants(ctx.database.db, u!.id), ip: '127.0.0.1' };
}

function mail(m: { from: string; subject: string; text: string; attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>; messageId?: string }): Promise<Buffer> {
  return new MailComposer({ ...m, to: 'surat@diskominfo.contohkab.go.id', date: new Date('2026-10-14T02:00:00Z') }).compile().build();
}

const poll = (retryCount = 0) => pollMailboxJob(ctx, { accountId }, { retryCount });
const rows = () => ctx.database.db.select().from(mailIntakeMessages).where(eq(mailIntakeMessages.accountId, accountId)).orderBy(mailIntakeMessages.uid);
const account = async () => (await ctx.database.db.select().from(mailIntakeAccounts).where(eq(mailIntakeAccounts.id, accountId)))[0]!;

beforeAll(async () => {
  dovecot = await startDovecot();
  ctx = await createTestContext({ MAIL_INTAKE_TIMEOUT_MS: '3000' });
  ids = await seedDemo(ctx);
  officer = await actor('arsip.kominfo');
  setPendingSink(ctx, async (_ctx, _tx, input) => {
    // What the incoming-letters domain does with unusable files: an AppError, nothing stored.
    if (input.files.some((f) => f.name.includes('terkunci'))) throw new AppError('PDF_ENCRYPTED', undefined, { id: 'PDF dikunci dengan kata sandi.', en: 'The PDF is encrypted.' });
    pending.push(input);
    return { registrationId: null };
  });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  await dovecot?.close();
});

describe('e-mail intake (dovecot)', () => {
  it('only the records officer of the unit (or the admin) sets its mailbox; the password is sealed', async () => {
    const kominfo = ids.units.get('kominfo')!;
    const other = await actor('arsip.dukcapil');
    const refused = await configureMailbox(ctx, other, kominfo, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, password: dovecot.password, enabled: false }).catch((e) => e);
    expect(isAppError(refused) && refused.code).toBe('NOT_FOUND');
    const row = await configureMailbox(ctx, officer, kominfo, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, password: dovecot.password, enabled: true });
    accountId = row.id;
    expect(row.passwordSealed).not.toContain(dovecot.password);
    expect(row.state).toBe('new');
  });

  it('turns each message with a scan into one pending registration (sender, subject, body kept), keeps the others with a reason', async () => {
    const pdf = await letterPdf();
    await dovecot.deliver(await mail({ from: 'Dinas Perkimta <perkimta@trenggalekkab.go.id>', subject: 'Permohonan Pembuatan Akun Surat Elektronik Dinas', text: 'Terlampir surat permohonan kami.\nHormat kami,\nSekretariat', attachments: [{ filename: 'surat-permohonan.pdf', content: pdf }], messageId: '<a1@trenggalekkab.go.id>' }));
    await dovecot.deliver(await mail({ from: 'warga@example.com', subject: 'Pertanyaan layanan', text: 'Apakah kantor buka hari Sabtu?', messageId: '<a2@example.com>' }));
    await dovecot.deliver(await mail({ from: 'bappeda@contohkab.go.id', subject: 'Undangan', text: 'Undangan terlampir', attachments: [{ filename: 'undangan.docx', content: Buffer.from('PK\x03\x04 docx'), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, { filename: 'scan.jpg', content: rasterise(pdf, 'jpeg', 72) }], messageId: '<a3@contohkab.go.id>' }));

    const r = await poll();
    expect(r).toEqual({ read: 3, registered: 2, state: 'ok' });
    expect(pending).toHaveLength(2);
    expect(pending[0]).toMatchObject({
      unitId: ids.units.get('kominfo'),
      intake: { from: 'perkimta@trenggalekkab.go.id', fromName: 'Dinas Perkimta', subject: 'Permohonan Pembuatan Akun Surat Elektronik Dinas', messageId: '<a1@trenggalekkab.go.id>', uid: 1, mailbox: 'INBOX' },
      suggestions: { senderEmail: 'perkimta@trenggalekkab.go.id', senderName: 'Dinas Perkimta', hal: 'Permohonan Pembuatan Akun Surat Elektronik Dinas' },
    });
    expect(pending[0]!.intake.body).toContain('Terlampir surat permohonan kami.');
    expect(Buffer.from(pending[0]!.files[0]!.bytes).equals(pdf)).toBe(true);
    // The .docx is not a scan; the JPEG is.
    expect(pending[1]!.files.map((f) => f.name)).toEqual(['scan.jpg']);

    const log = await rows();
    expect(log.map((m) => [m.uid, m.state])).toEqual([
      [1, 'registered'],
      [2, 'no_attachment'],
      [3, 'registered'],
    ]);
    expect(log[1]!.reason).toMatch(/tidak memiliki lampiran PDF atau gambar/);
    expect(log[2]!.skipped).toEqual([expect.objectContaining({ name: 'undangan.docx', why: 'bukan PDF atau gambar' })]);
    const acc = await account();
    expect(acc).toMatchObject({ state: 'ok', lastUid: 3 });
    expect(mailboxStateMessage(acc.state, 'id')).toBe('Kotak surat terbaca dengan baik.');
  });

  it('reads a message once: a second check and a restarted server take nothing again; a new message is taken alone', async () => {
    expect(await poll()).toEqual({ read: 0, registered: 0, state: 'ok' });
    await dovecot.stop();
    await dovecot.start();
    expect(await poll()).toEqual({ read: 0, registered: 0, state: 'ok' });
    await dovecot.deliver(await mail({ from: 'bpbd@contohkab.go.id', subject: 'Laporan kejadian', text: 'Laporan terlampir', attachments: [{ filename: 'laporan.pdf', content: await letterPdf() }], messageId: '<a4@contohkab.go.id>' }));
    expect(await poll()).toEqual({ read: 1, registered: 1, state: 'ok' });
    expect(pending).toHaveLength(3);
    // Naskah forgot where it stopped (say, a restored backup): Message-IDs still prevent doubles.
    await ctx.database.db.update(mailIntakeAccounts).set({ lastUid: 0 }).where(eq(mailIntakeAccounts.id, accountId));
    expect((await poll()).registered).toBe(0);
    expect(pending).toHaveLength(3);
    expect(await rows()).toHaveLength(4);
  });

  it('an unusable attachment is refused with the reason, nothing half-registered, and reading goes on', async () => {
    await dovecot.deliver(await mail({ from: 'x@contohkab.go.id', subject: 'Surat rahasia', text: '-', attachments: [{ filename: 'surat-terkunci.pdf', content: await letterPdf() }], messageId: '<a5@contohkab.go.id>' }));
    expect(await poll()).toMatchObject({ read: 1, registered: 0 });
    const last = (await rows()).at(-1)!;
    expect(last).toMatchObject({ state: 'rejected', registrationId: null });
    expect(last.reason).toBe('Lampiran e-mail tidak dapat dicatat: PDF dikunci dengan kata sandi.');
    expect((await account()).lastUid).toBe(5);
  });

  it('a wrong password leaves "auth_failed" for the officer and is not retried in a loop', async () => {
    await configureMailbox(ctx, officer, ids.units.get('kominfo')!, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, password: 'salah', enabled: true });
    expect(await poll(0)).toMatchObject({ state: 'auth_failed' });
    const acc = await account();
    expect(acc.state).toBe('auth_failed');
    expect(mailboxStateMessage(acc.state, 'id')).toMatch(/menolak nama pengguna atau kata sandi/);
    await configureMailbox(ctx, officer, ids.units.get('kominfo')!, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, password: dovecot.password, enabled: true });
  });

  it('a server that is down leaves "unreachable" and the job retries; the next check reads on', async () => {
    await dovecot.stop();
    await expect(poll(0)).rejects.toThrow();
    expect((await account()).state).toBe('unreachable');
    expect(mailboxStateMessage('unreachable', 'id')).toMatch(/tidak dapat dihubungi/);
    // The last retry records the state without throwing.
    expect(await poll(3)).toMatchObject({ state: 'unreachable' });
    await dovecot.start();
    await dovecot.deliver(await mail({ from: 'y@contohkab.go.id', subject: 'Surat susulan', text: '-', attachments: [{ filename: 'susulan.png', content: rasterise(await letterPdf(), 'png', 72) }], messageId: '<a6@contohkab.go.id>' }));
    expect(await poll()).toEqual({ read: 1, registered: 1, state: 'ok' });
  });

  it('through the queue: saving the settings asks for a check, and the worker reads the mailbox', async () => {
    await dovecot.deliver(await mail({ from: 'z@contohkab.go.id', subject: 'Lewat antrean', text: '-', attachments: [{ filename: 'a.pdf', content: await letterPdf() }], messageId: '<a7@contohkab.go.id>' }));
    const before = pending.length;
    await ctx.jobs.work(0.5);
    await configureMailbox(ctx, officer, ids.units.get('kominfo')!, { host: dovecot.host, port: dovecot.port, tls: false, username: dovecot.user, enabled: true });
    await ctx.jobs.drain(['mailintake.poll'], 60_000);
    expect(pending.length).toBe(before + 1);
    expect(pending.at(-1)!.intake.subject).toBe('Lewat antrean');
  });
});
