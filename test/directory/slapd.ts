// Starts Debian's slapd for one test file: loopback port, temp directory, mdb database with the
// ppolicy overlay (default policy: minimum length 10, quality checked, must change after reset),
// one OU per unit and a service account for Naskah. Stopped by stop().
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Slapd {
  url: string;
  baseDn: string;
  /** The account Naskah binds with (write access to people, manage on pwdReset). */
  bindDn: string;
  bindPassword: string;
  dir: string;
  stop(): Promise<void>;
  /** `ldapwhoami` with a DN and password; true when the bind succeeds. */
  whoami(dn: string, password: string): boolean;
  /** `ldapsearch` as the service account; raw LDIF output. */
  search(filter: string, attrs?: string[]): string;
}

export function slapdAvailable(): boolean {
  return fs.existsSync('/usr/sbin/slapd') && fs.existsSync('/usr/lib/ldap/ppolicy.so') && fs.existsSync('/usr/bin/ldapwhoami');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export const TEST_BASE_DN = 'dc=contoh,dc=go,dc=id';

export async function startSlapd(opts: { ous?: string[]; withoutInetOrgPerson?: boolean } = {}): Promise<Slapd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-slapd-'));
  const dbDir = path.join(dir, 'db');
  fs.mkdirSync(dbDir);
  const port = await freePort();
  const baseDn = TEST_BASE_DN;
  const rootPw = 'root-secret-' + Math.random().toString(36).slice(2);
  const bindDn = `cn=naskah,ou=services,${baseDn}`;
  const bindPassword = 'naskah-service-' + Math.random().toString(36).slice(2);
  const conf = `
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
${opts.withoutInetOrgPerson ? '' : 'include /etc/ldap/schema/inetorgperson.schema'}
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
pidfile ${dir}/slapd.pid
argsfile ${dir}/slapd.args

database mdb
maxsize 67108864
suffix "${baseDn}"
rootdn "cn=root,${baseDn}"
rootpw ${rootPw}
directory ${dbDir}

access to attrs=userPassword
  by dn.exact="${bindDn}" manage
  by self write
  by anonymous auth
  by * none
access to attrs=pwdReset
  by dn.exact="${bindDn}" manage
  by * read
access to *
  by dn.exact="${bindDn}" manage
  by self read
  by users read
  by * none

overlay ppolicy
ppolicy_default "cn=default,ou=policies,${baseDn}"
ppolicy_hash_cleartext
`;
  fs.writeFileSync(path.join(dir, 'slapd.conf'), conf);
  const ous = opts.ous ?? ['diskominfo', 'disperkimta'];
  const ldif = [
    `dn: ${baseDn}\nobjectClass: dcObject\nobjectClass: organization\no: Pemerintah Kabupaten Contoh\ndc: contoh\n`,
    `dn: ou=services,${baseDn}\nobjectClass: organizationalUnit\nou: services\n`,
    `dn: ${bindDn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: naskah\nuserPassword: ${bindPassword}\n`,
    `dn: ou=policies,${baseDn}\nobjectClass: organizationalUnit\nou: policies\n`,
    `dn: cn=default,ou=policies,${baseDn}\nobjectClass: person\nobjectClass: pwdPolicy\ncn: default\nsn: default\npwdAttribute: userPassword\npwdMinLength: 10\npwdCheckQuality: 2\npwdMustChange: TRUE\npwdAllowUserChange: TRUE\npwdInHistory: 3\npwdMaxFailure: 10\npwdLockout: TRUE\n`,
    `dn: ou=people,${baseDn}\nobjectClass: organizationalUnit\nou: people\n`,
    ...ous.map((ou) => `dn: ou=${ou},ou=people,${baseDn}\nobjectClass: organizationalUnit\nou: ${ou}\n`),
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'init.ldif'), ldif);
  execFileSync('/usr/sbin/slapadd', ['-f', path.join(dir, 'slapd.conf'), '-l', path.join(dir, 'init.ldif')], { stdio: 'pipe' });
  const url = `ldap://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('/usr/sbin/slapd', ['-f', path.join(dir, 'slapd.conf'), '-h', url, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited: ${stderr}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`slapd did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const whoami = (dn: string, password: string): boolean => {
    try {
      execFileSync('/usr/bin/ldapwhoami', ['-x', '-H', url, '-D', dn, '-w', password], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };
  return {
    url,
    baseDn,
    bindDn,
    bindPassword,
    dir,
    whoami,
    search(filter, attrs = ['*', '+']) {
      return execFileSync('/usr/bin/ldapsearch', ['-x', '-LLL', '-H', url, '-D', bindDn, '-w', bindPassword, '-b', baseDn, filter, ...attrs], { encoding: 'utf8' });
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
