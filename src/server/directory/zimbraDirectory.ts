// Zimbra Collaboration admin SOAP API, in its JSON form (POST /service/admin/soap, body
// {Header:{context:{authToken}}, Body:{<Name>Request:{_jsns:"urn:zimbraAdmin", …}}}; faults as
// Body.Fault with Detail.Error.Code such as account.ACCOUNT_EXISTS). Accounts are created with
// zimbraPasswordMustChange=TRUE, display name, class of service and quota; the NIP goes in
// employeeNumber so a retried job recognises its own account.
import {
  DirectoryError,
  randomTemporaryPassword,
  type AccountRef,
  type CreatedAccount,
  type Directory,
  type NewAccount,
  type PasswordPolicy,
} from './directory.js';

export interface ZimbraDirectoryConfig {
  /** Admin SOAP endpoint, e.g. https://mail.contoh.go.id:7071/service/admin/soap */
  url: string;
  adminUser: string;
  adminPassword: string;
  cosId?: string | undefined;
  /** Mailbox quota in bytes (zimbraMailQuota); 0 = the COS default. */
  quotaBytes?: number | undefined;
  minPasswordLength?: number | undefined;
  timeoutMs?: number;
}

interface ZAttr {
  n: string;
  _content: string;
}
interface ZAccount {
  name: string;
  id: string;
  a?: ZAttr[];
}

class ZimbraFault extends Error {
  constructor(
    readonly faultCode: string,
    message: string,
  ) {
    super(message);
  }
}

export class ZimbraDirectory implements Directory {
  readonly kind = 'zimbra' as const;
  private token: string | null = null;
  constructor(private readonly cfg: ZimbraDirectoryConfig) {}

