// One contract for every Directory adapter, run against Debian's slapd (started here with the
// ppolicy overlay) and against local fakes of Zimbra admin SOAP and the Google Directory API.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlapd, slapdAvailable, type Slapd } from '../../../test/directory/slapd.js';
import { startFakeZimbra, type FakeZimbra } from '../../../test/directory/fakeZimbra.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/directory/fakeGoogle.js';
import { isDirectoryError, type Directory, type NewAccount } from './directory.js';
import { LdapDirectory } from './ldapDirectory.js';
import { ZimbraDirectory } from './zimbraDirectory.js';
import { GoogleDirectory } from './googleDirectory.js';

interface Peer {
  directory(overrides?: { wrongSecret?: boolean; down?: boolean }): Directory;
  /** A directory whose schema refuses what the adapter writes. */
  schemaMismatch(): Promise<{ directory: Directory; stop(): Promise<void> }>;
  count(): number;
  passwordWorks(accountId: string, address: string, password: string): boolean;
  mustChange(accountId: string, address: string): boolean;
  suspended(accountId: string, address: string): boolean;
  stop(): Promise<void>;
}

const applicant: NewAccount = {
  address: 'Budi.Santoso@contoh.go.id',
  givenName: 'Budi',
  surname: 'Santoso',
  displayName: 'Budi Santoso, S.T.',
  unit: 'disperkimta',
  nip: '199001012015031001',
  title: 'Pelaksana Bidang Perumahan',
};

async function code(p: Promise<unknown>): Promise<{ code: string; retryable: boolean }> {
  try {
    await p;
  } catch (e) {
    if (isDirectoryError(e)) return { code: e.code, retryable: e.retryable };
    throw e;
  }
  throw new Error('expected a DirectoryError');
}

function contract(name: string, makePeer: () => Promise<Peer>) {
  describe(`Directory contract: ${name}`, () => {
    let peer: Peer;
    let d: Directory;
    let accountId = '';
    let temporary = '';
    beforeAll(async () => {
      peer = await makePeer();
      d = peer.directory();
    });
    afterAll(async () => peer?.stop());

    it('creates the account with a random temporary password that must be changed', async () => {
      expect(await d.addressTaken(applicant.address)).toBe(false);
      const r = await d.createAccount(applicant);
      expect(r.created).toBe(true);
      expect(r.address).toBe('budi.santoso@contoh.go.id');
      expect(r.temporaryPassword.length).toBeGreaterThanOrEqual(20);
      expect(JSON.stringify(r.attributes)).not.toContain(r.temporaryPassword);
      accountId = r.accountId;
      temporary = r.temporaryPassword;
      expect(await d.addressTaken('budi.santoso@contoh.go.id')).toBe(true);
      expect(peer.passwordWorks(accountId, r.address, temporary)).toBe(true);
      expect(peer.mustChange(accountId, r.address)).toBe(true);
      expect(peer.count()).toBe(1);
    });

    it('a retried job finds its own account and never makes a second one', async () => {
      const again = await d.createAccount(applicant);
      expect(again.created).toBe(false);
      expect(again.accountId).toBe(accountId);
      expect(peer.count()).toBe(1);
      // The retry's fresh temporary password is the one that works now.
      expect(peer.passwordWorks(accountId, again.address, again.temporaryPassword)).toBe(true);
      temporary = again.temporaryPassword;
    });

    it('refuses an address that belongs to someone else, without retrying', async () => {
      expect(await code(d.createAccount({ ...applicant, nip: '198505052010011002' }))).toEqual({ code: 'DIRECTORY_ADDRESS_TAKEN', retryable: false });
      expect(peer.count()).toBe(1);
    });

    it('activation: a password the policy refuses is refused, then the owner’s password replaces the temporary one', async () => {
      expect((await d.passwordPolicy()).minLength).toBeGreaterThanOrEqual(8);
      expect((await code(d.activate({ accountId, address: applicant.address.toLowerCase() }, temporary, 'pendek'))).code).toBe('DIRECTORY_PASSWORD_POLICY');
      expect(peer.mustChange(accountId, applicant.address.toLowerCase())).toBe(true);
      await d.activate({ accountId, address: applicant.address.toLowerCase() }, temporary, 'Sandi-Baru-Budi-2026');
      expect(peer.passwordWorks(accountId, applicant.address.toLowerCase(), 'Sandi-Baru-Budi-2026')).toBe(true);
      expect(peer.passwordWorks(accountId, applicant.address.toLowerCase(), temporary)).toBe(false);
      expect(peer.mustChange(accountId, applicant.address.toLowerCase())).toBe(false);
    });

    it('suspends and restores the account', async () => {
      const ref = { accountId, address: applicant.address.toLowerCase() };
      await d.setSuspended(ref, true);
      expect(peer.suspended(accountId, ref.address)).toBe(true);
      await d.setSuspended(ref, false);
      expect(peer.suspended(accountId, ref.address)).toBe(false);
    });

    it('reset gives a new temporary password that must be changed', async () => {
      const ref = { accountId, address: applicant.address.toLowerCase() };
      const pw = await d.resetPassword(ref);
      expect(peer.passwordWorks(accountId, ref.address, pw)).toBe(true);
      expect(peer.mustChange(accountId, ref.address)).toBe(true);
    });

    it('a wrong service password is an authentication failure that is retried', async () => {
      expect(await code(peer.directory({ wrongSecret: true }).createAccount({ ...applicant, address: 'lain@contoh.go.id' }))).toEqual({ code: 'DIRECTORY_AUTH_FAILED', retryable: true });
    });

    it('a directory that is down is retried', async () => {
      expect(await code(peer.directory({ down: true }).addressTaken('x@contoh.go.id'))).toEqual({ code: 'DIRECTORY_UNAVAILABLE', retryable: true });
    });

    it('a schema the account does not fit is refused clearly and retried', async () => {
      const m = await peer.schemaMismatch();
      try {
        expect(await code(m.directory.createAccount({ ...applicant, address: 'skema@contoh.go.id' }))).toEqual({ code: 'DIRECTORY_REFUSED', retryable: true });
      } finally {
        await m.stop();
      }
    });
  });
}

