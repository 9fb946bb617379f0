// Notifications wired to real events: a letter sent to the Kepala Dinas, a disposition received,
// due soon and overdue (the one who disposed is told too) are queued as WhatsApp / e-mail notices
// in the change's transaction, by each user's choice in Profil; a Rahasia letter's hal is never
// in a message; nothing when the user chose none.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open } from '../../src/server/crypto/kek.js';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { noticeFor } from '../../src/server/disposition/notices.js';
import { notificationMessages } from '../../src/server/notify/schema.js';
import { users } from '../../src/server/org/schema.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { upload, pos } from '../helpers/documents.js';
import { letterPdf } from '../helpers/scans.js';

let t: TestApp;
let ids: DemoIds;
const c: Record<string, Client> = {};
let today: string;
const SECRET_HAL = 'Rencana penertiban aset daerah tahap dua';

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
  for (const u of ['arsip.kominfo', 'kadis.kominfo', 'kabid.persandian', 'kabid.ikp']) c[u] = await loginAs(t.app, t.ctx, u);
}, 300_000);
afterAll(async () => t?.close());

async function messagesOf(username: string) {
  const [u] = await t.ctx.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  const rows = await t.ctx.database.db.select().from(notificationMessages).where(eq(notificationMessages.userId, u!.id));
  return rows.map((r) => ({ channel: r.channel, purpose: r.purpose, recipient: r.recipient, text: (JSON.parse(open(t.ctx.kek, r.payloadSealed, `notification:${r.id}`).toString()) as { text: string }).text }));
}

async function registerAndSend(sifat: string, hal: string, number: string) {
  const data = { sender: { instansi: 'Inspektorat Daerah' }, letterNumber: number, letterDate: today, hal, sifat, urgensi: 'biasa', classificationCode: '000.6', addressedPositionId: pos(ids, 'kadis-kominfo'), send: true };
  const res = await upload(c['arsip.kominfo']!, '/api/v1/incoming-letters', { data: JSON.stringify(data) }, [{ field: 'scan', filename: 's.pdf', content: await letterPdf([number]) }]);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('notifications on real events, by the user\'s choice', () => {
  it('Profil: per kind WhatsApp, e-mail or none, and quiet hours', async () => {
    const kabid = c['kabid.persandian']!;
    const before = (await kabid.get('/api/v1/me/notification-preferences')).json();
    expect(before).toMatchObject({ hasWhatsapp: true, events: { disposition_received: ['whatsapp'] } });
    const bad = await kabid.put('/api/v1/me/notification-preferences', { events: {}, quietStart: '25:00' });
    expect(bad.statusCode).toBe(400);
    const saved = await kabid.put('/api/v1/me/notification-preferences', { events: { disposition_received: ['whatsapp', 'email'], disposition_due: [] } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().events).toMatchObject({ disposition_received: ['whatsapp', 'email'], disposition_due: [], letter_received: ['whatsapp'] });
    // The Kabid IKP wants nothing about dispositions.
    expect((await c['kabid.ikp']!.put('/api/v1/me/notification-preferences', { events: { disposition_received: [] } })).statusCode).toBe(200);
  });

  it('a Rahasia letter to the Kepala Dinas and its disposition: notices without the hal, only a link', async () => {
    const letterId = await registerAndSend('rahasia', SECRET_HAL, '700/1/INSP/2026');
    const kadis = await messagesOf('kadis.kominfo');
    expect(kadis).toHaveLength(1);
    expect(kadis[0]).toMatchObject({ channel: 'whatsapp', purpose: 'letter_received' });
    expect(kadis[0]!.text).toContain('surat bersifat Rahasia');
    expect(kadis[0]!.text).toContain(`/surat-masuk/${letterId}`);
    expect(kadis[0]!.text).not.toContain('penertiban');

    const due = isoDateIn(t.ctx.config.timeZone, new Date(t.ctx.now().getTime() + 3 * 86_400_000));
    const d = await c['kadis.kominfo']!.post(`/api/v1/incoming-letters/${letterId}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp'), pos(ids, 'kabid-ikp')], instructions: ['tindak_lanjut'], dueDate: due });
    expect(d.statusCode, d.body).toBe(201);
    const kabid = await messagesOf('kabid.persandian');
    expect(kabid.map((m) => [m.channel, m.purpose]).sort()).toEqual([['email', 'disposition_received'], ['whatsapp', 'disposition_received']]);
    for (const m of kabid) {
      expect(m.text).not.toContain('penertiban');
      expect(m.text).toContain(`/surat-masuk/${letterId}`);
    }
    expect(await messagesOf('kabid.ikp')).toEqual([]);
  });

  it('a Biasa letter names its hal; an overdue disposition tells the one who disposed too', async () => {
    const letterId = await registerAndSend('biasa', 'Undangan rapat koordinasi SPBE', '005/2/INSP/2026');
    const kadis = (await messagesOf('kadis.kominfo')).filter((m) => m.text.includes(letterId));
    expect(kadis[0]!.text).toContain('"Undangan rapat koordinasi SPBE"');
    // The due job's event, as it emits it for an overdue node.
    const overdue = noticeFor({ type: 'disposition.overdue', letterId, dispositionId: 'x', toPositionIds: [pos(ids, 'kabid-sp')], senderPositionId: pos(ids, 'kadis-kominfo'), dueDate: today, sifat: 'rahasia', hal: null });
    expect(overdue).toMatchObject({ kind: 'disposition_due', positionIds: [pos(ids, 'kabid-sp'), pos(ids, 'kadis-kominfo')] });
    expect(overdue!.text).toContain('surat bersifat Rahasia');
    expect(noticeFor({ type: 'disposition.reported', letterId, dispositionId: 'x', toPositionIds: [], sifat: 'biasa', hal: 'x' })).toBeNull();
  });

  it('no message contains a password or the secret hal', async () => {
    const rows = await t.ctx.database.db.select().from(notificationMessages).where(and(inArray(notificationMessages.purpose, ['letter_received', 'disposition_received', 'disposition_due'])));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) expect(open(t.ctx.kek, r.payloadSealed, `notification:${r.id}`).toString()).not.toMatch(/penertiban|sandi|password/i);
  });
});
