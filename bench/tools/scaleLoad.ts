// Mixed office load for the scale bench, run as its own process: virtual users doing what
// offices do, through the load balancer, for SCALE_SECONDS:
//   drafters  register a PDF letter (register, upload, mark places, send to the Kabag) and send
//             returned ones again;
//   verifiers open their Perlu Verifikasi list and approve (one in five returned, with a reason);
//   the signer signs what waits for him in bulk (one passphrase, up to 10) and follows the batch;
//   readers   open Beranda, the inbox, a letter and its signed PDF, and search.
// Each finished action is timed under its name; every acknowledged change (2xx) is written to
// SCALE_ACKS as JSON so the bench can check afterwards that the database holds it.
// Prints { actions: {name: {n, p50_ms, p99_ms}}, errors: {...}, timeline: [...] } on stdout.
import fs from 'node:fs';
import { totpCode } from '../../src/server/auth/totp.js';

const base = process.env.SCALE_URL!;
const seconds = Number(process.env.SCALE_SECONDS ?? 60);
const ids = JSON.parse(process.env.SCALE_IDS!) as { surat: string; kabag: string; sekda: string; kadisKominfo: string };
const vus = JSON.parse(process.env.SCALE_VUS ?? '{"drafter":4,"verifier":3,"signer":1,"reader":16}') as Record<'drafter' | 'verifier' | 'signer' | 'reader', number>;
const thinkMs = Number(process.env.SCALE_THINK_MS ?? 200);
const PASSWORD = 'Naskah-Demo-2026';
const PASSPHRASE = 'TTE-Demo-2026';
const PDF = fs.readFileSync(process.env.SCALE_PDF!);

const latencies = new Map<string, number[]>();
const errors: Record<string, number> = {};
/** Per second of the run: requests answered and failed (status 5xx or no answer). */
const timeline: Array<{ ok: number; failed: number }> = [];
const acks: { registered: string[]; approved: Array<{ id: string; version: number }>; returned: string[]; signed: string[] } = { registered: [], approved: [], returned: [], signed: [] };
const started = Date.now();
const deadline = started + seconds * 1000;

/** One session per user, shared by his virtual users (a second login would need a fresh TOTP code). */
const sessions = new Map<string, Promise<Record<string, string>>>();

class Http {
  headers: Record<string, string> = {};
  async req(method: string, path: string, body?: unknown, raw?: { type: string; data: Buffer }): Promise<{ status: number; json: any }> {
    const second = Math.floor((Date.now() - started) / 1000);
    const slot = (timeline[second] ??= { ok: 0, failed: 0 });
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...this.headers, ...(raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: raw ? raw.data : body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (res.status >= 500) {
        slot.failed++;
        // Who answered: haproxy (no server available) or Naskah (its error code).
        const from = text.includes('No server is available') ? 'balancer' : (/"code":"([A-Z_]+)"/.exec(text)?.[1] ?? 'other');
        const key = `${res.status} ${from} ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').split('?')[0]}`;
        errors[key] = (errors[key] ?? 0) + 1;
      } else slot.ok++;
      let json: any = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        /* a PDF */
      }
      return { status: res.status, json };
    } catch {
      slot.failed++;
      errors[`no answer ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').split('?')[0]}`] = (errors[`no answer ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').split('?')[0]}`] ?? 0) + 1;
      return { status: 0, json: null };
    }
  }
  async login(username: string): Promise<void> {
    if (!sessions.has(username)) sessions.set(username, this.freshLogin(username).then(() => this.headers));
    this.headers = await sessions.get(username)!;
  }
  private async freshLogin(username: string): Promise<void> {
    for (;;) {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) }).catch(() => null);
      if (res?.status === 200) {
        const me = (await res.json()) as { csrfToken: string; mfaEnrolmentRequired: boolean };
        this.headers = { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': me.csrfToken };
        if (me.mfaEnrolmentRequired) {
          const setup = await this.req('POST', '/api/v1/auth/totp/setup');
          await this.req('POST', '/api/v1/auth/totp/confirm', { code: totpCode(setup.json.secret, new Date()) });
        }
        return;
      }
      if (Date.now() > deadline) return;
      await sleep(500);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await work();
  (latencies.get(name) ?? latencies.set(name, []).get(name)!).push(performance.now() - t0);
  return out;
}

