// The authorisation matrix (issue 12): every operation of the OpenAPI document × anonymous /
// an official of another office / a same-office account without any role / the right user, on
// one office's objects (built from the demo data) and on ids that exist nowhere.
//
// Rules checked for every operation:
//   - anonymous: 401 UNAUTHENTICATED unless the operation is declared public;
//   - nobody ever gets a 5xx, whatever the body;
//   - another office's official on an object of the Setda / Diskominfo: 404 (or the same refusal
//     a made-up id gets, when a role gate answers before the lookup), never 2xx — nothing tells
//     an existing foreign object from a made-up one;
//   - a Setda account without any role: 403/404 for everything but the self-service operations;
//   - the right user reads his own office's object (200): the fixtures are real.
// Bodies are generated from each operation's JSON schema (valid, with the fixture ids), so a
// refusal cannot hide behind body validation.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoIds } from '../../src/server/demo/seedDemo.js';
import { DEMO_PASSWORD } from '../../src/server/org/demoOrg.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/org/users.js';
import { insertHolder } from '../../src/server/org/positions.js';
import { isoDateIn } from '../../src/shared/dates.js';
import { createTestApp, loginAs, type Client, type TestApp } from '../helpers/testApp.js';
import { DEMO_PASSPHRASE, pdfDraft, pos, simpleLetterPdf, typeId, upload } from '../helpers/documents.js';
import { multipart } from '../helpers/multipart.js';
import { letterPdf } from '../helpers/scans.js';
import { isPublicOperation, operationsOf, type JsonSchema, type Operation } from '../helpers/publicOperations.js';

let t: TestApp;
let ids: DemoIds;
let ops: Operation[] = [];
const c: Record<string, Client> = {};
let today: string;
let registration: Record<string, unknown>;
/** Path parameter values per route: the Setda's / Diskominfo's objects. */
const own = new Map<string, string>();
const NO_ROLE = 'tanpa.peran';

