// Signing through BSrE (SIGNER=bsre): the signer is identified by his NIK, BSrE holds his key
// and checks his passphrase. The visible stamp is BSrE's: our QR code image at the position we
// resolve (marker or coordinates). Wrong passphrase (2031) counts towards our lockout too.
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { users } from '../../org/schema.js';
import { assertPdfBytes } from '../pades/pdfLoad.js';
import { resolveStampBox } from '../pades/placement.js';
import { lastSignatureInfo } from '../verify/signatures.js';
import { bsreSignPdf, bsreUserStatus, BsreError, type BsreConfig } from '../bsre/client.js';
import { WrongPassphraseError, type SignedPdf, type Signer, type SigningSession, type SignItem } from './types.js';

const STATUS_MESSAGES: Record<string, string> = {
  EXPIRED: 'Sertifikat elektronik di BSrE telah kedaluwarsa.',
  RENEW: 'Sertifikat elektronik di BSrE sedang dalam proses pembaruan.',
  NEW: 'Pendaftaran sertifikat elektronik di BSrE belum selesai.',
  SUSPEND: 'Sertifikat elektronik di BSrE sedang ditangguhkan.',
  REVOKE: 'Sertifikat elektronik di BSrE telah dicabut.',
};

/** BSrE error codes and statuses -> our errors. */
export function mapBsreError(e: unknown): Error {
  if (!(e instanceof BsreError)) return e as Error;
  if (e.kind === 'unavailable') return new AppError('SIGNING_SERVICE_UNAVAILABLE', { httpStatus: e.httpStatus });
  switch (e.statusCode) {
    case 2031:
      return new WrongPassphraseError();
    case 2011:
      return new AppError('BSRE_USER_NOT_REGISTERED', { bsreCode: 2011 });
    case 2021:
      return new AppError('BSRE_NO_CERTIFICATE', { bsreCode: 2021 });
    default:
      return new AppError('SIGNING_SERVICE_FAILED', { bsreCode: e.statusCode, httpStatus: e.httpStatus, reason: e.message.slice(0, 200) });
  }
}

export function checkBsreStatus(status: string, statusCode: number | null): void {
  if (status === 'ISSUE') return;
  if (status === 'NOT_REGISTERED' || statusCode === 1110) throw new AppError('BSRE_USER_NOT_REGISTERED', { bsreStatus: status });
  if (status === 'NO_CERTIFICATE') throw new AppError('BSRE_NO_CERTIFICATE', { bsreStatus: status });
  const msg = STATUS_MESSAGES[status];
  throw new AppError('BSRE_CERTIFICATE_STATUS', { bsreStatus: status }, msg ? { id: msg, en: `BSrE certificate status: ${status}` } : undefined);
}

class BsreSession implements SigningSession {
  readonly signerKind = 'bsre' as const;
  private passphrase: string | null;

  constructor(
    private readonly ctx: AppContext,
    private readonly cfg: BsreConfig,
    private readonly nik: string,
    passphrase: string,
  ) {
    this.passphrase = passphrase;
  }

  async sign(item: SignItem): Promise<SignedPdf> {
    if (this.passphrase === null) throw new Error('signing session closed');
    assertPdfBytes(item.pdf, this.ctx.config.uploads.uploadMaxBytes);
    const box = await resolveStampBox(item.pdf, item.appearance);
    const visible = box
      ? {
          page: box.pageIndex + 1,
          x: box.x,
          y: box.y,
          width: Math.min(box.width, box.height),
          height: Math.min(box.width, box.height),
          imagePng: await QRCode.toBuffer(item.verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 }),
          linkQR: item.verificationUrl,
        }
      : null;
    let signed: Buffer;
    try {
      signed = await bsreSignPdf(this.cfg, { nik: this.nik, passphrase: this.passphrase, pdf: item.pdf, fileName: 'naskah.pdf', visible, reason: item.reason, location: item.location });
    } catch (e) {
      // The error carries BSrE's code and message, never the request.
      this.ctx.log.warn({ err: e instanceof BsreError ? { kind: e.kind, httpStatus: e.httpStatus, bsreCode: e.statusCode, message: e.message } : e }, 'remote signing call failed');
      throw mapBsreError(e);
    }
    let info;
    try {
      info = await lastSignatureInfo(signed);
    } catch {
      throw new AppError('SIGNING_SERVICE_FAILED', { reason: 'BSrE returned a file without a readable signature' });
    }
    return { pdf: signed, certificateSerial: info.certificateSerial, signedAt: info.timestamp ?? info.claimedTime ?? this.ctx.now() };
  }

  close(): void {
    this.passphrase = null;
  }
}

export const bsreSigner: Signer = {
  kind: 'bsre',
  async open(ctx, userId, passphrase) {
    const { url } = ctx.config.signature.bsre;
    if (!url) throw new AppError('SIGNING_SERVICE_UNAVAILABLE', { reason: 'BSRE_URL not configured' });
    const [user] = await ctx.database.db.select({ nik: users.nik }).from(users).where(eq(users.id, userId));
    if (!user?.nik) throw new AppError('SIGNER_NIK_MISSING');
    const cfg: BsreConfig = { ...ctx.config.signature.bsre, url };
    let status;
    try {
      status = await bsreUserStatus(cfg, user.nik);
    } catch (e) {
      throw mapBsreError(e);
    }
    checkBsreStatus(status.status, status.statusCode);
    return new BsreSession(ctx, cfg, user.nik, passphrase);
  },
};
