// The instance key-encryption key (KEK): 32 random bytes that encrypt secrets at rest (CA
// private keys, TOTP secrets). From NASKAH_KEK (base64) or a file, created on first start
// with mode 0600 when missing (the demo relies on that; production should keep it elsewhere).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export function loadOrCreateKek(kek: Config['kek']): Buffer {
  if (kek.kind === 'inline') return parseKek(kek.base64, 'NASKAH_KEK');
  if (fs.existsSync(kek.path)) return parseKek(fs.readFileSync(kek.path, 'utf8').trim(), kek.path);
  fs.mkdirSync(path.dirname(kek.path), { recursive: true });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(kek.path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another instance created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return parseKek(fs.readFileSync(kek.path, 'utf8').trim(), kek.path);
    throw e;
  }
}

function parseKek(b64: string, where: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${where}: the key-encryption key must be 32 bytes, base64-encoded`);
  return key;
}

/**
 * AES-256-GCM. Output "v1.<iv>.<tag>.<ciphertext>" (base64url). `context` is bound as
 * associated data so a ciphertext cannot be moved to another field or row.
 */
export function seal(key: Buffer, plaintext: Buffer | string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function open(key: Buffer, sealed: string, context: string): Buffer {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('sealed value: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
}
