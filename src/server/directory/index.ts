// Public surface of the mailbox directory adapters (service desk, seed 004).
export { createDirectory, requireDirectory } from './createDirectory.js';
export { DirectoryError, isDirectoryError, randomTemporaryPassword, splitAddress } from './directory.js';
export type { AccountRef, CreatedAccount, Directory, DirectoryKind, NewAccount, PasswordPolicy } from './directory.js';
