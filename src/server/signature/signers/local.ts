// Signing with the instance CA: the signer's key is unwrapped with his passphrase for the
// duration of one call, then PAdES B-B/B-T/B-LT signatures are made locally.
import type * as pkijs from 'pkijs';
import type { AppContext } from '../../context.js';
import { latestCredential, unlockCredential, usableCredential, type UnlockedCredential } from '../credentialStore.js';
import { footerFor } from '../footer.js';
import { getPki, issuerDisplayName, type Pki } from '../pki/authority.js';
import { issuerOf, issuingCrl, ocspFor, rootCrl } from '../pki/revocation.js';
import type { CadesKey } from '../pades/cades.js';
import { signPades, type PadesRequest } from '../pades/signPades.js';
import { pdfjs } from '../pades/marker.js';
import { assertPdfBytes } from '../pades/pdfLoad.js';
import { resolveStampBox } from '../pades/placement.js';
import { timestamperFor } from '../timestamping.js';
import { WrongPassphraseError, type PadesLevel, type SignedPdf, type Signer, type SigningSession, type SignItem } from './types.js';

export interface ValidationData {
  ocsps: Buffer[];
  crls: Buffer[];
}

/** OCSP for a certificate of the issuing CA (and for our TSA), and both CRLs: what B-LT embeds. */
export async function instanceValidationData(ctx: AppContext, pki: Pki, cert: pkijs.Certificate): Promise<ValidationData> {
  const db = ctx.database.db;
  const ocsps = [await ocspFor(ctx, db, pki, cert)];
  if (!ctx.config.signature.tsaUrl) ocsps.push(await ocspFor(ctx, db, pki, pki.tsa.pk));
  return { ocsps, crls: [await rootCrl(ctx, pki), await issuingCrl(ctx, db, pki, issuerOf(pki, cert))] };
}

export interface InstanceCaSignRequest {
  pdf: Uint8Array;
  key: CadesKey;
  certDer: Buffer;
  /** The issuing CA that certified `certDer` (the current one, or an earlier one after a rollover). */
  issuerDer: Buffer;
  level: PadesLevel;
  validation: ValidationData | undefined;
  stamp: PadesRequest['stamp'];
  footer: string | null;
  reason?: string | undefined;
  location?: string | undefined;
  signerName?: string | undefined;
}

/** One PAdES signature with a key certified by the instance CA (a person's, or an office's seal). */
export function signWithInstanceCa(ctx: AppContext, pki: Pki, r: InstanceCaSignRequest) {
  const external = Boolean(ctx.config.signature.tsaUrl);
  return signPades({
    pdf: r.pdf,
    key: r.key,
    chainDer: [r.certDer, r.issuerDer, pki.root.der],
    level: r.level,
    timestamper: r.level === 'B-B' ? null : timestamperFor(ctx, pki),
    timestampReserve: external ? 16_384 : pki.tsa.der.length + pki.issuing.der.length + 1536,
    validation: r.validation ? { ocsps: r.validation.ocsps, crls: r.validation.crls, extraCerts: external ? [] : [pki.tsa.der] } : undefined,
    stamp: r.stamp,
    footer: r.footer,
    reason: r.reason,
    location: r.location,
    signerName: r.signerName,
    now: ctx.now(),
  });
}

class LocalSession implements SigningSession {
  readonly signerKind = 'local' as const;
  private closed = false;
  private validation: Promise<ValidationData> | null = null;

  private credential: UnlockedCredential | null = null;

  /** `unlocking` runs scrypt off the event loop; documents are prepared meanwhile. */
  constructor(
    private readonly ctx: AppContext,
    private readonly pki: Pki,
    private unlocking: Promise<UnlockedCredential | null> | null,
    private readonly footer: string,
  ) {}

  async unlock(): Promise<void> {
    if (this.closed || !this.unlocking) throw new Error('signing session closed');
    const c = await this.unlocking;
    if (!c) throw new WrongPassphraseError();
    this.credential = c;
  }

  private get key(): CadesKey {
    if (!this.credential || this.closed) throw new Error('signing session closed');
    return { certDer: this.credential.der, chainDer: [issuerOf(this.pki, this.credential.pk).der, this.pki.root.der], key: this.credential.key };
  }

  /** OCSP for the signer and TSA certificates and the root CRL: the same for every document of the call. */
  private validationData() {
    this.validation ??= instanceValidationData(this.ctx, this.pki, this.credential!.pk);
    return this.validation;
  }

  async sign(item: SignItem): Promise<SignedPdf> {
    const level = item.level ?? 'B-LT';
    assertPdfBytes(item.pdf, this.ctx.config.uploads.uploadMaxBytes);
    // The stamp position is found while the key may still be unlocking.
    const [box] = await Promise.all([resolveStampBox(item.pdf, item.appearance), this.credential ? null : this.unlock()]);
    const key = this.key;
    const credential = this.credential!;
    const r = await signWithInstanceCa(this.ctx, this.pki, {
      pdf: item.pdf,
      key,
      certDer: credential.der,
      issuerDer: key.chainDer[0]!,
      level,
      validation: level === 'B-LT' ? await this.validationData() : undefined,
      stamp:
        box && item.appearance.visible
          ? { box, content: { verificationUrl: item.verificationUrl, signerName: item.appearance.signerName, signerTitle: item.appearance.signerTitle, nip: item.appearance.nip ?? null }, seal: item.appearance.seal ?? null }
          : null,
      footer: item.appearance.visible ? this.footer : null,
      reason: item.reason,
      location: item.location,
      signerName: item.appearance.visible ? item.appearance.signerName : credential.cert.subjectName.getField('CN')[0],
    });
    return { pdf: r.pdf, certificateSerial: credential.row.certificateSerial, signedAt: r.signedAt };
  }

  close(): void {
    this.closed = true;
    this.credential = null;
    this.unlocking = null;
  }
}

export const localSigner: Signer = {
  kind: 'local',
  async open(ctx, userId, passphrase) {
    // pdf.js takes a moment to load the first time; let it load while scrypt runs.
    void pdfjs().catch(() => {});
    const row = usableCredential(await latestCredential(ctx.database.db, userId), ctx.now());
    const unlocking = unlockCredential(ctx.kek, row, passphrase);
    unlocking.catch(() => {});
    const pki = await getPki(ctx);
    const footer = await footerFor(ctx.database.db, issuerDisplayName(pki));
    return new LocalSession(ctx, pki, unlocking, footer);
  },
};
