// The Directory chosen by DIRECTORY (none | ldap | zimbra | google).
import type { DirectoryConfig } from '../config.js';
import { DirectoryError, type Directory } from './directory.js';
import { GoogleDirectory } from './googleDirectory.js';
import { LdapDirectory } from './ldapDirectory.js';
import { ZimbraDirectory } from './zimbraDirectory.js';

export function createDirectory(cfg: DirectoryConfig): Directory | null {
  switch (cfg.kind) {
    case 'none':
      return null;
    case 'ldap':
      return new LdapDirectory({ url: cfg.url, bindDn: cfg.bindDn, bindPassword: cfg.bindPassword, peopleDn: cfg.peopleDn, policyDn: cfg.policyDn });
    case 'zimbra':
      return new ZimbraDirectory({ url: cfg.url, adminUser: cfg.adminUser, adminPassword: cfg.adminPassword, cosId: cfg.cosId, quotaBytes: cfg.quotaBytes });
    case 'google':
      return new GoogleDirectory({ key: cfg.keyFile, adminSubject: cfg.adminSubject, orgUnitRoot: cfg.orgUnitRoot, baseUrl: cfg.baseUrl });
  }
}

export function requireDirectory(d: Directory | null): Directory {
  if (!d) throw new DirectoryError('DIRECTORY_NOT_CONFIGURED', false, 'DIRECTORY=none');
  return d;
}
