// A local Google Workspace Directory API built from its documented shapes: the OAuth 2.0
// JWT-bearer token endpoint (checks the RS256 signature, audience and scope), users.get,
// users.insert (409 "Entity already exists." on a duplicate) and users.update; errors as
// {error:{code,message,errors:[{reason}]}}. Keeps users in memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVerify, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { GoogleServiceAccountKey } from '../../src/server/directory/googleDirectory.js';

export interface FakeGoogleUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string };
  password: string;
  changePasswordAtNextLogin: boolean;
  orgUnitPath: string;
  suspended: boolean;
  externalIds: Array<{ type: string; value: string }>;
}

export interface FakeGoogle {
  baseUrl: string;
  key: GoogleServiceAccountKey;
  users: Map<string, FakeGoogleUser>;
  requests: Array<{ method: string; path: string; body: unknown }>;
  down: boolean;
  stop(): Promise<void>;
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const users = new Map<string, FakeGoogleUser>();
  const tokens = new Set<string>();
  const requests: FakeGoogle['requests'] = [];
  const state = { down: false, port: 0 };
  const err = (res: http.ServerResponse, code: number, message: string, reason: string) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code, message, errors: [{ domain: 'global', reason, message }] } }));
  };
  const json = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const view = (u: FakeGoogleUser) => {
    const { password: _pw, ...rest } = u;
    return { kind: 'admin#directory#user', ...rest };
  };
  const find = (key: string) => users.get(key.toLowerCase()) ?? [...users.values()].find((u) => u.id === key);
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (state.down) return err(res, 503, 'Service unavailable', 'backendError');
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = new URLSearchParams(raw);
        const jwt = form.get('assertion') ?? '';
        const [h, c, s] = jwt.split('.');
        const valid = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, Buffer.from(s ?? '', 'base64url'));
        const claims = JSON.parse(Buffer.from(c ?? '', 'base64url').toString()) as { aud?: string; scope?: string; sub?: string };
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || !valid || claims.aud !== `http://127.0.0.1:${state.port}/token` || !claims.sub) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }));
        }
        if (!claims.scope?.split(' ').includes('https://www.googleapis.com/auth/admin.directory.user')) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ error: 'unauthorized_client' }));
        }
        const t = `ya29.${randomUUID()}`;
        tokens.add(t);
        return json(res, { access_token: t, expires_in: 3599, token_type: 'Bearer' });
      }
      const auth = req.headers.authorization?.replace(/^Bearer /, '');
      if (!auth || !tokens.has(auth)) return err(res, 401, 'Invalid Credentials', 'authError');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      requests.push({ method: req.method ?? '', path: url.pathname, body });
      const m = /^\/admin\/directory\/v1\/users(?:\/([^/]+))?$/.exec(url.pathname);
      if (!m) return err(res, 404, 'Not Found', 'notFound');
      const key = m[1] ? decodeURIComponent(m[1]) : undefined;
      if (req.method === 'GET' && key) {
        const u = find(key);
        return u ? json(res, view(u)) : err(res, 404, 'Resource Not Found: userKey', 'notFound');
      }
      if (req.method === 'POST' && !key && body) {
        const email = String(body.primaryEmail ?? '').toLowerCase();
        const name = body.name as { givenName?: string; familyName?: string } | undefined;
        if (!email || !name?.givenName || !name.familyName) return err(res, 400, 'Invalid Input: primary_user_email', 'invalid');
        if (users.has(email)) return err(res, 409, 'Entity already exists.', 'duplicate');
        const pw = String(body.password ?? '');
        if (pw.length < 8 || pw.length > 100) return err(res, 400, 'Invalid Password', 'invalid');
        const orgUnitPath = String(body.orgUnitPath ?? '/');
        if (!orgUnitPath.startsWith('/')) return err(res, 400, 'Invalid Input: orgUnitPath', 'invalid');
        const u: FakeGoogleUser = {
          id: String(Math.floor(Math.random() * 1e20)),
          primaryEmail: email,
          name: { givenName: name.givenName, familyName: name.familyName },
          password: pw,
          changePasswordAtNextLogin: body.changePasswordAtNextLogin === true,
          orgUnitPath,
          suspended: false,
          externalIds: (body.externalIds as FakeGoogleUser['externalIds']) ?? [],
        };
        users.set(email, u);
        return json(res, view(u));
      }
      if ((req.method === 'PUT' || req.method === 'PATCH') && key && body) {
        const u = find(key);
        if (!u) return err(res, 404, 'Resource Not Found: userKey', 'notFound');
        if (body.password !== undefined) {
          const pw = String(body.password);
          if (pw.length < 8 || pw.length > 100) return err(res, 400, 'Invalid Password', 'invalid');
          u.password = pw;
        }
        if (typeof body.changePasswordAtNextLogin === 'boolean') u.changePasswordAtNextLogin = body.changePasswordAtNextLogin;
        if (typeof body.suspended === 'boolean') u.suspended = body.suspended;
        return json(res, view(u));
      }
      return err(res, 400, 'Bad Request', 'invalid');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${state.port}`;
  return {
    baseUrl,
    key: { client_email: 'naskah@contoh-pemda.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: `${baseUrl}/token` },
    users,
    requests,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