  private async post(name: string, body: Record<string, unknown>, auth: boolean): Promise<Record<string, unknown>> {
    const envelope = {
      Header: { context: { _jsns: 'urn:zimbra', ...(auth && this.token ? { authToken: { _content: this.token } } : {}), format: { type: 'js' } } },
      Body: { [`${name}Request`]: { _jsns: 'urn:zimbraAdmin', ...body } },
    };
    let res: Response;
    try {
      res = await fetch(this.cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${name}: ${(e as Error).message}`);
    }
    const text = await res.text();
    let json: { Body?: Record<string, unknown> };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${name}: HTTP ${res.status}, not a SOAP answer`);
    }
    const fault = json.Body?.Fault as { Reason?: { Text?: string }; Detail?: { Error?: { Code?: string } } } | undefined;
    if (fault) throw new ZimbraFault(fault.Detail?.Error?.Code ?? 'service.FAILURE', fault.Reason?.Text ?? 'fault');
    const answer = json.Body?.[`${name}Response`];
    if (!answer || typeof answer !== 'object') throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${name}: HTTP ${res.status}, no ${name}Response`);
    return answer as Record<string, unknown>;
  }

  private async call(name: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      if (!this.token) await this.login();
      try {
        return await this.post(name, body, true);
      } catch (e) {
        if (e instanceof ZimbraFault && (e.faultCode === 'service.AUTH_EXPIRED' || e.faultCode === 'service.AUTH_REQUIRED')) {
          await this.login();
          return await this.post(name, body, true);
        }
        throw e;
      }
    } catch (e) {
      throw this.map(e, name);
    }
  }

  private async login(): Promise<void> {
    try {
      const r = await this.post('Auth', { name: this.cfg.adminUser, password: this.cfg.adminPassword }, false);
      const t = r.authToken as Array<{ _content: string }> | { _content: string } | string | undefined;
      this.token = typeof t === 'string' ? t : Array.isArray(t) ? (t[0]?._content ?? null) : (t?._content ?? null);
      if (!this.token) throw new DirectoryError('DIRECTORY_UNAVAILABLE', true, 'Auth: no authToken');
    } catch (e) {
      if (e instanceof ZimbraFault && (e.faultCode === 'account.AUTH_FAILED' || e.faultCode === 'service.PERM_DENIED')) {
        throw new DirectoryError('DIRECTORY_AUTH_FAILED', true, `Auth: ${e.faultCode}`);
      }
      throw e;
    }
  }

  private map(e: unknown, during: string): DirectoryError {
    if (e instanceof DirectoryError) return e;
    if (e instanceof ZimbraFault) {
      const c = e.faultCode;
      if (c === 'account.ACCOUNT_EXISTS') return new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, `${during}: ${c}`);
      if (c === 'account.INVALID_PASSWORD') return new DirectoryError('DIRECTORY_PASSWORD_POLICY', false, `${during}: ${e.message}`);
      if (c === 'account.AUTH_FAILED' || c === 'service.PERM_DENIED') return new DirectoryError('DIRECTORY_AUTH_FAILED', true, `${during}: ${c}`);
      if (c === 'service.UNAVAILABLE' || c === 'service.TEMPORARILY_UNAVAILABLE') return new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${during}: ${c}`);
      return new DirectoryError('DIRECTORY_REFUSED', true, `${during}: ${c}: ${e.message}`);
    }
    return new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${during}: ${(e as Error).message}`);
  }

  private async getAccount(address: string): Promise<ZAccount | null> {
    try {
      if (!this.token) await this.login();
      const r = await this.post('GetAccount', { account: { by: 'name', _content: address }, attrs: 'employeeNumber,mail' }, true);
      const acc = r.account as ZAccount[] | ZAccount | undefined;
      return (Array.isArray(acc) ? acc[0] : acc) ?? null;
    } catch (e) {
      if (e instanceof ZimbraFault && e.faultCode === 'account.NO_SUCH_ACCOUNT') return null;
      throw this.map(e, 'GetAccount');
    }
  }

  async addressTaken(address: string): Promise<boolean> {
    return (await this.getAccount(address.toLowerCase())) !== null;
  }

  async createAccount(a: NewAccount): Promise<CreatedAccount> {
    const address = a.address.toLowerCase();
    const temporaryPassword = randomTemporaryPassword();
    const attrs: Record<string, string> = {
      displayName: a.displayName,
      givenName: a.givenName,
      sn: a.surname || a.displayName,
      employeeNumber: a.nip,
      ou: a.unit,
      zimbraPasswordMustChange: 'TRUE',
      ...(a.title ? { title: a.title } : {}),
      ...(this.cfg.cosId ? { zimbraCOSId: this.cfg.cosId } : {}),
      ...(this.cfg.quotaBytes ? { zimbraMailQuota: String(this.cfg.quotaBytes) } : {}),
    };
    const existing = await this.getAccount(address);
    if (existing) {
      const nip = existing.a?.find((x) => x.n === 'employeeNumber')?._content;
      if (nip !== a.nip) throw new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, `${address} exists (${existing.id})`);
      await this.call('SetPassword', { id: existing.id, newPassword: temporaryPassword });
      await this.call('ModifyAccount', { id: existing.id, a: [{ n: 'zimbraPasswordMustChange', _content: 'TRUE' }] });
      return { accountId: existing.id, address, created: false, temporaryPassword, attributes: attrs };
    }
    const r = await this.call('CreateAccount', {
      name: address,
      password: temporaryPassword,
      a: Object.entries(attrs).map(([n, v]) => ({ n, _content: v })),
    });
    const acc = (Array.isArray(r.account) ? r.account[0] : r.account) as ZAccount | undefined;
    if (!acc?.id) throw new DirectoryError('DIRECTORY_REFUSED', true, 'CreateAccount: no account in the answer');
    return { accountId: acc.id, address, created: true, temporaryPassword, attributes: attrs };
  }

  async activate(account: AccountRef, _temporaryPassword: string, newPassword: string): Promise<void> {
    // SetPasswordRequest applies the account's password rules (zimbraPasswordMinLength …).
    await this.call('SetPassword', { id: account.accountId, newPassword });
    await this.call('ModifyAccount', { id: account.accountId, a: [{ n: 'zimbraPasswordMustChange', _content: 'FALSE' }] });
  }

  async resetPassword(account: AccountRef): Promise<string> {
    const pw = randomTemporaryPassword();
    await this.call('SetPassword', { id: account.accountId, newPassword: pw });
    await this.call('ModifyAccount', { id: account.accountId, a: [{ n: 'zimbraPasswordMustChange', _content: 'TRUE' }] });
    return pw;
  }

  async setSuspended(account: AccountRef, suspended: boolean): Promise<void> {
    await this.call('ModifyAccount', { id: account.accountId, a: [{ n: 'zimbraAccountStatus', _content: suspended ? 'locked' : 'active' }] });
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    return { minLength: this.cfg.minPasswordLength ?? 10, history: 0, requireMixed: true };
  }

  async close(): Promise<void> {}
}