// Operations an account without any role may use: its own session, profile, 2FA, the org chart
// and catalogues everyone reads, and lists that show only what the visibility rule lets it see
// (checked below to be empty for it).
const SELF_SERVICE = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/logout-all',
  'GET /api/v1/me',
  'PATCH /api/v1/me/preferences',
  'GET /api/v1/me/sessions',
  'DELETE /api/v1/me/sessions/{id}',
  'POST /api/v1/auth/reauth',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/totp/setup',
  'POST /api/v1/auth/totp/confirm',
  'POST /api/v1/auth/totp/disable',
  'POST /api/v1/auth/recovery-codes',
  'GET /api/v1/me/notification-preferences',
  'PUT /api/v1/me/notification-preferences',
  'GET /api/v1/org/units',
  'GET /api/v1/org/units/{id}',
  'GET /api/v1/org/positions',
  'GET /api/v1/org/users',
  'GET /api/v1/org/users/{id}',
  'GET /api/v1/document-types',
  'GET /api/v1/letterheads',
  'GET /api/v1/recipient-groups',
  'GET /api/v1/archive/classifications',
  'GET /api/v1/archive/classifications/{code}',
  'GET /api/v1/disposition-instructions',
  'GET /api/v1/sop-standards',
  'GET /api/v1/servicedesk/catalogue',
  'GET /api/v1/signature/certificate',
  'GET /api/v1/workflow/suggest-chain',
  'POST /api/v1/numbering/format-preview',
  'GET /api/v1/dashboard',
  'GET /api/v1/dispositions/counts',
  // Reference data every drafter reads (the compose page shows the unit's number format).
  'GET /api/v1/numbering/units/{unitId}/settings',
  'GET /api/v1/archive/classifications/export',
  // Every employee may ask the Diskominfo for a service (seed 004: an official e-mail account).
  'GET /api/v1/servicedesk/address-suggestions',
  'POST /api/v1/servicedesk/phone-verifications',
  'POST /api/v1/servicedesk/phone-verifications/{id}/confirm',
  'POST /api/v1/servicedesk/tickets',
  'GET /api/v1/signature/verify',
  'POST /api/v1/signature/verify',
]);

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedDemo(t.ctx);
  today = isoDateIn(t.ctx.config.timeZone, t.ctx.now());
  ops = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());

  // A Setda account in a position of its own, without any role.
  const admin = await loginAs(t.app, t.ctx, 'admin');
  const position = await admin.post('/api/v1/org/positions', { unitId: ids.units.get('bagian-umum')!, name: 'Pramubakti Bagian Umum', level: 'pelaksana', parentPositionId: pos(ids, 'kabag-umum') });
  expect(position.statusCode, position.body).toBe(201);
  const user = await insertUser(t.ctx.database.db, { username: NO_ROLE, name: 'Tanpa Peran', nip: null, nik: null }, { hash: await hashPassword(DEMO_PASSWORD), mustChange: false });
  await insertHolder(t.ctx.database.db, { positionId: position.json().id, userId: user.id, kind: 'definitif', startsOn: '2024-01-01', decree: 'Uji' });

  for (const u of ['staf.umum', 'kabag.umum', 'kasubag.tu', 'arsip.kominfo', 'kadis.kominfo', 'kasubag.perkimta', 'kadis.perkimta', NO_ROLE]) c[u] = await loginAs(t.app, t.ctx, u);
  c.admin = admin;

  // Outgoing letter of the Setda, submitted to its verifier.
  const surat = await typeId(c['staf.umum']!, 'surat');
  const doc = await pdfDraft(c['staf.umum']!, {
    documentTypeId: surat,
    hal: 'Rapat koordinasi matriks akses',
    recipients: [{ role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') }],
    verifierPositionIds: [pos(ids, 'kabag-umum')],
    signerPositionId: pos(ids, 'sekda'),
  });
  const att = await upload(c['staf.umum']!, `/api/v1/documents/${doc}/attachments`, { version: (await c['staf.umum']!.get(`/api/v1/documents/${doc}`)).json().version }, [
    { field: 'file', filename: 'lampiran.pdf', content: await simpleLetterPdf('Lampiran') },
  ]);
  expect(att.statusCode, att.body).toBe(201);
  const d = (await c['staf.umum']!.get(`/api/v1/documents/${doc}`)).json();
  await c['staf.umum']!.post(`/api/v1/documents/${doc}/submit`, { version: d.version });
  own.set('documents.id', doc);
  own.set('documents.fileId', d.versions[0].pdfFileId);
  own.set('documents.attachmentId', d.attachments?.[0]?.id ?? randomUUID());

  // Incoming letter of the Diskominfo, sent to the Kepala Dinas and disposed to a Kabid.
  const scan = await letterPdf(['DINAS PENDIDIKAN KABUPATEN CONTOH', 'Hal : Permohonan akun e-mail']);
  registration = {
    sender: { instansi: 'Dinas Pendidikan Kabupaten Contoh', jabatan: 'Kepala Dinas', name: 'Drs. Sugeng' },
    letterNumber: '045/1/DIKBUD/2026',
    letterDate: today,
    hal: 'Permohonan akun e-mail sekolah',
    sifat: 'biasa',
    urgensi: 'biasa',
    classificationCode: '000.6',
    addressedPositionId: pos(ids, 'kadis-kominfo'),
  };
  const reg = await upload(c['arsip.kominfo']!, '/api/v1/incoming-letters', { data: JSON.stringify(registration) }, [{ field: 'scan', filename: 'surat.pdf', content: scan }]);
  expect(reg.statusCode, reg.body).toBe(201);
  const letter = reg.json().id as string;
  const l0 = (await c['arsip.kominfo']!.get(`/api/v1/incoming-letters/${letter}`)).json();
  expect((await c['arsip.kominfo']!.post(`/api/v1/incoming-letters/${letter}/send`, { version: l0.version })).statusCode).toBe(200);
  const disp = await c['kadis.kominfo']!.post(`/api/v1/incoming-letters/${letter}/dispositions`, { receiverPositionIds: [pos(ids, 'kabid-sp')], instructions: ['diketahui'] });
  expect(disp.statusCode, disp.body).toBe(201);
  const l1 = (await c['kadis.kominfo']!.get(`/api/v1/incoming-letters/${letter}`)).json();
  own.set('incoming.id', letter);
  own.set('incoming.nodeId', l1.dispositions[0].id);

  // A second Setda letter, approved and signed: its number entry, its archive record, and a bulk
  // signing batch of the Sekda's (refused passphrase, so it only records the attempt).
  for (const u of ['sekda']) c[u] = await loginAs(t.app, t.ctx, u);
  const signedDoc = await pdfDraft(c['staf.umum']!, {
    documentTypeId: surat,
    hal: 'Surat bertanda tangan matriks akses',
    // An external addressee too: the signed letter waits in the Setda's outbox (a dispatch).
    recipients: [
      { role: 'to', kind: 'position', positionId: pos(ids, 'kadis-kominfo') },
      { role: 'to', kind: 'external', externalName: 'Kepala Kantor Pos Contoh', externalAddress: 'Jl. Pemuda 1' },
    ],
    verifierPositionIds: [pos(ids, 'kabag-umum')],
    signerPositionId: pos(ids, 'sekda'),
    submit: true,
  });
  const ap = await c['kabag.umum']!.post(`/api/v1/documents/${signedDoc}/approve`, { version: (await c['kabag.umum']!.get(`/api/v1/documents/${signedDoc}`)).json().version });
  expect(ap.statusCode, ap.body).toBe(200);
  const sg = await c['sekda']!.post(`/api/v1/documents/${signedDoc}/sign`, { version: ap.json().version, passphrase: DEMO_PASSPHRASE });
  expect(sg.statusCode, sg.body).toBe(200);
  // A batch of the Sekda (its one letter is signed already, so the run only records that).
  const bulk = await c['sekda']!.post('/api/v1/documents/sign-bulk', { items: [{ id: signedDoc, version: sg.json().version }], passphrase: DEMO_PASSPHRASE });
  expect(bulk.statusCode, bulk.body).toBe(202);
  // An archive berkas of the Setda, opened by its records officer.
  const berkas = await c['kasubag.tu']!.post('/api/v1/archive/berkas', { unitId: ids.units.get('setda')!, classificationCode: '000.1', year: Number(today.slice(0, 4)), activity: 'Rapat koordinasi matriks akses' });
  expect(berkas.statusCode, berkas.body).toBe(201);
  // A loan of that berkas to one of the Setda's staff.
  const loan = await c['kasubag.tu']!.post('/api/v1/archive/loans', { berkasId: berkas.json().id, borrowerUserId: ids.users.get('staf.umum')!, purpose: 'Bahan rapat matriks akses', dueOn: today });
  expect(loan.statusCode, loan.body).toBe(201);

  // A service request of a Setda official (his WhatsApp number proven: the code step is the
  // service desk's own test), which is an incoming letter of the Diskominfo.
  const verification = (
    await t.ctx.database.db.execute<{ id: string }>(sql`
      insert into service_phone_verifications (id, user_id, purpose, whatsapp, code_hash, expires_at, verified_at, created_at)
      values (gen_random_uuid(), ${ids.users.get('staf.umum')!}, 'request', '6281234500099', 'x', now() + interval '1 hour', now(), now()) returning id::text`)
  ).rows[0]!.id;
  const ticket = await upload(c['staf.umum']!, '/api/v1/servicedesk/tickets', { serviceKey: 'email-kedinasan', applicantName: 'Staf Umum Setda', nip: '199202142017081001', unitId: ids.units.get('bagian-umum')!, positionTitle: 'Pelaksana', desiredAddress: 'staf.umum.matriks', whatsappVerificationId: verification }, [
    { field: 'file', filename: 'surat-permohonan.pdf', content: await simpleLetterPdf('Surat permohonan'), contentType: 'application/pdf' },
  ]);
  expect(ticket.statusCode, ticket.body).toBe(201);

  // Rows other modules hold for the Setda / Diskominfo / its users, where the demo has them.
  const first = async (q: ReturnType<typeof sql>) => ((await t.ctx.database.db.execute(q)).rows[0] as { id?: string } | undefined)?.id;
  const setdaUnits = sql`(select id from units where id = ${ids.units.get('setda')!} or parent_id = ${ids.units.get('setda')!})`;
  void setdaUnits;
  const put = (k: string, v: string | undefined) => own.set(k, v ?? randomUUID());
  put('berkas', berkas.json().id as string);
  put('record', await first(sql`select id::text from archive_records where source_id = ${letter}::uuid`));
  put('signedDoc', signedDoc);
  // A destruction proposal of the Bagian Umum (Setda), waiting for the Kepala ANRI's approval.
  put(
    'disposal',
    await first(sql`insert into archive_disposals (id, kind, unit_id, status, panitia_user_ids, needs_anri_approval, created_by_user_id)
      values (gen_random_uuid(), 'musnah', ${ids.units.get('bagian-umum')!}::uuid, 'usul', array[${ids.users.get('kasubag.tu')!}::uuid], true, ${ids.users.get('kabag.umum')!}::uuid) returning id::text`),
  );
  put('loan', loan.json().id as string);
  put('ticket', ticket.json().id as string);
  put('entry', await first(sql`select id::text from number_entries where document_id = ${signedDoc} limit 1`));
  put('dispatch', await first(sql`select id::text from document_dispatches where document_id = ${signedDoc}::uuid limit 1`));
  put('signBatch', bulk.json().batchId as string);
  put('sigBatch', await first(sql`select id::text from signature_batches limit 1`));
  put('session', await first(sql`select s.id::text from sessions s where s.user_id = ${ids.users.get('staf.umum')!} limit 1`));
  put('holder', await first(sql`select id::text from position_holders where user_id = ${ids.users.get('staf.umum')!} limit 1`));
  put('grant', await first(sql`select id::text from role_grants where user_id = ${ids.users.get('staf.umum')!} limit 1`));
  put('docType', surat);
  put('sop', await first(sql`select id::text from sop_time_standards limit 1`));
}, 300_000);
afterAll(async () => t?.close());

