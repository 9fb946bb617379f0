// Google Workspace Admin SDK Directory API (users.get / users.insert / users.update), with a
// service account using domain-wide delegation: a JWT signed with the key file's private key is
// exchanged at the key file's token_uri for an access token (OAuth 2.0 JWT bearer grant).
// Users are created with changePasswordAtNextLogin and the unit's orgUnitPath; the NIP is
// recorded as externalIds[{type:"organization"}] (the employee ID) to recognise a retry.
import { createSign } from 'node:crypto';
import fs from 'node:fs';
import {
  DirectoryError,
  randomTemporaryPassword,
  type AccountRef,
  type CreatedAccount,
  type Directory,
  type NewAccount,
  type PasswordPolicy,
} from './directory.js';

export interface GoogleServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri: string;
}

export interface GoogleDirectoryConfig {
  /** Service account key (JSON) or a path to it. */
  key: GoogleServiceAccountKey | string;
  /** Super-admin the service account acts for (domain-wide delegation). */
  adminSubject: string;
  /** Parent org unit, e.g. "/Pemda"; the unit's key is appended. */
  orgUnitRoot: string;
  /** API base; default https://admin.googleapis.com */
  baseUrl?: string | undefined;
  timeoutMs?: number;
}

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';

interface GUser {
  id: string;
  primaryEmail: string;
  externalIds?: Array<{ type: string; value: string }>;
}

function b64url(b: Buffer | string): string {
  return Buffer.from(b).toString('base64url');
}

export class GoogleDirectory implements Directory {
  readonly kind = 'google' as const;
  private token: { value: string; until: number } | null = null;
  private readonly key: GoogleServiceAccountKey;
  constructor(private readonly cfg: GoogleDirectoryConfig) {
    this.key = typeof cfg.key === 'string' ? (JSON.parse(fs.readFileSync(cfg.key, 'utf8')) as GoogleServiceAccountKey) : cfg.key;
  }

  private base(): string {
    return (this.cfg.baseUrl ?? 'https://admin.googleapis.com').replace(/\/+$/, '') + '/admin/directory/v1';
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now() + 60_000) return this.token.value;
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const claims = b64url(JSON.stringify({ iss: this.key.client_email, sub: this.cfg.adminSubject, scope: SCOPE, aud: this.key.token_uri, iat: now, exp: now + 3600 }));
    const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(this.key.private_key).toString('base64url');
    let res: Response;
    try {
      res = await fetch(this.key.token_uri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${header}.${claims}.${signature}` }),
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `token: ${(e as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (res.status === 400 || res.status === 401 || res.status === 403) throw new DirectoryError('DIRECTORY_AUTH_FAILED', true, `token: ${body.error ?? res.status}`);
    if (!res.ok || !body.access_token) throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `token: HTTP ${res.status}`);
    this.token = { value: body.access_token, until: Date.now() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }

  private async api(method: string, path: string, during: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const token = await this.accessToken();
    let res: Response;
    try {
      res = await fetch(this.base() + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${during}: ${(e as Error).message}`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: res.status, json };
  }

  private fail(during: string, status: number, json: Record<string, unknown>): DirectoryError {
    const err = json.error as { message?: string; errors?: Array<{ reason?: string }> } | undefined;
    const detail = `${during}: HTTP ${status} ${err?.message ?? ''}`.trim();
    if (status === 401 || status === 403) {
      this.token = null;
      return new DirectoryError('DIRECTORY_AUTH_FAILED', true, detail);
    }
    if (status === 409) return new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, detail);
    if (status === 400 && /password/i.test(err?.message ?? '')) return new DirectoryError('DIRECTORY_PASSWORD_POLICY', false, detail);
    if (status >= 400 && status < 500) return new DirectoryError('DIRECTORY_REFUSED', true, detail);
    return new DirectoryError('DIRECTORY_UNAVAILABLE', true, detail);
  }

  private async getUser(address: string): Promise<GUser | null> {
    const r = await this.api('GET', `/users/${encodeURIComponent(address)}`, 'users.get');
    if (r.status === 404) return null;
    if (r.status !== 200) throw this.fail('users.get', r.status, r.json);
    return r.json as unknown as GUser;
  }

  async addressTaken(address: string): Promise<boolean> {
    return (await this.getUser(address.toLowerCase())) !== null;
  }

  async createAccount(a: NewAccount): Promise<CreatedAccount> {
    const address = a.address.toLowerCase();
    const temporaryPassword = randomTemporaryPassword();
    const orgUnitPath = `${this.cfg.orgUnitRoot.replace(/\/+$/, '')}/${a.unit}`;
    const attributes = {
      primaryEmail: address,
      givenName: a.givenName,
      familyName: a.surname || a.displayName,
      orgUnitPath,
      changePasswordAtNextLogin: true,
      employeeId: a.nip,
    };
    const existing = await this.getUser(address);
    if (existing) {
      const nip = existing.externalIds?.find((x) => x.type === 'organization')?.value;
      if (nip !== a.nip) throw new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, `${address} exists (${existing.id})`);
      const u = await this.api('PUT', `/users/${encodeURIComponent(existing.id)}`, 'users.update', { password: temporaryPassword, changePasswordAtNextLogin: true });
      if (u.status !== 200) throw this.fail('users.update', u.status, u.json);
      return { accountId: existing.id, address, created: false, temporaryPassword, attributes };
    }
    const r = await this.api('POST', '/users', 'users.insert', {
      primaryEmail: address,
      name: { givenName: a.givenName, familyName: a.surname || a.displayName },
      password: temporaryPassword,
      changePasswordAtNextLogin: true,
      orgUnitPath,
      externalIds: [{ type: 'organization', value: a.nip }],
      ...(a.title ? { organizations: [{ title: a.title, department: a.unit, primary: true }] } : {}),
    });
    if (r.status !== 200) throw this.fail('users.insert', r.status, r.json);
    return { accountId: String(r.json.id), address, created: true, temporaryPassword, attributes };
  }

  async activate(account: AccountRef, _temporaryPassword: string, newPassword: string): Promise<void> {
    const r = await this.api('PUT', `/users/${encodeURIComponent(account.accountId)}`, 'users.update', { password: newPassword, changePasswordAtNextLogin: false });
    if (r.status !== 200) throw this.fail('users.update', r.status, r.json);
  }

  async resetPassword(account: AccountRef): Promise<string> {
    const pw = randomTemporaryPassword();
    const r = await this.api('PUT', `/users/${encodeURIComponent(account.accountId)}`, 'users.update', { password: pw, changePasswordAtNextLogin: true });
    if (r.status !== 200) throw this.fail('users.update', r.status, r.json);
    return pw;
  }

  async setSuspended(account: AccountRef, suspended: boolean): Promise<void> {
    const r = await this.api('PUT', `/users/${encodeURIComponent(account.accountId)}`, 'users.update', { suspended });
    if (r.status !== 200) throw this.fail('users.update', r.status, r.json);
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    // Google requires 8–100 characters; the pemda's own rule (10) is stricter.
    return { minLength: 10, history: 0, requireMixed: true };
  }

  async close(): Promise<void> {}
}
