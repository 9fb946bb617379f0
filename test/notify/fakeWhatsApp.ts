// Local fakes of the two WhatsApp gateways, built from their documented request/response
// shapes (Meta's Cloud API "Send messages" reference; Fonnte's /send API page). They check what
// a real provider checks (token, path, body shape, template name and parameter count, number
// form) and can be told to fail as providers do (500, a hang, throttling, refusal).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'ok' | 'error500' | 'hang' | 'rate_limited' | 'bad_token';

export interface FakeGateway {
  url: string;
  token: string;
  received: Array<Record<string, unknown>>;
  mode: FakeMode;
  /** Fail this many requests with `mode`, then answer normally (Infinity = always). */
  failTimes: number;
  close(): Promise<void>;
}

async function listen(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse, fake: FakeGateway) => void, token: string): Promise<FakeGateway> {
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeGateway = { url: '', token, received: [], mode: 'ok', failTimes: Infinity, close: async () => {} };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => handler(req, body, res, fake));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return fake;
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Which failure applies to this request (consumes failTimes). */
function failure(fake: FakeGateway): FakeMode {
  if (fake.mode === 'ok') return 'ok';
  if (fake.failTimes === Infinity) return fake.mode;
  if (fake.failTimes > 0) {
    fake.failTimes--;
    return fake.mode;
  }
  return 'ok';
}

/** Templates the fake business account has approved: name -> body parameter count. */
export const CLOUD_TEMPLATES: Record<string, number> = { naskah_kode_otp: 2, naskah_tautan_aktivasi: 3, naskah_pemberitahuan: 2 };

export async function fakeCloudApi(opts: { token?: string; phoneNumberId?: string; version?: string } = {}): Promise<FakeGateway & { phoneNumberId: string; version: string }> {
  const token = opts.token ?? 'EAAG-test-token';
  const phoneNumberId = opts.phoneNumberId ?? '106540352242922';
  const version = opts.version ?? 'v21.0';
  let seq = 0;
  const fake = await listen((req, raw, res, f) => {
    const fbtrace_id = `A${Date.now()}`;
    if (req.method !== 'POST' || req.url !== `/${version}/${phoneNumberId}/messages`) {
      return json(res, 400, { error: { message: 'Unsupported post request. Object with ID does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id } });
    }
    const mode = failure(f);
    if (mode === 'hang') return; // never answers
    if (mode === 'error500') return json(res, 500, { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id } });
    if (mode === 'rate_limited') return json(res, 429, { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429, fbtrace_id } });
    if (mode === 'bad_token' || req.headers.authorization !== `Bearer ${token}`) {
      return json(res, 401, { error: { message: 'Error validating access token: Session has expired.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id } });
    }
    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(res, 400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id } });
    }
    if (body.messaging_product !== 'whatsapp' || body.type !== 'template' || typeof body.to !== 'string' || !/^\d{8,15}$/.test(body.to)) {
      return json(res, 400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id } });
    }
    const t = body.template;
    const expected = CLOUD_TEMPLATES[t?.name];
    if (expected === undefined || t?.language?.code !== 'id') {
      return json(res, 404, { error: { message: '(#132001) Template name does not exist in the translation', type: 'OAuthException', code: 132001, fbtrace_id } });
    }
    const params = (t.components ?? []).find((c: any) => c.type === 'body')?.parameters ?? [];
    if (params.length !== expected || params.some((p: any) => p.type !== 'text' || typeof p.text !== 'string')) {
      return json(res, 400, { error: { message: '(#132000) Number of parameters does not match the expected number of params', type: 'OAuthException', code: 132000, fbtrace_id } });
    }
    if (body.to.startsWith('62899')) {
      // A number that is not on WhatsApp: accepted by the API, but here refused synchronously as some accounts see it.
      return json(res, 400, { error: { message: '(#131026) Message Undeliverable', type: 'OAuthException', code: 131026, fbtrace_id } });
    }
    f.received.push(body);
    json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.HBgN${++seq}` }] });
  }, token);
  return Object.assign(fake, { phoneNumberId, version });
}

export async function fakeFonnte(opts: { token?: string } = {}): Promise<FakeGateway> {
  const token = opts.token ?? 'fonnte-test-token';
  let seq = 80367170;
  return listen((req, raw, res, f) => {
    if (req.method !== 'POST' || req.url !== '/send') return json(res, 404, { status: false, reason: 'not found' });
    const mode = failure(f);
    if (mode === 'hang') return;
    if (mode === 'error500') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html><body>502 Bad Gateway</body></html>');
    }
    if (mode === 'rate_limited') return json(res, 429, { status: false, reason: 'rate limit' });
    // Fonnte answers a wrong token with HTTP 200 and status false.
    if (mode === 'bad_token' || req.headers.authorization !== token) return json(res, 200, { status: false, reason: 'invalid token' });
    const form = new URLSearchParams(raw);
    const target = form.get('target') ?? '';
    const message = form.get('message') ?? '';
    if (!message) return json(res, 200, { status: false, reason: 'message invalid' });
    if (!/^\d{8,15}$/.test(target) || target.startsWith('62899')) return json(res, 200, { status: false, reason: 'target invalid' });
    f.received.push({ target, message, countryCode: form.get('countryCode') });
    json(res, 200, { detail: 'success! message in queue', id: [String(++seq)], process: 'pending', requestid: seq + 1000, status: true, target: [target] });
  }, token);
}
