// Signing with the instance CA: the signer's key is unwrapped with his passphrase for the
// duration of one call, then PAdES B-B/B-T/B-LT signatures are made locally.
import type { AppContext } from '../../context.js';
import { latestCredential, unlockCredential, usableCredential, type UnlockedCredential } from '../credentialStore.js';
import { footerFor } from '../footer.js';
import { getPki, issuerDisplayName, type Pki } from '../pki/authority.js';
import { parseTimestampToken } from '../pki/tsa.js';
import { issuingCrl, ocspFor, rootCrl } from '../pki/revocation.js';
import { buildCadesSignature, type CadesKey } from '../pades/cades.js';
import { addDss } from '../pades/dss.js';
import { fillSignature } from '../pades/fill.js';
import { pdfjs } from '../pades/marker.js';
import { assertPdfBytes } from '../pades/pdfLoad.js';
import { resolveStampBox } from '../pades/placement.js';
import { addSignatureField } from '../pades/placeholder.js';
import { timestamperFor } from '../timestamping.js';
import { WrongPassphraseError, type SignedPdf, type Signer, type SigningSession, type SignItem } from './types.js';

/** Bytes to reserve for /Contents: the CMS with its certificates and the timestamp token. */
export function contentsReserve(certSizes: number[], timestamp: 'none' | 'local' | 'external', tsaCertSizes: number[] = []): number {
  const base = certSizes.reduce((a, b) => a + b, 0) + 1536;
  const ts = timestamp === 'none' ? 0 : timestamp === 'local' ? tsaCertSizes.reduce((a, b) => a + b, 0) + 1536 : 16_384;
  return Math.ceil((base + ts) / 1024) * 1024;
}

class LocalSession implements SigningSession {
  readonly signerKind = 'local' as const;
  private closed = false;
  private validation: Promise<{ ocsps: Buffer[]; crls: Buffer[] }> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly pki: Pki,
    private credential: UnlockedCredential | null,
    private readonly footer: string,
  ) {}

  private get key(): CadesKey {
    if (!this.credential || this.closed) throw new Error('signing session closed');
    return { cert: this.credential.pk, chain: [this.pki.issuing.pk, this.pki.root.pk], key: this.credential.key };
  }

  /** OCSP for the signer and TSA certificates and the root CRL: the same for every document of the call. */
  private validationData() {
    this.validation ??= (async () => {
      const db = this.ctx.database.db;
      const ocsps = [await ocspFor(this.ctx, db, this.pki, this.credential!.pk)];
      if (!this.ctx.config.signature.tsaUrl) ocsps.push(await ocspFor(this.ctx, db, this.pki, this.pki.tsa.pk));
      return { ocsps, crls: [await rootCrl(this.ctx, this.pki), await issuingCrl(this.ctx, db, this.pki)] };
    })();
    return this.validation;
  }

  async sign(item: SignItem): Promise<SignedPdf> {
    const key = this.key;
    const credential = this.credential!;
    const level = item.level ?? 'B-LT';
    assertPdfBytes(item.pdf, this.ctx.config.uploads.uploadMaxBytes);
    const box = await resolveStampBox(item.pdf, item.appearance);
    const external = Boolean(this.ctx.config.signature.tsaUrl);
    const reserve = contentsReserve(
      [credential.der.length, this.pki.issuing.der.length, this.pki.root.der.length],
      level === 'B-B' ? 'none' : external ? 'external' : 'local',
      [this.pki.tsa.der.length, this.pki.issuing.der.length],
    );
    const now = this.ctx.now();
    const withField = await addSignatureField(item.pdf, {
      kind: 'signature',
      contentsLength: reserve,
      reason: item.reason,
      location: item.location,
      signerName: item.appearance.visible ? item.appearance.signerName : credential.cert.subjectName.getField('CN')[0],
      signingTime: now,
      stamp:
        box && item.appearance.visible
          ? { box, content: { verificationUrl: item.verificationUrl, signerName: item.appearance.signerName, signerTitle: item.appearance.signerTitle, nip: item.appearance.nip ?? null } }
          : null,
      footer: item.appearance.visible ? this.footer : null,
    });
    const timestamper = level === 'B-B' ? null : timestamperFor(this.ctx, this.pki);
    let token: Buffer | null = null;
    let cms: Buffer | null = null;
    let pdf: Uint8Array = await fillSignature(withField, async (content) => {
      const r = await buildCadesSignature(content, key, timestamper);
      token = r.timestampToken;
      cms = r.cms;
      return r.cms;
    });
    if (level === 'B-LT') {
      const v = await this.validationData();
      const contents = Buffer.alloc(reserve);
      cms!.copy(contents);
      const certs = [credential.der, this.pki.issuing.der, this.pki.root.der];
      if (!external) certs.push(this.pki.tsa.der);
      else if (token) certs.push(...tokenCertificates(token));
      pdf = await addDss(pdf, { certs, ocsps: v.ocsps, crls: v.crls }, [{ contents, certs, ocsps: v.ocsps, crls: v.crls }]);
    }
    const signedAt = token ? parseTimestampToken(token).tstInfo.genTime : now;
    return { pdf, certificateSerial: credential.row.certificateSerial, signedAt };
  }

  close(): void {
    this.closed = true;
    this.credential = null;
  }
}

function tokenCertificates(token: Buffer): Buffer[] {
  const { signedData } = parseTimestampToken(token);
  return (signedData.certificates ?? []).flatMap((c) => ('tbsView' in c ? [Buffer.from(c.toSchema().toBER(false))] : []));
}

export const localSigner: Signer = {
  kind: 'local',
  async open(ctx, userId, passphrase) {
    // pdf.js takes a moment to load the first time; let it load while scrypt runs.
    void pdfjs().catch(() => {});
    const row = usableCredential(await latestCredential(ctx.database.db, userId), ctx.now());
    const [unlocked, pki] = await Promise.all([unlockCredential(row, passphrase), getPki(ctx)]);
    if (!unlocked) throw new WrongPassphraseError();
    const footer = await footerFor(ctx.database.db, issuerDisplayName(pki));
    return new LocalSession(ctx, pki, unlocked, footer);
  },
};
