// The instance key-encryption key (KEK): 32 random bytes that encrypt secrets at rest (CA
// private keys, TOTP secrets, and signer keys on top of their passphrase). From NASKAH_KEK
// (base64) or a file, created on first start with mode 0600 when missing. The default file is
// outside the data directory (~/.config/naskah/kek.key), so a copy of the data directory or a
// database dump does not carry the key; a key file left in the data directory by an older
// version is moved there at start.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export interface LoadedKek {
  key: Buffer;
  /** Where it came from, for the start-up output: the file path or "NASKAH_KEK". */
  source: string;
  created: boolean;
  /** The old key file in the data directory it was moved from. */
  movedFrom: string | null;
}

export function loadOrCreateKek(kek: Config['kek']): Buffer {
  return loadKek(kek).key;
}

export function loadKek(kek: Config['kek']): LoadedKek {
  if (kek.kind === 'inline') return { key: parseKek(kek.base64, 'NASKAH_KEK'), source: 'NASKAH_KEK', created: false, movedFrom: null };
  const legacy = kek.legacyPath && fs.existsSync(kek.legacyPath) ? kek.legacyPath : null;
  if (legacy) return moveLegacyKek(legacy, kek.path);
  if (fs.existsSync(kek.path)) return { key: parseKek(fs.readFileSync(kek.path, 'utf8').trim(), kek.path), source: kek.path, created: false, movedFrom: null };
  fs.mkdirSync(path.dirname(kek.path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    fs.writeFileSync(kek.path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return { key, source: kek.path, created: true, movedFrom: null };
  } catch (e) {
    // Another instance created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { key: parseKek(fs.readFileSync(kek.path, 'utf8').trim(), kek.path), source: kek.path, created: false, movedFrom: null };
    throw e;
  }
}

/** An older installation's key file inside the data directory moves to the default place. */
function moveLegacyKek(legacy: string, dest: string): LoadedKek {
  const text = fs.readFileSync(legacy, 'utf8').trim();
  const key = parseKek(text, legacy);
  if (fs.existsSync(dest)) {
    const other = parseKek(fs.readFileSync(dest, 'utf8').trim(), dest);
    if (!other.equals(key)) {
      throw new Error(`two different key-encryption keys: ${legacy} (inside the data directory) and ${dest}. Keep the one this database was encrypted with at ${dest} (or point NASKAH_KEK_FILE at it) and delete the other.`);
    }
  } else {
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    const fd = fs.openSync(dest, 'wx', 0o600);
    try {
      fs.writeSync(fd, text + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fs.unlinkSync(legacy);
  return { key, source: dest, created: false, movedFrom: legacy };
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
