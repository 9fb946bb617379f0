// The QR code of a signed document leads to /verifikasi/<code>: what was registered under the
// code (title, number, date, signer and the SHA-256 of each signed revision).
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { signatureVerifications } from './schema.js';

/** Unambiguous alphabet (no 0/O, 1/I/L): readable if someone types the code from paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short random code for the QR URL: 12 characters, about 59 bits. */
export function newVerificationCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export function isVerificationCode(s: string): boolean {
  return /^[A-HJ-NP-Z2-9]{8,32}$/.test(s);
}

export function verificationUrl(ctx: Pick<AppContext, 'config'>, code: string): string {
  return `${ctx.config.publicUrl}/verifikasi/${code}`;
}

export interface VerificationRegistration {
  code: string;
  sha256: string;
  fileId?: string | null;
  documentId?: string | null;
  title: string;
  number?: string | null;
  date?: string | null;
  signerName: string;
  signerTitle: string;
}

/** Called in the caller's transaction after signing; one row per signed revision. */
export async function registerVerification(db: Db, r: VerificationRegistration): Promise<void> {
  await db.insert(signatureVerifications).values({
    code: r.code,
    sha256: r.sha256.toLowerCase(),
    fileId: r.fileId ?? null,
    documentId: r.documentId ?? null,
    title: r.title,
    number: r.number ?? null,
    date: r.date ?? null,
    signerName: r.signerName,
    signerTitle: r.signerTitle,
  });
}

export type VerificationRow = typeof signatureVerifications.$inferSelect;

/** Rows of a code, latest first (the first is "the registered document"). */
export async function verificationsOf(db: Db, code: string): Promise<VerificationRow[]> {
  return db.select().from(signatureVerifications).where(eq(signatureVerifications.code, code)).orderBy(desc(signatureVerifications.createdAt), desc(signatureVerifications.id));
}