/** Path parameters of an operation filled with the Setda's / Diskominfo's objects. */
function ownParams(path: string): Record<string, string> {
  const o = (k: string) => own.get(k)!;
  const p = path.replace(/^\/api\/v1/, '');
  if (p.startsWith('/documents/{id}')) return { id: o('documents.id'), fileId: o('documents.fileId'), attachmentId: o('documents.attachmentId') };
  if (p.startsWith('/incoming-letters/from-document/') || p.startsWith('/incoming-letters/of-document/')) return { id: o('documents.id') };
  if (p.startsWith('/incoming-letters/{id}')) return { id: o('incoming.id'), nodeId: o('incoming.nodeId'), fileId: randomUUID() };
  if (p.startsWith('/archive/berkas/')) return { id: o('berkas') };
  if (p.startsWith('/archive/records/')) return { id: o('record'), index: '0' };
  if (p.startsWith('/archive/disposals/')) return { id: o('disposal'), which: 'berita-acara' };
  if (p.startsWith('/archive/loans/')) return { id: o('loan') };
  if (p.startsWith('/archive/classifications/')) return { code: '000.1' };
  if (p.startsWith('/servicedesk/tickets/')) return { id: o('ticket') };
  if (p.startsWith('/numbering/entries/')) return { id: o('entry') };
  if (p.startsWith('/numbering/units/')) return { unitId: ids.units.get('setda')! };
  if (p.startsWith('/mail-intake/mailboxes/')) return { unitId: ids.units.get('kominfo')! };
  if (p.startsWith('/dispatches/')) return { id: o('dispatch') };
  if (p.startsWith('/sign-batches/')) return { id: o('signBatch') };
  if (p.startsWith('/signature/batches/')) return { id: o('sigBatch'), itemId: randomUUID() };
  if (p.startsWith('/signature/users/')) return { userId: ids.users.get('sekda')! };
  if (p.startsWith('/me/sessions/')) return { id: o('session') };
  if (p.startsWith('/org/units/')) return { id: ids.units.get('setda')! };
  if (p.startsWith('/org/positions/')) return { id: pos(ids, 'staf-umum') };
  if (p.startsWith('/org/users/')) return { id: ids.users.get('staf.umum')! };
  if (p.startsWith('/org/holders/')) return { id: o('holder') };
  if (p.startsWith('/org/roles/')) return { id: o('grant') };
  if (p.startsWith('/document-types/')) return { id: o('docType') };
  if (p.startsWith('/sop-standards/')) return { id: o('sop') };
  return {};
}

