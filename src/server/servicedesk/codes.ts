// One-time codes and link tokens: random, stored only as hashes.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function hashSecret(kind: string, id: string, value: string): string {
  return createHash('sha256').update(`${kind}\0${id}\0${value}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function linkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(`activation\0${token}`).digest('hex');
}
