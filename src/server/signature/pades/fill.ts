// Fills the /ByteRange placeholder and /Contents of the last signature field with
// @signpdf/signpdf (byte-range computation only; the CMS comes from `produce`).
import { SignPdf, Signer } from '@signpdf/signpdf';

class CallbackSigner extends Signer {
  constructor(private readonly produce: (signedContent: Buffer) => Promise<Buffer>) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return this.produce(pdfBuffer);
  }
}

export async function fillSignature(pdf: Uint8Array, produce: (signedContent: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const bytes = Buffer.isBuffer(pdf) ? pdf : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  return new SignPdf().sign(bytes, new CallbackSigner(produce));
}