describe.skipIf(!slapdAvailable())('LDAP (slapd)', () => {
  const ldapFor = (s: Slapd, o: { wrongSecret?: boolean; down?: boolean } = {}) =>
    new LdapDirectory({
      url: o.down ? 'ldap://127.0.0.1:1' : s.url,
      bindDn: s.bindDn,
      bindPassword: o.wrongSecret ? 'salah' : s.bindPassword,
      peopleDn: `ou=people,${s.baseDn}`,
      policyDn: `cn=default,ou=policies,${s.baseDn}`,
      timeoutMs: 3000,
    });
  contract('LDAP', async () => {
    const s = await startSlapd();
    const entry = (dn: string) => s.search(`(entryDN=${dn})`, ['*', '+']);
    return {
      directory: (o) => ldapFor(s, o),
      async schemaMismatch() {
        const bare = await startSlapd({ withoutInetOrgPerson: true });
        return { directory: ldapFor(bare), stop: () => bare.stop() };
      },
      count: () => (s.search('(objectClass=inetOrgPerson)', ['dn']).match(/^dn:/gm) ?? []).length,
      passwordWorks: (dn, _a, pw) => s.whoami(dn, pw),
      mustChange: (dn) => /^pwdReset: TRUE$/m.test(entry(dn)),
      suspended: (dn) => /^pwdAccountLockedTime:/m.test(entry(dn)),
      stop: () => s.stop(),
    };
  });

  it('writes inetOrgPerson with mail in the unit’s OU, and ldapwhoami binds as the owner', async () => {
    const s = await startSlapd();
    try {
      const d = ldapFor(s);
      const r = await d.createAccount({ ...applicant, address: 'sri.lestari@contoh.go.id', unit: 'diskominfo', nip: '199202022019022001' });
      expect(r.accountId).toBe(`uid=sri.lestari,ou=diskominfo,ou=people,${s.baseDn}`);
      const ldif = s.search('(uid=sri.lestari)', ['objectClass', 'mail', 'employeeNumber', 'pwdReset', 'title']);
      expect(ldif).toMatch(/^objectClass: inetOrgPerson$/m);
      expect(ldif).toMatch(/^mail: sri.lestari@contoh.go.id$/m);
      expect(ldif).toMatch(/^employeeNumber: 199202022019022001$/m);
      expect(ldif).toMatch(/^pwdReset: TRUE$/m);
      // A unit without an OU yet gets one.
      const other = await d.createAccount({ ...applicant, address: 'a.b@contoh.go.id', unit: 'bappeda', nip: '199303032020031003' });
      expect(other.accountId).toBe(`uid=a.b,ou=bappeda,ou=people,${s.baseDn}`);
      // The directory's own history rule: the password may not be the temporary one again.
      await d.activate({ accountId: r.accountId, address: r.address }, r.temporaryPassword, 'Kata-Sandi-Sri-01');
      expect(s.whoami(r.accountId, 'Kata-Sandi-Sri-01')).toBe(true);
      expect(s.whoami(r.accountId, r.temporaryPassword)).toBe(false);
      // A second activation with the old temporary password fails clearly.
      expect((await code(d.activate({ accountId: r.accountId, address: r.address }, r.temporaryPassword, 'Kata-Sandi-Sri-02'))).code).toBe('DIRECTORY_AUTH_FAILED');
    } finally {
      await s.stop();
    }
  });
});

