// A local Fonnte-style WhatsApp gateway (POST /send, form target/message/countryCode, token in the
// Authorization header) that records every message. `down` answers 503. `url` is its base.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWhatsApp {
  url: string;
  token: string;
  messages: Array<{ to: string; text: string; at: Date }>;
  down: boolean;
  to(number: string): string[];
  /** Last 6-digit code sent to the number. */
  lastCode(number: string): string;
  stop(): Promise<void>;
}

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const token = 'wa-test-token';
  const messages: FakeWhatsApp['messages'] = [];
  const state = { down: false };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (state.down) {
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: false, reason: 'device disconnected' }));
      }
      if (req.headers.authorization !== token) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: false, reason: 'invalid token' }));
      }
      const form = new URLSearchParams(raw);
      const body = { target: form.get('target') ?? '', message: form.get('message') ?? '' };
      messages.push({ to: body.target, text: body.message, at: new Date() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: true, id: [String(messages.length)], target: [body.target] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    token,
    messages,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    to: (n) => messages.filter((m) => m.to === n).map((m) => m.text),
    lastCode(n) {
      const texts = messages.filter((m) => m.to === n).map((m) => m.text);
      for (let i = texts.length - 1; i >= 0; i--) {
        const m = /\b(\d{6})\b/.exec(texts[i]!);
        if (m) return m[1]!;
      }
      throw new Error(`no code sent to ${n}`);
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
