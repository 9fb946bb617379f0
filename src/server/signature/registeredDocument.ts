// The public side of a QR code: what was registered under the code, and whether an uploaded
// file is that document.
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { sha256Hex } from '../files/blobStore.js';
import { isVerificationCode, verificationsOf } from './verificationCodes.js';

export interface RegisteredDocument {
  code: string;
  title: string;
  number: string | null;
  date: string | null;
  signerName: string;
  signerTitle: string;
  sha256: string;
  registeredAt: Date;
  revisions: number;
  /** Signed through POST /signature/sign (no chain, no number): not a naskah dinas of the workflow. */
  outsideWorkflow: boolean;
}

export async function registeredDocument(db: Db, code: string): Promise<{ doc: RegisteredDocument; hashes: string[] }> {
  const c = code.toUpperCase();
  if (!isVerificationCode(c)) throw new AppError('VERIFICATION_NOT_FOUND', { code });
  const rows = await verificationsOf(db, c);
  const latest = rows[0];
  if (!latest) throw new AppError('VERIFICATION_NOT_FOUND', { code });
  return {
    doc: {
      code: c,
      title: latest.title,
      number: latest.number,
      date: latest.date,
      signerName: latest.signerName,
      signerTitle: latest.signerTitle,
      sha256: latest.sha256,
      registeredAt: latest.createdAt,
      revisions: rows.length,
      outsideWorkflow: !latest.documentId,
    },
    hashes: rows.map((r) => r.sha256),
  };
}

/** 'latest' when the file is the registered document, 'earlier_revision' for an earlier signed revision. */
export function matchRegistered(pdf: Uint8Array, hashes: string[]): 'latest' | 'earlier_revision' | 'no' {
  const h = sha256Hex(pdf);
  if (hashes[0] === h) return 'latest';
  return hashes.includes(h) ? 'earlier_revision' : 'no';
}
