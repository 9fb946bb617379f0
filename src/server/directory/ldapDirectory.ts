// LDAP (OpenLDAP with the ppolicy overlay, or any RFC 4511 server with inetOrgPerson).
// Accounts live at uid=<local part>,ou=<unit>,<people base>; the temporary password is set with
// pwdReset TRUE so the server itself forces a change; activation binds as the owner with the
// temporary password and changes it as the owner, so the server's password policy (length,
// history, quality) judges the new password and clears pwdReset.
// The TOTP secret is not stored in LDAP (no standard attribute): Naskah keeps it encrypted
// with the instance key (see docs/servicedesk.md).
import { Attribute, Change, Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import {
  DirectoryError,
  randomTemporaryPassword,
  splitAddress,
  type AccountRef,
  type CreatedAccount,
  type Directory,
  type NewAccount,
  type PasswordPolicy,
} from './directory.js';

export interface LdapDirectoryConfig {
  url: string;
  bindDn: string;
  bindPassword: string;
  /** Where unit OUs live, e.g. ou=people,dc=contoh,dc=go,dc=id. */
  peopleDn: string;
  /** DN of the pwdPolicy entry to read the policy from (ppolicy_default); optional. */
  policyDn?: string | undefined;
  timeoutMs?: number;
}

/** RFC 4514 escaping of an attribute value inside a DN. */
export function escapeDnValue(v: string): string {
  return v
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

function escapeFilterValue(v: string): string {
  return v.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** LDAP result codes that mean "the data does not fit the server's schema or rules". */
const SCHEMA_CODES = new Set([17, 18, 19, 21, 64, 65, 67, 69]);

export function mapLdapError(e: unknown, during: string): DirectoryError {
  if (e instanceof DirectoryError) return e;
  if (e instanceof InvalidCredentialsError) return new DirectoryError('DIRECTORY_AUTH_FAILED', true, `${during}: invalid credentials (49)`);
  if (e instanceof ResultCodeError) {
    if (e.code === 68) return new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, `${during}: entry already exists (68)`);
    if (e.code === 50) return new DirectoryError('DIRECTORY_AUTH_FAILED', true, `${during}: insufficient access (50)`);
    if (SCHEMA_CODES.has(e.code)) return new DirectoryError('DIRECTORY_REFUSED', true, `${during}: ${e.message} (${e.code})`);
    if (e.code === 51 || e.code === 52 || e.code === 53) return new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${during}: ${e.message} (${e.code})`);
    return new DirectoryError('DIRECTORY_REFUSED', true, `${during}: ${e.message} (${e.code})`);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new DirectoryError('DIRECTORY_UNAVAILABLE', true, `${during}: ${msg}`);
}

export class LdapDirectory implements Directory {
  readonly kind = 'ldap' as const;
  constructor(private readonly cfg: LdapDirectoryConfig) {}

  private client(): Client {
    const t = this.cfg.timeoutMs ?? 5000;
    return new Client({ url: this.cfg.url, timeout: t, connectTimeout: t });
  }

  /** Runs fn on a connection bound as the service account. */
  private async asService<T>(during: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const c = this.client();
    try {
      try {
        await c.bind(this.cfg.bindDn, this.cfg.bindPassword);
      } catch (e) {
        throw mapLdapError(e, 'bind');
      }
      return await fn(c);
    } catch (e) {
      throw mapLdapError(e, during);
    } finally {
      await c.unbind().catch(() => {});
    }
  }

  private async findByMail(c: Client, address: string) {
    const { searchEntries } = await c.search(this.cfg.peopleDn, {
      scope: 'sub',
      filter: `(|(mail=${escapeFilterValue(address)})(uid=${escapeFilterValue(splitAddress(address).local)}))`,
      attributes: ['dn', 'mail', 'uid', 'employeeNumber'],
      sizeLimit: 5,
    });
    return searchEntries;
  }

  async addressTaken(address: string): Promise<boolean> {
    return this.asService('search', async (c) => (await this.findByMail(c, address.toLowerCase())).length > 0);
  }

  async createAccount(a: NewAccount): Promise<CreatedAccount> {
    const address = a.address.toLowerCase();
    const { local } = splitAddress(address);
    const ouDn = `ou=${escapeDnValue(a.unit)},${this.cfg.peopleDn}`;
    const dn = `uid=${escapeDnValue(local)},${ouDn}`;
    const temporaryPassword = randomTemporaryPassword();
    const attributes: Record<string, string | string[]> = {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: local,
      cn: a.displayName,
      sn: a.surname || a.displayName,
      givenName: a.givenName,
      displayName: a.displayName,
      mail: address,
      employeeNumber: a.nip,
      ou: a.unit,
      ...(a.title ? { title: a.title } : {}),
    };
    return this.asService('create', async (c) => {
      const existing = await this.findByMail(c, address);
      if (existing.length > 0) {
        const mine = existing.find((e) => String(e.employeeNumber ?? '') === a.nip && String(e.mail ?? '').toLowerCase() === address);
        if (!mine) throw new DirectoryError('DIRECTORY_ADDRESS_TAKEN', false, `${address} exists (${existing.map((e) => e.dn).join('; ')})`);
        // An earlier attempt of this job made it and did not live to record it: give it a fresh
        // temporary password (the first one is lost) and carry on.
        await this.setTemporary(c, mine.dn, temporaryPassword);
        return { accountId: mine.dn, address, created: false, temporaryPassword, attributes };
      }
      await this.ensureOu(c, ouDn, a.unit);
      await c.add(dn, { ...attributes, userPassword: temporaryPassword, pwdReset: 'TRUE' });
      return { accountId: dn, address, created: true, temporaryPassword, attributes };
    });
  }

  private async ensureOu(c: Client, ouDn: string, ou: string): Promise<void> {
    try {
      await c.add(ouDn, { objectClass: ['top', 'organizationalUnit'], ou });
    } catch (e) {
      if (e instanceof ResultCodeError && e.code === 68) return;
      throw e;
    }
  }

  private async setTemporary(c: Client, dn: string, password: string): Promise<void> {
    await c.modify(dn, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [password] }) }),
      new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdReset', values: ['TRUE'] }) }),
    ]);
  }

  async activate(account: AccountRef, temporaryPassword: string, newPassword: string): Promise<void> {
    const c = this.client();
    try {
      try {
        await c.bind(account.accountId, temporaryPassword);
      } catch (e) {
        if (e instanceof InvalidCredentialsError) throw new DirectoryError('DIRECTORY_AUTH_FAILED', false, 'activation bind: temporary password refused (already activated or reset)');
        throw e;
      }
      try {
        await c.modify(account.accountId, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [newPassword] }) })]);
      } catch (e) {
        // ppolicy answers constraintViolation (19) with the reason ("Password fails quality
        // checking policy", "Password is in history of old passwords", "Password is too short").
        if (e instanceof ResultCodeError && e.code === 19) throw new DirectoryError('DIRECTORY_PASSWORD_POLICY', false, e.message);
        throw e;
      }
    } catch (e) {
      throw mapLdapError(e, 'activate');
    } finally {
      await c.unbind().catch(() => {});
    }
    // Servers without ppolicy keep no pwdReset; with it, a self-change has cleared it already.
    await this.asService('activate', async (s) => {
      const { searchEntries } = await s.search(account.accountId, { scope: 'base', filter: '(objectClass=*)', attributes: ['pwdReset'] });
      if (searchEntries[0] && String(searchEntries[0].pwdReset ?? '').toUpperCase() === 'TRUE') {
        await s.modify(account.accountId, [new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdReset', values: [] }) })]);
      }
    });
  }

  async resetPassword(account: AccountRef): Promise<string> {
    const pw = randomTemporaryPassword();
    await this.asService('reset', (c) => this.setTemporary(c, account.accountId, pw));
    return pw;
  }

  async setSuspended(account: AccountRef, suspended: boolean): Promise<void> {
    // ppolicy: pwdAccountLockedTime 000001010000Z locks the account until an administrator unlocks it.
    await this.asService('suspend', async (c) => {
      const change = suspended
        ? new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }) })
        : new Change({ operation: 'delete', modification: new Attribute({ type: 'pwdAccountLockedTime', values: [] }) });
      await c.modify(account.accountId, [change]);
    });
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    const fallback: PasswordPolicy = { minLength: 10, history: 0, requireMixed: true };
    if (!this.cfg.policyDn) return fallback;
    return this.asService('policy', async (c) => {
      const { searchEntries } = await c.search(this.cfg.policyDn!, { scope: 'base', filter: '(objectClass=*)', attributes: ['pwdMinLength', 'pwdInHistory'] });
      const e = searchEntries[0];
      if (!e) return fallback;
      return {
        minLength: Math.max(Number(e.pwdMinLength ?? 0) || 0, 8),
        history: Number(e.pwdInHistory ?? 0) || 0,
        requireMixed: true,
      };
    });
  }

  async close(): Promise<void> {}
}
