// Contract tests of both WhatsApp adapters against local fakes of the providers' documented
// shapes: what is sent, and how each provider failure is classified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCloudApi, fakeFonnte, type FakeGateway } from '../../../test/notify/fakeWhatsApp.js';
import { CloudApiGateway } from './cloudApiGateway.js';
import { FonnteGateway } from './fonnteGateway.js';
import { quietUntil } from './quietHours.js';
import { RateLimiter } from './rateLimiter.js';
import { renderTemplate, whatsAppTemplate } from './templates.js';
import { GatewayError, type WhatsAppGateway, type WhatsAppMessage } from './whatsAppGateway.js';
import { normaliseWhatsapp } from '../../shared/identity.js';

const otp: WhatsAppMessage = {
  to: '6281234567890',
  template: { name: 'naskah_kode_otp', language: 'id', params: ['482913', '10'] },
  text: renderTemplate(whatsAppTemplate('naskah_kode_otp').body, ['482913', '10']),
};

async function kind(g: WhatsAppGateway, m: WhatsAppMessage = otp): Promise<string> {
  try {
    await g.send(m);
    return 'sent';
  } catch (e) {
    if (e instanceof GatewayError) return e.kind;
    throw e;
  }
}

describe('CloudApiGateway (WhatsApp Cloud API)', () => {
  let fake: Awaited<ReturnType<typeof fakeCloudApi>>;
  let gw: CloudApiGateway;
  beforeAll(async () => {
    fake = await fakeCloudApi();
    gw = new CloudApiGateway({ baseUrl: fake.url, apiVersion: fake.version, phoneNumberId: fake.phoneNumberId, token: fake.token, timeoutMs: 1500 });
  });
  afterAll(() => fake.close());
  const reset = (mode: FakeGateway['mode'], times = Infinity) => {
    fake.mode = mode;
    fake.failTimes = times;
  };

  it('sends a template message in the documented shape and returns the wamid', async () => {
    reset('ok');
    const r = await gw.send(otp);
    expect(r.providerMessageId).toMatch(/^wamid\./);
    expect(fake.received.at(-1)).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'template',
      template: { name: 'naskah_kode_otp', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '482913' }, { type: 'text', text: '10' }] }] },
    });
  });

  it('classifies provider failures', async () => {
    reset('error500');
    expect(await kind(gw)).toBe('unavailable');
    reset('hang');
    expect(await kind(gw)).toBe('unavailable');
    reset('rate_limited');
    expect(await kind(gw)).toBe('rate_limited');
    reset('bad_token');
    expect(await kind(gw)).toBe('auth');
    reset('ok');
    expect(await kind(gw, { ...otp, to: '6289912345678' })).toBe('rejected');
    expect(await kind(gw, { ...otp, template: { ...otp.template, name: 'tidak_ada' } })).toBe('rejected');
    expect(await kind(gw, { ...otp, template: { ...otp.template, params: ['1'] } })).toBe('rejected');
    const wrongToken = new CloudApiGateway({ baseUrl: fake.url, apiVersion: fake.version, phoneNumberId: fake.phoneNumberId, token: 'salah', timeoutMs: 1500 });
    expect(await kind(wrongToken)).toBe('auth');
    const down = new CloudApiGateway({ baseUrl: 'http://127.0.0.1:9', apiVersion: 'v21.0', phoneNumberId: '1', token: 't', timeoutMs: 1500 });
    expect(await kind(down)).toBe('unavailable');
    expect(new GatewayError('rate_limited', '').transient).toBe(true);
    expect(new GatewayError('rejected', '').transient).toBe(false);
  });
});

describe('FonnteGateway (unofficial)', () => {
  let fake: FakeGateway;
  let gw: FonnteGateway;
  beforeAll(async () => {
    fake = await fakeFonnte();
    gw = new FonnteGateway({ baseUrl: fake.url, token: fake.token, timeoutMs: 1500 });
  });
  afterAll(() => fake.close());

  it('sends the rendered text to the target with countryCode 62', async () => {
    fake.mode = 'ok';
    const r = await gw.send(otp);
    expect(r.providerMessageId).toMatch(/^\d+$/);
    expect(fake.received.at(-1)).toEqual({ target: '6281234567890', message: otp.text, countryCode: '62' });
    expect(otp.text).toBe('Kode verifikasi Naskah Anda: 482913. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.');
  });

  it('reads failures from HTTP status and from status:false bodies', async () => {
    fake.mode = 'error500';
    expect(await kind(gw)).toBe('unavailable');
    fake.mode = 'hang';
    expect(await kind(gw)).toBe('unavailable');
    fake.mode = 'rate_limited';
    expect(await kind(gw)).toBe('rate_limited');
    fake.mode = 'bad_token';
    expect(await kind(gw)).toBe('auth');
    fake.mode = 'ok';
    expect(await kind(gw, { ...otp, to: '6289912345678' })).toBe('rejected');
    fake.mode = 'error500';
    fake.failTimes = 1;
    expect(await kind(gw)).toBe('unavailable');
    expect(await kind(gw)).toBe('sent');
  });
});

describe('numbers, quiet hours, pacing', () => {
  it('normalises numbers to 62…', () => {
    expect(normaliseWhatsapp('0812-3456-7890')).toEqual({ ok: true, number: '6281234567890' });
    expect(normaliseWhatsapp('+62 812 3456 7890')).toEqual({ ok: true, number: '6281234567890' });
    expect(normaliseWhatsapp('(0812) 3456.7890')).toEqual({ ok: true, number: '6281234567890' });
    expect(normaliseWhatsapp('0355-791234').ok).toBe(false);
  });

  it('holds notices during quiet hours, also across midnight, in the pemda time zone', () => {
    // 22:30 WIB = 15:30 UTC; quiet 21:00–06:00 ends at 06:00 WIB = 23:00 UTC.
    expect(quietUntil(new Date('2026-12-02T15:30:00Z'), 'Asia/Jakarta', '21:00', '06:00')?.toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(quietUntil(new Date('2026-12-02T20:15:00Z'), 'Asia/Jakarta', '21:00', '06:00')?.toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(quietUntil(new Date('2026-12-02T03:00:00Z'), 'Asia/Jakarta', '21:00', '06:00')).toBeNull();
    // WITA (UTC+8): 12:10 local inside 12:00–13:00.
    expect(quietUntil(new Date('2026-12-02T04:10:00Z'), 'Asia/Makassar', '12:00', '13:00')?.toISOString()).toBe('2026-12-02T05:00:00.000Z');
    expect(quietUntil(new Date('2026-12-02T04:10:00Z'), 'Asia/Makassar', null, null)).toBeNull();
  });

  it('paces sends', async () => {
    const limiter = new RateLimiter(600); // 100 ms apart
    const t0 = Date.now();
    await limiter.take();
    await limiter.take();
    await limiter.take();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });
});