/** Routes whose object belongs to one office (or one user): outsiders must not tell it from a made-up id. */
const OFFICE_OBJECT = /^\/api\/v1\/(documents\/\{id\}|incoming-letters\/(\{id\}|from-document|of-document)|archive\/(berkas|records|disposals|loans)\/\{id\}|servicedesk\/tickets\/\{id\}|numbering\/entries\/\{id\}|dispatches\/\{id\}|sign-batches\/\{id\}|signature\/batches\/\{id\}|me\/sessions\/\{id\})/;

/** Lookups that answer with what the caller may see of an object (nothing, for an outsider): the same answer as for a made-up id. */
const FILTERED_LOOKUP = new Set(['GET /api/v1/incoming-letters/of-document/{id}']);

/** Lists the account without roles may call: 200, but empty (or a CSV header) for it. */
const FILTERED_LIST = new Set([
  'GET /api/v1/sign-batches',
  'GET /api/v1/archive/berkas',
  'GET /api/v1/archive/loans',
  'GET /api/v1/archive/disposals',
  'GET /api/v1/archive/reports/retention',
  'GET /api/v1/sop-report/units',
  'GET /api/v1/mail-intake/mailboxes',
  'GET /api/v1/servicedesk/tickets',
  'GET /api/v1/servicedesk/tickets.csv',
  'GET /api/v1/documents',
  'GET /api/v1/inbox',
  'GET /api/v1/incoming/inbox',
  'GET /api/v1/dispositions',
  'GET /api/v1/search',
]);

