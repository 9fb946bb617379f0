// WebCrypto for pkijs and @peculiar/x509, and the key helpers of both algorithms we issue
// (ECDSA P-256, RSA-2048 PKCS#1 v1.5), all with SHA-256.
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from './x509.js';
import * as pkijs from 'pkijs';
import type { KeyAlgorithm } from '../schema.js';

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;

export const crypto = webcrypto;
export const subtle = crypto.subtle;

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: crypto as never }));
x509.cryptoProvider.set(crypto as never);

export function keyGenParams(alg: KeyAlgorithm): webcrypto.EcKeyGenParams | webcrypto.RsaHashedKeyGenParams {
  return alg === 'P-256'
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
}

export function importParams(alg: KeyAlgorithm): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams {
  return alg === 'P-256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
}

/** Algorithm for x509 generators and WebCrypto sign(). */
export function signingAlgorithm(alg: KeyAlgorithm): Algorithm | EcdsaParams {
  return alg === 'P-256' ? ({ name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams) : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm;
}

export async function generateKeyPair(alg: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(keyGenParams(alg), true, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function exportPkcs8(key: CryptoKey): Promise<Buffer> {
  return Buffer.from(await subtle.exportKey('pkcs8', key));
}

/** A non-extractable signing key from PKCS#8. */
export async function importPrivateKey(pkcs8: Uint8Array, alg: KeyAlgorithm): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', pkcs8, importParams(alg), false, ['sign']);
}

export function algorithmOf(cert: x509.X509Certificate): KeyAlgorithm {
  const name = cert.publicKey.algorithm.name;
  if (name === 'ECDSA') return 'P-256';
  if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS' || name === 'RSA-OAEP') return 'RSA-2048';
  throw new Error(`unsupported key algorithm ${name}`);
}

export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}

export function sha1(data: Uint8Array | string): Buffer {
  return createHash('sha1').update(data).digest();
}

/** A positive random serial (hex, 16 bytes, top bit clear). */
export function randomSerialHex(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[0] = (b[0]! & 0x7f) | 0x10;
  return Buffer.from(b).toString('hex');
}

export function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

export function pemToDer(pem: string): Buffer {
  const b64 = pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}
