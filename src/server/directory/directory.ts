// The official mailbox directory behind one small interface. One real implementation per
// product (LDAP, Zimbra admin SOAP, Google Workspace Directory API), chosen by DIRECTORY.
// Every method is safe to retry: createAccount recognises an account it made before (same
// address and the same NIP recorded on it) and never makes a second one.
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

export type DirectoryKind = 'ldap' | 'zimbra' | 'google';

export interface NewAccount {
  /** Full address, e.g. budi.santoso@contoh.go.id. */
  address: string;
  givenName: string;
  surname: string;
  displayName: string;
  /** Organisational unit key of the applicant's office (LDAP ou, Google orgUnitPath segment). */
  unit: string;
  /** NIP of the official: recorded on the account, proves a retried job's account is ours. */
  nip: string;
  title?: string | undefined;
}

export interface CreatedAccount {
  /** The directory's identifier (LDAP DN, Zimbra account id, Google user id). */
  accountId: string;
  address: string;
  /** false when an earlier attempt of the same job had already made it. */
  created: boolean;
  /** Random, never shown to anyone; replaced by the owner's password at activation. */
  temporaryPassword: string;
  /** What was written, for the record (no password). */
  attributes: Record<string, string | string[] | boolean | number>;
}

export interface PasswordPolicy {
  minLength: number;
  /** Passwords remembered (a new one may not repeat them); 0 = none. */
  history: number;
  /** Extra rules the product enforces before asking the directory (shown to the user). */
  requireMixed: boolean;
}

export interface AccountRef {
  accountId: string;
  address: string;
}

export interface Directory {
  readonly kind: DirectoryKind;
  /** True when the address (or an alias) is already in use. */
  addressTaken(address: string): Promise<boolean>;
  createAccount(account: NewAccount): Promise<CreatedAccount>;
  /** The owner's own password replaces the temporary one; must-change flag cleared. */
  activate(account: AccountRef, temporaryPassword: string, newPassword: string): Promise<void>;
  /** New temporary password, must-change set again (a reset; a new activation link follows). */
  resetPassword(account: AccountRef): Promise<string>;
  setSuspended(account: AccountRef, suspended: boolean): Promise<void>;
  passwordPolicy(): Promise<PasswordPolicy>;
  close(): Promise<void>;
}


export type DirectoryErrorCode =
  | 'DIRECTORY_UNAVAILABLE'
  | 'DIRECTORY_AUTH_FAILED'
  | 'DIRECTORY_REFUSED'
  | 'DIRECTORY_ADDRESS_TAKEN'
  | 'DIRECTORY_PASSWORD_POLICY'
  | 'DIRECTORY_NOT_CONFIGURED';

/** A directory failure. `retryable` says whether a job should try again later. */
export class DirectoryError extends AppError {
  constructor(
    code: DirectoryErrorCode,
    readonly retryable: boolean,
    /** What the directory said (logged, shown to the admin; never contains a password). */
    readonly detail: string,
  ) {
    super(code, { directory: detail });
  }
}

export function isDirectoryError(e: unknown): e is DirectoryError {
  return e instanceof DirectoryError;
}

/** 24 characters from a 62-letter alphabet plus a fixed class mix: ~140 bits, passes any policy. */
export function randomTemporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(24);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `${s}-7a`;
}

/** Local part and domain of an address, lower-cased. */
export function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}