/** Nothing listed: every array in the answer is empty, every count 0; a CSV has only its header. */
function isEmptyAnswer(r: LightMyRequestResponse): boolean {
  if (/text\/csv/.test(String(r.headers['content-type']))) return r.body.replace(/^\uFEFF/, '').trim().split('\n').length <= 1;
  const walk = (v: unknown, k = ''): boolean => {
    if (Array.isArray(v)) return v.length === 0;
    if (v && typeof v === 'object') return Object.entries(v).every(([kk, vv]) => walk(vv, kk));
    if (typeof v === 'number') return !/^(total|count|[a-z]*Count|unread|overdue|due[A-Za-z]*)$/.test(k) || v === 0;
    return true;
  };
  return walk(r.json());
}

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? randomUUID()));
}

/** A value valid for a JSON schema, with ids of the fixtures where the property names one. */
function sample(s: JsonSchema | undefined, name = ''): unknown {
  if (!s) return undefined;
  if (s.enum) return s.enum[0];
  if (s.allOf?.length) return sample(s.allOf[0], name);
  if (s.anyOf?.length) return sample(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0], name);
  if (s.oneOf?.length) return sample(s.oneOf[0], name);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], k);
      return out;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, () => sample(s.items, name));
    }
    case 'integer':
    case 'number': {
      if (s.default !== undefined) return s.default;
      const min = typeof s.minimum === 'number' ? s.minimum + (s.exclusiveMinimum === true ? 1 : 0) : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
      return Math.max(min, 1) <= (s.maximum ?? Infinity) ? Math.max(min, 1) : min;
    }
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date' || /date$|Date$|On$/.test(name)) return today;
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'uji@contohkab.go.id';
      if (/month/i.test(name)) return today.slice(0, 7);
      if (/passphrase/i.test(name)) return 'Salah-Sekali-2026';
      if (/password/i.test(name)) return 'Salah-Sekali-2026';
      const len = Math.min(Math.max(s.minLength ?? 1, 12), s.maxLength ?? 12);
      return 'uji matriks akses'.padEnd(len, 'x').slice(0, Math.max(len, s.minLength ?? 1));
    }
    default:
      return undefined;
  }
}

function idFor(name: string): string {
  const n = name.replace(/Ids?$/, '');
  if (n === 'unit') return ids.units.get('setda')!;
  if (/position$/i.test(n)) return pos(ids, 'staf-umum');
  if (/user$/i.test(n)) return ids.users.get('staf.umum')!;
  if (/document$/i.test(n)) return own.get('documents.id')!;
  if (n === 'documentType') return own.get('docType')!;
  if (n === 'berkas') return own.get('berkas')!;
  return randomUUID();
}

function queryFor(op: Operation, params: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const p of op.op.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue;
    if (p.name === 'unitId') q.set(p.name, params.unitId ?? ids.units.get('setda')!);
    else if (p.name === 'from') q.set(p.name, `${today.slice(0, 4)}-01-01`);
    else if (p.name === 'to') q.set(p.name, today);
    else q.set(p.name, String(sample(p.schema, p.name)));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

let pdfBytes: Uint8Array;
async function call(cl: Client | null, op: Operation, params: Record<string, string>): Promise<LightMyRequestResponse> {
  const url = fill(op.path, params) + queryFor(op, params);
  const method = op.method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  const json = op.op.requestBody?.content?.['application/json']?.schema;
  let body: Buffer | string | undefined;
  let headers: Record<string, string> = {};
  if (json) {
    body = JSON.stringify(sample(json) ?? {});
    headers['content-type'] = 'application/json';
  } else if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    // The multipart uploads: a version, a data field and a small PDF under the usual names.
    pdfBytes ??= await simpleLetterPdf('Uji matriks akses');
    const incoming = op.path.startsWith('/api/v1/incoming-letters');
    const m = multipart({ version: 1, data: JSON.stringify(incoming ? registration : {}), note: 'uji', text: 'Sudah ditindaklanjuti' }, [
      { field: incoming ? 'scan' : 'file', filename: 'uji.pdf', content: pdfBytes, contentType: 'application/pdf' },
    ]);
    body = m.body;
    headers = m.headers;
  }
  if (!cl) return t.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
  return cl.request(method, url, body, headers);
}