contract('Zimbra admin SOAP (fake)', async () => {
  let z: FakeZimbra = await startFakeZimbra();
  const make = (zz: FakeZimbra, o: { wrongSecret?: boolean; down?: boolean } = {}) =>
    new ZimbraDirectory({
      url: o.down ? 'http://127.0.0.1:1/service/admin/soap' : zz.url,
      adminUser: 'admin@contoh.go.id',
      adminPassword: o.wrongSecret ? 'salah' : 'zimbra-admin',
      cosId: 'cos-asn',
      quotaBytes: 2 * 1024 ** 3,
    });
  const acc = (id: string) => [...z.accounts.values()].find((a) => a.id === id)!;
  return {
    directory: (o) => make(z, o),
    async schemaMismatch() {
      const bare = await startFakeZimbra({ unknownAttrs: ['employeeNumber'] });
      return { directory: make(bare), stop: () => bare.stop() };
    },
    count: () => {
      // Every CreateAccountRequest carried what the issue asks for.
      for (const r of z.requests.filter((x) => x.name === 'CreateAccount')) {
        const a = Object.fromEntries((r.body.a as Array<{ n: string; _content: string }>).map((x) => [x.n, x._content]));
        expect(a).toMatchObject({ zimbraPasswordMustChange: 'TRUE', displayName: 'Budi Santoso, S.T.', zimbraCOSId: 'cos-asn', zimbraMailQuota: String(2 * 1024 ** 3) });
      }
      return z.accounts.size;
    },
    passwordWorks: (id, _a, pw) => acc(id).password === pw,
    mustChange: (id) => acc(id).attrs.zimbraPasswordMustChange === 'TRUE',
    suspended: (id) => acc(id).attrs.zimbraAccountStatus === 'locked',
    stop: async () => {
      await z.stop();
      z = undefined as unknown as FakeZimbra;
    },
  };
});

contract('Google Workspace Directory API (fake)', async () => {
  const g: FakeGoogle = await startFakeGoogle();
  const make = (o: { wrongSecret?: boolean; down?: boolean; orgUnitRoot?: string } = {}) =>
    new GoogleDirectory({
      key: o.wrongSecret ? { ...g.key, private_key: otherPrivateKey() } : g.key,
      adminSubject: 'admin@contoh.go.id',
      orgUnitRoot: o.orgUnitRoot ?? '/Pemda',
      baseUrl: o.down ? 'http://127.0.0.1:1' : g.baseUrl,
    });
  const user = (address: string) => g.users.get(address)!;
  return {
    directory: (o) => (o?.down ? new GoogleDirectory({ key: { ...g.key, token_uri: 'http://127.0.0.1:1/token' }, adminSubject: 'admin@contoh.go.id', orgUnitRoot: '/Pemda' }) : make(o)),
    async schemaMismatch() {
      return { directory: make({ orgUnitRoot: 'Pemda-tanpa-garis' }), stop: async () => {} };
    },
    count: () => {
      for (const r of g.requests.filter((x) => x.method === 'POST')) {
        expect(r.body).toMatchObject({ changePasswordAtNextLogin: true, orgUnitPath: '/Pemda/disperkimta', primaryEmail: 'budi.santoso@contoh.go.id' });
      }
      return g.users.size;
    },
    passwordWorks: (_id, a, pw) => user(a).password === pw,
    mustChange: (_id, a) => user(a).changePasswordAtNextLogin,
    suspended: (_id, a) => user(a).suspended,
    stop: () => g.stop(),
  };
});

let other: string | undefined;
function otherPrivateKey(): string {
  if (!other) {
    other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  return other;
}

describe('createDirectory (config)', async () => {
  const { loadConfig, ConfigError } = await import('../config.js');
  const { createDirectory } = await import('./createDirectory.js');
  it('chooses the adapter by DIRECTORY and names what is missing', () => {
    expect(createDirectory(loadConfig({}).directory)).toBeNull();
    expect(createDirectory(loadConfig({ DIRECTORY: 'ldap', LDAP_URL: 'ldap://127.0.0.1:389', LDAP_BIND_DN: 'cn=x', LDAP_BIND_PASSWORD: 'p', LDAP_PEOPLE_DN: 'ou=people' }).directory)?.kind).toBe('ldap');
    expect(createDirectory(loadConfig({ DIRECTORY: 'zimbra', ZIMBRA_ADMIN_URL: 'https://mail:7071/service/admin/soap', ZIMBRA_ADMIN_USER: 'a', ZIMBRA_ADMIN_PASSWORD: 'p' }).directory)?.kind).toBe('zimbra');
    expect(() => loadConfig({ DIRECTORY: 'ldap', LDAP_URL: 'ldap://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIRECTORY: 'google' })).toThrow(/GOOGLE_SERVICE_ACCOUNT_FILE: required when DIRECTORY=google/);
  });
});
