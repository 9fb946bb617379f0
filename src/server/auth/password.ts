// Password hashing with scrypt (Node's crypto, off the event loop).
// Stored form: "scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>" so parameters can be raised later.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const LOG_N = 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** LOG_N;
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: 256 * N * R });
  return ['scrypt', LOG_N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  // Without a stored hash we still spend the time, so response time does not reveal accounts.
  const parts = (stored ?? DUMMY).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const N = 2 ** Number(logN);
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 256 * N * Number(r),
  });
  return stored !== null && timingSafeEqual(key, expected);
}

const DUMMY = `scrypt$${LOG_N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEYLEN).toString('base64')}`;

/** Why a new password is refused, or null. Rules kept simple and explainable to users. */
export function passwordWeakness(password: string, context: { username?: string; name?: string } = {}): string | null {
  if (password.length < 10) return 'Kata sandi minimal 10 karakter.';
  if (password.length > 200) return 'Kata sandi maksimal 200 karakter.';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'Kata sandi harus mengandung huruf dan angka.';
  const lower = password.toLowerCase();
  if (context.username && lower.includes(context.username.toLowerCase())) return 'Kata sandi tidak boleh memuat nama pengguna.';
  if (/^(.)\1+$/.test(password) || ['password123', 'qwerty12345', '1234567890a'].includes(lower)) return 'Kata sandi terlalu mudah ditebak.';
  return null;
}

/** A readable temporary password (no look-alike characters) for new accounts. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  // Guarantee a digit and a letter so it passes passwordWeakness.
  return `${out.slice(0, 5)}-${out.slice(5, 10)}-${(bytes[0]! % 8) + 2}`;
}
