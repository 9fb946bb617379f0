// A signer's private key at rest: PKCS#8 sealed with AES-256-GCM under a key derived from the
// passphrase with scrypt (parameters and salt stored beside it, so they can be raised later).
// Deliberately not Node's encrypted PKCS#8 export (PBKDF2 with 2,048 iterations).
import { randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { open, seal } from '../../crypto/kek.js';
import type { PassphraseKdf } from '../schema.js';

/** N = 2^16, r = 8: about 150–200 ms and 64 MiB on a current server core (≥ 100 ms required). */
export const KDF_DEFAULTS = { logN: 16, r: 8, p: 1 } as const;

function scrypt(passphrase: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFKC'), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function derive(passphrase: string, kdf: PassphraseKdf): Promise<Buffer> {
  const N = 2 ** kdf.logN;
  return scrypt(passphrase, Buffer.from(kdf.salt, 'base64'), { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r });
}

export function credentialKeyContext(serialHex: string): string {
  return `signature.credential:${serialHex}`;
}

export async function wrapPrivateKey(
  pkcs8: Uint8Array,
  passphrase: string,
  context: string,
  params: { logN: number; r: number; p: number } = KDF_DEFAULTS,
): Promise<{ kdf: PassphraseKdf; encrypted: string }> {
  const kdf: PassphraseKdf = { alg: 'scrypt', logN: params.logN, r: params.r, p: params.p, salt: randomBytes(16).toString('base64') };
  const key = await derive(passphrase, kdf);
  try {
    return { kdf, encrypted: seal(key, Buffer.from(pkcs8), context) };
  } finally {
    key.fill(0);
  }
}

/** The PKCS#8 bytes, or null when the passphrase is wrong (GCM authentication fails). */
export async function unwrapPrivateKey(encrypted: string, kdf: PassphraseKdf, passphrase: string, context: string): Promise<Buffer | null> {
  if (kdf.alg !== 'scrypt') throw new Error(`unknown key derivation ${String(kdf.alg)}`);
  const key = await derive(passphrase, kdf);
  try {
    return open(key, encrypted, context);
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

/** Why a new passphrase is refused (Indonesian), or null. */
export function passphraseWeakness(passphrase: string): string | null {
  if (passphrase.length < 8) return 'Passphrase minimal 8 karakter.';
  if (passphrase.length > 200) return 'Passphrase maksimal 200 karakter.';
  if (!/\p{L}/u.test(passphrase) || !/\d/.test(passphrase)) return 'Passphrase harus mengandung huruf dan angka.';
  if (/^(.)\1+$/.test(passphrase)) return 'Passphrase terlalu mudah ditebak.';
  return null;
}
