// Signing documents: one passphrase entry unlocks the signer's credential for one call (a
// single document or a bulk run), under the wrong-passphrase lockout. Used by the documents
// workflow and by this module's API. Authorisation (who may sign what) is the caller's job.
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { recordAudit } from '../audit/recordAudit.js';
import { AppError, isAppError } from '../errors.js';
import { sha256Hex } from '../files/blobStore.js';
import { recordPassphraseFailure, recordPassphraseSuccess, releasePassphraseAttempt, reservePassphraseAttempt, wrongPassphraseError } from './passphraseGuard.js';
import { bsreSigner } from './signers/bsre.js';
import { localSigner } from './signers/local.js';
import { WrongPassphraseError, type Signer, type SignedPdf, type SigningSession, type SignItem } from './signers/types.js';

export function signerFor(ctx: AppContext): Signer {
  return ctx.config.signature.signer === 'bsre' ? bsreSigner : localSigner;
}

export interface SignInput extends SignItem {
  signerUserId: string;
  /** Never logged, stored or returned. */
  passphrase: string;
}

export interface SessionOptions {
  ip?: string | null;
  /** Where the call came from, for the audit trail ("api", "document", "bulk" …). */
  via?: string;
  /** Check the passphrase before returning the session (where the signer can). */
  eager?: boolean;
}

/** A session whose wrong-passphrase errors (at open or, for BSrE, at the first sign) count towards the lockout. */
export async function openSigningSession(ctx: AppContext, userId: string, passphrase: string, opts: SessionOptions): Promise<SigningSession> {
  const signer = signerFor(ctx);
  // The attempt is counted before the passphrase is tried; it ends as a success, a failure, or
  // is given back when the session closes without the passphrase having been judged.
  await reservePassphraseAttempt(ctx, userId);
  let settled = false;
  const onWrong = async (): Promise<never> => {
    settled = true;
    const outcome = await recordPassphraseFailure(ctx, userId, opts.ip ?? null, opts.via ?? 'api');
    ctx.log.warn({ userId, signer: signer.kind, remaining: outcome.remaining, locked: outcome.locked }, 'wrong signing passphrase');
    throw wrongPassphraseError(outcome);
  };
  const release = () => {
    if (settled) return;
    settled = true;
    void releasePassphraseAttempt(ctx, userId).catch((err) => ctx.log.warn({ err, userId }, 'releasing a passphrase attempt'));
  };
  let session: SigningSession;
  try {
    session = await signer.open(ctx, userId, passphrase);
  } catch (e) {
    if (e instanceof WrongPassphraseError) return onWrong();
    release();
    throw e;
  }
  const confirm = async () => {
    if (settled) return;
    settled = true;
    await recordPassphraseSuccess(ctx, userId);
  };
  if (opts.eager && session.unlock) {
    try {
      await session.unlock();
    } catch (e) {
      session.close();
      if (e instanceof WrongPassphraseError) return onWrong();
      release();
      throw e;
    }
    await confirm();
  }
  return {
    signerKind: session.signerKind,
    async sign(item) {
      try {
        const r = await session.sign(item);
        await confirm();
        return r;
      } catch (e) {
        if (e instanceof WrongPassphraseError) return onWrong();
        throw e;
      }
    },
    close: () => {
      release();
      session.close();
    },
  };
}

export async function auditSigned(ctx: AppContext, userId: string, item: SignItem, r: SignedPdf, kind: string, opts: SessionOptions, db: Db = ctx.database.db): Promise<void> {
  ctx.log.info({ userId, signer: kind, via: opts.via ?? 'api', certificateSerial: r.certificateSerial, level: item.level ?? 'B-LT' }, 'document signed');
  await recordAudit(db, { at: ctx.now(),
    actorUserId: userId,
    action: 'signature.pdf_signed',
    entityType: 'user',
    entityId: userId,
    data: { signer: kind, via: opts.via ?? 'api', level: item.level ?? 'B-LT', certificateSerial: r.certificateSerial, sha256Before: sha256Hex(item.pdf), sha256After: sha256Hex(r.pdf), signedAt: r.signedAt.toISOString() },
    ip: opts.ip ?? null,
  });
}

export async function signPdf(ctx: AppContext, input: SignInput, opts: SessionOptions = {}): Promise<SignedPdf> {
  const session = await openSigningSession(ctx, input.signerUserId, input.passphrase, opts);
  try {
    const r = await session.sign(input);
    await auditSigned(ctx, input.signerUserId, input, r, session.signerKind, opts);
    return r;
  } finally {
    session.close();
  }
}

export type BatchItem = SignItem & { key: string };
export interface BatchItemResult {
  key: string;
  ok: boolean;
  pdf?: Uint8Array;
  certificateSerial?: string;
  signedAt?: Date;
  error?: AppError;
}

export interface SignBatchInput {
  signerUserId: string;
  passphrase: string;
  items: BatchItem[];
}

function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return new AppError('INTERNAL', { reason: (e as Error)?.message?.slice(0, 200) });
}

/**
 * Signs each item with one passphrase entry; each succeeds or fails on its own. A wrong
 * passphrase fails the whole call before any document (local) or stops at the first document
 * (BSrE: trying further documents would only lock the account). `onItem` reports progress.
 */
export async function signPdfBatch(
  ctx: AppContext,
  input: SignBatchInput,
  onItem?: (key: string, result: SignedPdf | AppError) => Promise<void>,
  opts: SessionOptions = {},
): Promise<BatchItemResult[]> {
  const session = await openSigningSession(ctx, input.signerUserId, input.passphrase, { via: 'bulk', eager: true, ...opts });
  const results: BatchItemResult[] = [];
  let abort: AppError | null = null;
  try {
    for (const item of input.items) {
      if (abort) {
        results.push({ key: item.key, ok: false, error: abort });
        await onItem?.(item.key, abort);
        continue;
      }
      try {
        const r = await session.sign(item);
        await auditSigned(ctx, input.signerUserId, item, r, session.signerKind, { via: 'bulk', ...opts });
        results.push({ key: item.key, ok: true, pdf: r.pdf, certificateSerial: r.certificateSerial, signedAt: r.signedAt });
        await onItem?.(item.key, r);
      } catch (e) {
        const err = asAppError(e);
        if (err.code === 'PASSPHRASE_WRONG' || err.code === 'PASSPHRASE_LOCKED') abort = err;
        if (err.code === 'INTERNAL') ctx.log.error({ err: e, key: item.key }, 'bulk signing item failed');
        results.push({ key: item.key, ok: false, error: err });
        await onItem?.(item.key, err);
      }
    }
  } finally {
    session.close();
  }
  return results;
}
