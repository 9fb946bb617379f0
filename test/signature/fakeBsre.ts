// A local stand-in for the BSrE signing service (test fixture): API v1 (multipart, Basic auth)
// and v2 (JSON/base64), user statuses, error codes 2011/2021/2031 as integrators see them.
// It really signs (PAdES with its own test CA), so returned files verify.
import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { createTestPki, type TestCert, type TestPki } from './testPki.js';

export interface FakeUser {
  nik: string;
  status: 'ISSUE' | 'EXPIRED' | 'RENEW' | 'NEW' | 'NO_CERTIFICATE' | 'SUSPEND' | 'REVOKE';
  passphrase: string;
  name: string;
}

export interface RecordedRequest {
  path: string;
  /** Fields without file contents and without the passphrase value (only whether it matched). */
  fields: Record<string, unknown>;
  files: string[];
}

export interface FakeBsre {
  url: string;
  pki: TestPki;
  users: Map<string, FakeUser>;
  certs: Map<string, TestCert>;
  requests: RecordedRequest[];
  /** Answer the next sign call with HTTP 500. */
  failNextSign: boolean;
  /** v1: answer JSON { base64_signed_file } instead of the PDF bytes. */
  v1Json: boolean;
  /** The account changed between the status check and the sign call (sign-time answer only). */
  atSignTime: Map<string, 'unregistered' | 'no_certificate'>;
  close(): Promise<void>;
}

const USER = 'naskah';
const PASSWORD = 'rahasia-bsre';
export const FAKE_BSRE_AUTH = { user: USER, password: PASSWORD };

export async function startFakeBsre(users: FakeUser[]): Promise<FakeBsre> {
  const pki = await createTestPki({ org: 'Balai Besar Sertifikasi Elektronik (uji)' });
  const app: FastifyInstance = Fastify({ bodyLimit: 50 * 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024 } });
  const fake: FakeBsre = {
    url: '',
    pki,
    users: new Map(users.map((u) => [u.nik, u])),
    certs: new Map(),
    requests: [],
    failNextSign: false,
    v1Json: false,
    atSignTime: new Map(),
    close: () => app.close(),
  };
  for (const u of users) fake.certs.set(u.nik, await pki.newSigner({ name: u.name, nik: u.nik, nip: null, title: null, unit: null }));

  app.addHook('onRequest', async (req, reply) => {
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return reply.code(401).send({ error: 'Unauthorized' });
  });

  const statusOf = (nik: string) => {
    const u = fake.users.get(nik);
    if (!u) return { status_code: 1110, status: 'NOT_REGISTERED', message: 'NIK belum terdaftar' };
    return { status_code: u.status === 'ISSUE' ? 1111 : 1112, status: u.status, message: `Status ${u.status}` };
  };

  /** BSrE's checks before signing, as error bodies with HTTP 400. */
  const check = (nik: string, passphrase: string): { status_code: number; error: string } | null => {
    const u = fake.users.get(nik);
    const changed = fake.atSignTime.get(nik);
    if (!u || changed === 'unregistered') return { status_code: 2011, error: 'Gagal melakukan tanda tangan: user tidak terdaftar' };
    if (u.status !== 'ISSUE' || changed === 'no_certificate') return { status_code: 2021, error: 'Gagal melakukan tanda tangan: sertifikat tidak ditemukan' };
    if (passphrase !== u.passphrase) return { status_code: 2031, error: 'Passphrase anda salah' };
    return null;
  };

  app.get('/api/user/status/:nik', async (req) => {
    fake.requests.push({ path: req.url, fields: {}, files: [] });
    return statusOf((req.params as { nik: string }).nik);
  });
  app.post('/api/v2/user/check/status', async (req) => {
    const body = req.body as { nik?: string };
    fake.requests.push({ path: req.url, fields: { nik: body.nik }, files: [] });
    return statusOf(body.nik ?? '');
  });

  app.post('/api/sign/pdf', async (req, reply) => {
    const fields: Record<string, string> = {};
    const files: Record<string, Buffer> = {};
    for await (const part of req.parts()) {
      if (part.type === 'file') files[part.fieldname] = await part.toBuffer();
      else fields[part.fieldname] = String(part.value);
    }
    const passphraseOk = fake.users.get(fields.nik ?? '')?.passphrase === fields.passphrase;
    fake.requests.push({ path: req.url, fields: { ...fields, passphrase: passphraseOk ? '<benar>' : '<salah>' }, files: Object.keys(files) });
    if (fake.failNextSign) {
      fake.failNextSign = false;
      return reply.code(500).send({ error: 'Internal Server Error' });
    }
    const err = check(fields.nik ?? '', fields.passphrase ?? '');
    if (err) return reply.code(400).send(err);
    if (!files.file) return reply.code(400).send({ status_code: 2001, error: 'File tidak ada' });
    const signed = Buffer.from(await pki.sign(files.file, fake.certs.get(fields.nik!)!, { level: 'B-T', reason: fields.reason, location: fields.location }));
    if (fake.v1Json) return { base64_signed_file: signed.toString('base64') };
    return reply.header('id_dokumen', `DOC-${fake.requests.length}`).type('application/pdf').send(signed);
  });

  app.post('/api/v2/sign/pdf', async (req, reply) => {
    const body = req.body as { nik?: string; passphrase?: string; signatureProperties?: Array<Record<string, unknown>>; file?: string[] };
    const passphraseOk = fake.users.get(body.nik ?? '')?.passphrase === body.passphrase;
    const props = (body.signatureProperties ?? []).map((p) => ({ ...p, imageBase64: p.imageBase64 ? `<${String(p.imageBase64).length} chars>` : undefined }));
    fake.requests.push({ path: req.url, fields: { nik: body.nik, passphrase: passphraseOk ? '<benar>' : '<salah>', signatureProperties: props, fileCount: body.file?.length ?? 0 }, files: [] });
    if (fake.failNextSign) {
      fake.failNextSign = false;
      return reply.code(500).send({ error: 'Internal Server Error' });
    }
    const err = check(body.nik ?? '', body.passphrase ?? '');
    if (err) return reply.code(400).send(err);
    const out: string[] = [];
    for (const f of body.file ?? []) out.push(Buffer.from(await pki.sign(Buffer.from(f, 'base64'), fake.certs.get(body.nik!)!, { level: 'B-T' })).toString('base64'));
    return { time: Date.now(), file: out };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as { port: number };
  fake.url = `http://127.0.0.1:${addr.port}`;
  return fake;
}