function multipart(fields: Record<string, string>, file: { field: string; name: string; data: Buffer }): { type: string; data: Buffer } {
  const boundary = `----naskah${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, data: Buffer.concat(parts) };
}

const MARKS = { number: { page: 1, x: 120, y: 700 }, date: { page: 1, x: 400, y: 740 }, signature: { page: 1, x: 320, y: 120, width: 230, height: 72 } };
let counter = 0;

async function drafter(vu: number): Promise<void> {
  const h = new Http();
  await h.login('staf.umum');
  while (Date.now() < deadline) {
    const returned = await h.req('GET', '/api/v1/documents?box=drafts&pageSize=5');
    const again = (returned.json?.items ?? []).find((d: { status: string }) => d.status === 'returned');
    if (again) {
      const r = await timed('resubmit', () => h.req('POST', `/api/v1/documents/${again.id}/submit`, { version: again.version }));
      if (r.status === 200) acks.registered.push(again.id);
    } else {
      await timed('register', async () => {
        const reg = await h.req('POST', '/api/v1/documents', {
          documentTypeId: ids.surat,
          draftKind: 'pdf',
          hal: `Undangan rapat koordinasi beban ${vu}-${++counter}`,
          sifat: 'biasa',
          urgensi: 'biasa',
          classificationCode: '000.1',
          recipients: [{ role: 'to', kind: 'position', positionId: ids.kadisKominfo }],
          verifierPositionIds: [ids.kabag],
          signerPositionId: ids.sekda,
        });
        if (reg.status !== 201) return;
        const id = reg.json.id as string;
        const d = await h.req('GET', `/api/v1/documents/${id}`);
        if (d.status !== 200) return;
        const up = await h.req('POST', `/api/v1/documents/${id}/versions`, undefined, multipart({ version: String(d.json.version), note: 'konsep' }, { field: 'file', name: 'konsep.pdf', data: PDF }));
        if (up.status !== 201) return;
        const m = await h.req('PATCH', `/api/v1/documents/${id}`, { version: up.json.version, pdfMarks: MARKS });
        if (m.status !== 204) return;
        const s = await h.req('POST', `/api/v1/documents/${id}/submit`, { version: up.json.version + 1 });
        if (s.status === 200) acks.registered.push(id);
      });
    }
    await sleep(thinkMs);
  }
}

async function verifier(vu: number): Promise<void> {
  const h = new Http();
  await h.login('kabag.umum');
  let n = 0;
  while (Date.now() < deadline) {
    const list = await timed('to_verify_list', () => h.req('GET', '/api/v1/documents?box=to_verify&pageSize=10'));
    const items = (list.json?.items ?? []) as Array<{ id: string; version: number }>;
    const doc = items[(vu + n) % Math.max(1, items.length)];
    if (doc) {
      const detail = await timed('open_letter', () => h.req('GET', `/api/v1/documents/${doc.id}`));
      if (detail.status === 200) {
        const back = ++n % 5 === 0;
        const r = await timed(back ? 'return' : 'approve', () =>
          h.req('POST', `/api/v1/documents/${doc.id}/${back ? 'return' : 'approve'}`, back ? { version: detail.json.version, reason: 'Mohon perbaiki tanggal acara' } : { version: detail.json.version }),
        );
        if (r.status === 200) back ? acks.returned.push(doc.id) : acks.approved.push({ id: doc.id, version: r.json.version });
        else if (r.status === 409) errors['409 conflict (expected: two verifiers on one letter)'] = (errors['409 conflict (expected: two verifiers on one letter)'] ?? 0) + 1;
      }
    }
    await sleep(thinkMs);
  }
}

async function signer(): Promise<void> {
  const h = new Http();
  await h.login('sekda');
  while (Date.now() < deadline) {
    const list = await h.req('GET', '/api/v1/documents?box=to_sign&pageSize=10');
    const items = (list.json?.items ?? []) as Array<{ id: string; version: number }>;
    if (items.length) {
      await timed('sign_bulk', async () => {
        const r = await h.req('POST', '/api/v1/documents/sign-bulk', { items: items.map((i) => ({ id: i.id, version: i.version })), passphrase: PASSPHRASE });
        if (r.status !== 202) return;
        const batchId = r.json.batchId as string;
        for (;;) {
          await sleep(300);
          const b = await h.req('GET', `/api/v1/sign-batches/${batchId}`);
          if (b.json?.finished) {
            for (const i of b.json.items) if (i.status === 'signed') acks.signed.push(i.documentId);
            // Interrupted by a killed instance or the database restart: resume, as the signer would.
            if (b.json.resumable && Date.now() < deadline) {
              const again = await h.req('POST', `/api/v1/sign-batches/${batchId}/resume`, { passphrase: PASSPHRASE });
              if (again.status === 202) continue;
            }
            return;
          }
          if (Date.now() > deadline + 60_000) return;
        }
      });
    }
    await sleep(thinkMs * 5);
  }
}

const READERS = ['kadis.kominfo', 'bupati', 'sekda', 'kabag.umum'];
const WORDS = ['undangan', 'rapat', 'koordinasi', 'beban', 'surat'];

async function reader(vu: number): Promise<void> {
  const h = new Http();
  await h.login(READERS[vu % READERS.length]!);
  let n = 0;
  while (Date.now() < deadline) {
    switch (n++ % 4) {
      case 0:
        await timed('beranda', () => h.req('GET', '/api/v1/dashboard'));
        break;
      case 1: {
        const inbox = await timed('inbox_page', () => h.req('GET', '/api/v1/inbox?pageSize=25'));
        const item = inbox.json?.items?.[n % Math.max(1, inbox.json?.items?.length ?? 1)];
        if (item) {
          const id = item.documentId ?? item.id;
          const d = await timed('open_letter', () => h.req('GET', `/api/v1/documents/${id}`));
          const fileId = d.json?.signed?.fileId;
          if (fileId) await timed('open_pdf', () => h.req('GET', `/api/v1/documents/${id}/files/${fileId}`));
        }
        break;
      }
      case 2:
        await timed('search', () => h.req('GET', `/api/v1/search?q=${WORDS[(vu + n) % WORDS.length]}`));
        break;
      default:
        await timed('outgoing_list', () => h.req('GET', '/api/v1/documents?box=all&pageSize=25'));
    }
    await sleep(thinkMs);
  }
}

const runs: Promise<void>[] = [];
for (let i = 0; i < vus.drafter; i++) runs.push(drafter(i));
for (let i = 0; i < vus.verifier; i++) runs.push(verifier(i));
for (let i = 0; i < vus.signer; i++) runs.push(signer());
for (let i = 0; i < vus.reader; i++) runs.push(reader(i));
await Promise.all(runs);

const pct = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN) * 10) / 10;
};
const actions = Object.fromEntries([...latencies].map(([k, v]) => [k, { n: v.length, p50_ms: pct(v, 50), p99_ms: pct(v, 99) }]));
const elapsed = (Date.now() - started) / 1000;
const total = Array.from(timeline).reduce((a, s) => a + (s?.ok ?? 0), 0);
if (process.env.SCALE_ACKS) fs.writeFileSync(process.env.SCALE_ACKS, JSON.stringify(acks));
process.stdout.write(JSON.stringify({ started_at: started, seconds: elapsed, requests: total, requests_per_second: Math.round((total / elapsed) * 10) / 10, actions, errors, timeline: Array.from(timeline, (s) => [s?.ok ?? 0, s?.failed ?? 0]) }));
