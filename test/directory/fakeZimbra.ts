// A local Zimbra admin SOAP endpoint (JSON form) built from the documented request and response
// shapes: AuthRequest, GetAccountRequest, CreateAccountRequest, SetPasswordRequest,
// ModifyAccountRequest; faults as Body.Fault with Detail.Error.Code. Keeps accounts in memory.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface FakeZimbraAccount {
  id: string;
  name: string;
  password: string;
  attrs: Record<string, string>;
}

// Attributes this fake's schema knows (a real server knows many more; unknown ones are refused).
const KNOWN = new Set(['displayName', 'givenName', 'sn', 'employeeNumber', 'ou', 'title', 'zimbraPasswordMustChange', 'zimbraCOSId', 'zimbraMailQuota', 'zimbraAccountStatus', 'mail']);

export interface FakeZimbra {
  url: string;
  accounts: Map<string, FakeZimbraAccount>;
  requests: Array<{ name: string; body: Record<string, unknown> }>;
  /** Answer every request with HTTP 503 (server down behind a proxy). */
  down: boolean;
  stop(): Promise<void>;
}

export async function startFakeZimbra(opts: { admin?: { user: string; password: string }; minLength?: number; unknownAttrs?: string[] } = {}): Promise<FakeZimbra> {
  const admin = opts.admin ?? { user: 'admin@contoh.go.id', password: 'zimbra-admin' };
  const minLength = opts.minLength ?? 10;
  const known = new Set([...KNOWN].filter((a) => !(opts.unknownAttrs ?? []).includes(a)));
  const accounts = new Map<string, FakeZimbraAccount>();
  const tokens = new Set<string>();
  const requests: FakeZimbra['requests'] = [];
  const state = { down: false };
  const fault = (res: http.ServerResponse, code: string, text: string) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Body: { Fault: { Code: { Value: 'soap:Sender' }, Reason: { Text: text }, Detail: { Error: { Code: code, _jsns: 'urn:zimbra' } } } }, _jsns: 'urn:zimbraSoap' }));
  };
  const ok = (res: http.ServerResponse, name: string, body: Record<string, unknown>) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Header: { context: { _jsns: 'urn:zimbra' } }, Body: { [`${name}Response`]: { _jsns: 'urn:zimbraAdmin', ...body } }, _jsns: 'urn:zimbraSoap' }));
  };
  const view = (a: FakeZimbraAccount) => ({ name: a.name, id: a.id, a: Object.entries(a.attrs).map(([n, v]) => ({ n, _content: v })) });
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (state.down) {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html>503 Service Unavailable</html>');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/service/admin/soap') return fault(res, 'service.UNKNOWN_DOCUMENT', 'unknown document');
      const env = JSON.parse(raw) as { Header?: { context?: { authToken?: { _content?: string } } }; Body: Record<string, Record<string, unknown>> };
      const [reqName, body] = Object.entries(env.Body)[0]!;
      const name = reqName.replace(/Request$/, '');
      requests.push({ name, body });
      if (body._jsns !== 'urn:zimbraAdmin') return fault(res, 'service.INVALID_REQUEST', 'wrong namespace');
      if (name === 'Auth') {
        if (body.name !== admin.user || body.password !== admin.password) return fault(res, 'account.AUTH_FAILED', `authentication failed for [${String(body.name)}]`);
        const t = randomUUID();
        tokens.add(t);
        return ok(res, 'Auth', { authToken: [{ _content: t }], lifetime: 43199998 });
      }
      const token = env.Header?.context?.authToken?._content;
      if (!token || !tokens.has(token)) return fault(res, 'service.AUTH_REQUIRED', 'no valid authtoken present');
      const attrList = (body.a as Array<{ n: string; _content: string }> | undefined) ?? [];
      for (const a of attrList) if (!known.has(a.n)) return fault(res, 'account.INVALID_ATTR_NAME', `invalid attr name: ${a.n}`);
      const byId = (id: unknown) => [...accounts.values()].find((a) => a.id === id);
      switch (name) {
        case 'GetAccount': {
          const sel = body.account as { by: string; _content: string };
          const a = sel.by === 'id' ? byId(sel._content) : accounts.get(sel._content.toLowerCase());
          if (!a) return fault(res, 'account.NO_SUCH_ACCOUNT', `no such account: ${sel._content}`);
          return ok(res, 'GetAccount', { account: [view(a)] });
        }
        case 'CreateAccount': {
          const n = String(body.name).toLowerCase();
          if (accounts.has(n)) return fault(res, 'account.ACCOUNT_EXISTS', `email address already exists: ${n}`);
          const pw = String(body.password ?? '');
          if (pw.length < minLength) return fault(res, 'account.INVALID_PASSWORD', 'invalid password: too short');
          const a: FakeZimbraAccount = { id: randomUUID(), name: n, password: pw, attrs: Object.fromEntries(attrList.map((x) => [x.n, x._content])) };
          a.attrs.mail = n;
          accounts.set(n, a);
          return ok(res, 'CreateAccount', { account: [view(a)] });
        }
        case 'SetPassword': {
          const a = byId(body.id);
          if (!a) return fault(res, 'account.NO_SUCH_ACCOUNT', `no such account: ${String(body.id)}`);
          const pw = String(body.newPassword ?? '');
          if (pw.length < minLength) return fault(res, 'account.INVALID_PASSWORD', `invalid password: too short, minimum length is ${minLength}`);
          a.password = pw;
          return ok(res, 'SetPassword', {});
        }
        case 'ModifyAccount': {
          const a = byId(body.id);
          if (!a) return fault(res, 'account.NO_SUCH_ACCOUNT', `no such account: ${String(body.id)}`);
          for (const x of attrList) a.attrs[x.n] = x._content;
          return ok(res, 'ModifyAccount', { account: [view(a)] });
        }
        default:
          return fault(res, 'service.UNKNOWN_DOCUMENT', `unknown document: ${reqName}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/service/admin/soap`,
    accounts,
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