const key = (op: Operation) => `${op.method} ${op.path}`;
const brief = (r: LightMyRequestResponse) => `${r.statusCode} ${r.body.slice(0, 140)}`;
const codeOf = (r: LightMyRequestResponse) => {
  try {
    return (r.json() as { code?: string }).code;
  } catch {
    return undefined;
  }
};

describe('authorisation matrix over the OpenAPI document', () => {
  it('finds the operations and fixtures', () => {
    expect(ops.length).toBeGreaterThan(150);
    expect(own.get('documents.id')).toBeTruthy();
  });

  it('anonymous: 401 on every non-public operation', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      if (isPublicOperation(op.method, op.path)) continue;
      const r = await call(null, op, ownParams(op.path));
      if (r.statusCode !== 401 || codeOf(r) !== 'UNAUTHENTICATED') wrong.push(`${key(op)}: ${brief(r)}`);
    }
    expect(wrong).toEqual([]);
  });

  for (const outsider of ['kasubag.perkimta', 'kadis.perkimta']) {
    it(`${outsider} (Disperkimta) cannot tell another office's objects from made-up ids, and never gets a 5xx`, async () => {
      const wrong: string[] = [];
      for (const op of ops) {
        if (isPublicOperation(op.method, op.path) || !OFFICE_OBJECT.test(op.path)) continue;
        const params = ownParams(op.path);
        const foreign = await call(c[outsider]!, op, params);
        const made = await call(c[outsider]!, op, Object.fromEntries(Object.keys(params).map((k) => [k, k === 'index' || k === 'which' ? params[k]! : randomUUID()])));
        if (foreign.statusCode >= 500 || made.statusCode >= 500) wrong.push(`${key(op)}: 5xx ${brief(foreign)} / ${brief(made)}`);
        else if (FILTERED_LOOKUP.has(key(op))) {
          if (foreign.statusCode !== made.statusCode || foreign.body !== made.body) wrong.push(`${key(op)}: foreign ${brief(foreign)} but made-up ${brief(made)}`);
        } else if (foreign.statusCode === 400 && codeOf(foreign) === 'VALIDATION_FAILED') {
          // The request's shape refused before any lookup: must not depend on the object.
          if (made.statusCode !== 400 || codeOf(made) !== 'VALIDATION_FAILED') wrong.push(`${key(op)}: foreign ${brief(foreign)} but made-up ${brief(made)}`);
        } else if (foreign.statusCode !== 404 && !(foreign.statusCode === 403 && made.statusCode === 403)) wrong.push(`${key(op)}: ${brief(foreign)}`);
        else if (foreign.statusCode !== made.statusCode || codeOf(foreign) !== codeOf(made)) wrong.push(`${key(op)}: foreign ${brief(foreign)} but made-up ${brief(made)}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('an account without any role is refused everything but self-service, and never gets a 5xx', async () => {
    const wrong: string[] = [];
    for (const op of ops) {
      if (isPublicOperation(op.method, op.path)) continue;
      if (op.path.startsWith('/api/v1/auth/') || op.path === '/api/v1/me/sessions/{id}') continue; // would end its own session
      const params = ownParams(op.path);
      const r = await call(c[NO_ROLE]!, op, params);
      if (r.statusCode >= 500) wrong.push(`${key(op)}: ${brief(r)}`);
      else if (OFFICE_OBJECT.test(op.path) && !FILTERED_LOOKUP.has(key(op))) {
        // His own office's object: refused exactly as a made-up id is.
        const made = await call(c[NO_ROLE]!, op, Object.fromEntries(Object.keys(params).map((k) => [k, k === 'index' || k === 'which' ? params[k]! : randomUUID()])));
        if (![403, 404].includes(r.statusCode) && !(r.statusCode === 400 && codeOf(r) === 'VALIDATION_FAILED')) wrong.push(`${key(op)}: ${brief(r)}`);
        else if (r.statusCode !== made.statusCode || codeOf(r) !== codeOf(made)) wrong.push(`${key(op)}: own-office ${brief(r)} but made-up ${brief(made)}`);
      }
      else if (FILTERED_LIST.has(key(op)) || FILTERED_LOOKUP.has(key(op))) {
        if (r.statusCode !== 200 || !isEmptyAnswer(r)) wrong.push(`${key(op)} lists something: ${brief(r)}`);
      } else if (SELF_SERVICE.has(key(op))) continue;
      // A request refused for its shape (before anything is looked up) tells nothing either.
      else if (!([403, 404].includes(r.statusCode) || (r.statusCode === 400 && codeOf(r) === 'VALIDATION_FAILED'))) wrong.push(`${key(op)}: ${brief(r)}`);
    }
    expect(wrong).toEqual([]);
    // The lists it may call show it nothing of the Setda's letters.
    const docs = (await c[NO_ROLE]!.get('/api/v1/documents?box=all')).json();
    expect(docs.total ?? docs.items?.length ?? 0).toBe(0);
    const found = await c[NO_ROLE]!.get(`/api/v1/search?q=${encodeURIComponent('matriks akses')}`);
    expect(found.statusCode).toBeLessThan(500);
    expect(found.body).not.toContain('Rapat koordinasi matriks akses');
  });

  it('the right users read their own office’s objects', async () => {
    const reads: Array<[string, string]> = [
      ['staf.umum', `/api/v1/documents/${own.get('documents.id')}`],
      ['kabag.umum', `/api/v1/documents/${own.get('documents.id')}`],
      ['staf.umum', `/api/v1/documents/${own.get('documents.id')}/files/${own.get('documents.fileId')}`],
      ['arsip.kominfo', `/api/v1/incoming-letters/${own.get('incoming.id')}`],
      ['kadis.kominfo', `/api/v1/incoming-letters/${own.get('incoming.id')}/file`],
      ['kasubag.tu', `/api/v1/numbering/units/${ids.units.get('setda')}/settings`],
      ['admin', `/api/v1/org/users/${ids.users.get('staf.umum')}`],
      ['kasubag.tu', `/api/v1/archive/berkas/${own.get('berkas')}`],
      ['sekda', `/api/v1/sign-batches/${own.get('signBatch')}`],
      ['arsip.kominfo', `/api/v1/archive/records/${own.get('record')}`],
      ['kasubag.tu', `/api/v1/dispatches/${own.get('dispatch')}/tanda-terima.pdf`],
      ['staf.umum', `/api/v1/servicedesk/tickets/${own.get('ticket')}`],
      ['kadis.kominfo', `/api/v1/servicedesk/tickets/${own.get('ticket')}`],
    ];
    for (const [u, url] of reads) {
      const r = await c[u]!.get(url);
      expect(r.statusCode, `${u} ${url}: ${r.body.slice(0, 200)}`).toBe(200);
    }
  });

  it('signed-in users with every role never get a 5xx from a valid request', async () => {
    const wrong: string[] = [];
    for (const u of ['staf.umum', 'kabag.umum', 'arsip.kominfo', 'admin']) {
      for (const op of ops) {
        if (op.method !== 'GET' || isPublicOperation(op.method, op.path)) continue;
        const r = await call(c[u]!, op, ownParams(op.path));
        if (r.statusCode >= 500) wrong.push(`${u} ${key(op)}: ${brief(r)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('multipart limits', () => {
  it('too many files in one upload is a 400 that says so, not "file too large"', async () => {
    pdfBytes ??= await simpleLetterPdf('Uji matriks akses');
    const m = multipart({ version: 1 }, [
      { field: 'file', filename: 'a.pdf', content: pdfBytes, contentType: 'application/pdf' },
      { field: 'file', filename: 'b.pdf', content: pdfBytes, contentType: 'application/pdf' },
    ]);
    // The Setda's own proposal: the upload is read only once the officer is authorised for it.
    const r = await c['kasubag.tu']!.request('POST', `/api/v1/archive/disposals/${own.get('disposal')!}/anri-approval`, m.body, m.headers);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ message: expect.stringMatching(/Terlalu banyak berkas/) }] } });
  });
});
