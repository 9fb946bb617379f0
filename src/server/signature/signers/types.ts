// The one small interface both signing implementations meet: the local CA (key unwrapped with
// the passphrase for one call) and the BSrE remote-signing service.
import type { AppContext } from '../../context.js';

/** PDF points, origin bottom-left of the page's visible box, page 1-based. */
export type StampPlacement = { page: number; x: number; y: number; width: number; height: number };

export type Appearance =
  | { visible: false }
  | {
      visible: true;
      /**
       * Explicit coordinates; a text marker; or the signature block of the named signer (the
       * blank space between his title and his printed name: what letters use).
       */
      placement: StampPlacement | { marker: string } | { signatureBlockOf: string };
      signerName: string;
      /** e.g. "Plt. Kepala Dinas …" or "a.n. Bupati Contoh\nSekretaris Daerah" */
      signerTitle: string;
      nip?: string | null;
      /** The issuing unit's office seal (cap dinas), placed left of the stamp; local signer only. */
      seal?: SealImage | null;
    };

/** A PNG or JPEG already validated at upload (org/sealImage.ts). */
export interface SealImage {
  kind: 'png' | 'jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type PadesLevel = 'B-B' | 'B-T' | 'B-LT';

export interface SignItem {
  pdf: Uint8Array;
  appearance: Appearance;
  /** What the QR code encodes. */
  verificationUrl: string;
  reason?: string | undefined;
  location?: string | undefined;
  /** Default B-LT. */
  level?: PadesLevel | undefined;
}

export interface SignedPdf {
  pdf: Uint8Array;
  certificateSerial: string;
  /** The timestamp's time when there is one, else the server clock. */
  signedAt: Date;
}

/** One unlocked signing credential, for the duration of one call (single or bulk). */
export interface SigningSession {
  readonly signerKind: 'local' | 'bsre';
  /**
   * Checks the passphrase now (throws WrongPassphraseError), where the signer can do so without
   * signing. Otherwise a wrong passphrase surfaces from the first sign().
   */
  unlock?(): Promise<void>;
  sign(item: SignItem): Promise<SignedPdf>;
  /** Drops the unwrapped key / passphrase. */
  close(): void;
}

export interface Signer {
  readonly kind: 'local' | 'bsre';
  /** May throw WrongPassphraseError; or the session's unlock()/sign() does. */
  open(ctx: AppContext, userId: string, passphrase: string): Promise<SigningSession>;
}

/** The passphrase was wrong (raised by open(), or by sign() for remote signers). */
export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
    this.name = 'WrongPassphraseError';
  }
}
