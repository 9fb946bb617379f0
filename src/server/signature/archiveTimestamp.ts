// PAdES B-LTA for archived documents: validation data (DSS) for every signature in the file,
// then a document timestamp over everything, then the validation data of that timestamp.
import type { AppContext } from '../context.js';
import { sha256Hex } from '../files/blobStore.js';
import { getPki } from './pki/authority.js';
import { issuingCrl, ocspFor, rootCrl } from './pki/revocation.js';
import { addDss, type VriEntry } from './pades/dss.js';
import { addDocumentTimestamp } from './pades/docTimestamp.js';
import { tokenCertificates } from './pades/signPades.js';
import { assertPdfBytes } from './pades/pdfLoad.js';
import { timestamperFor } from './timestamping.js';
import { certEntry, issues } from './verify/chain.js';
import { certificateFromDer } from './pki/asn1.js';
import { PdfRevision } from './verify/pdfRevision.js';
import { extractSignatures, parseCms, timestampTokenOf, tokenInfo } from './verify/signatures.js';

export async function addArchiveTimestamp(ctx: AppContext, pdf: Uint8Array): Promise<Uint8Array> {
  assertPdfBytes(pdf, ctx.config.uploads.uploadMaxBytes);
  const pki = await getPki(ctx);
  const db = ctx.database.db;
  // Every issuing CA: a signature made before a rollover chains to the earlier one.
  const issuers = pki.issuers.map((i) => certEntry(i.der));
  const crls = [await rootCrl(ctx, pki), ...(await Promise.all(pki.issuers.map((i) => issuingCrl(ctx, db, pki, i))))];
  const tsaOcsp = await ocspFor(ctx, db, pki, pki.tsa.pk);

  // 1. Validation data for the signatures already there.
  const vri: VriEntry[] = [];
  const all = { certs: [pki.root.der, ...pki.issuers.map((i) => i.der), pki.tsa.der], ocsps: [tsaOcsp], crls };
  for (const sig of extractSignatures(new PdfRevision(pdf))) {
    const certs: Buffer[] = [];
    const ocsps: Buffer[] = [];
    try {
      const cms = parseCms(sig.cms);
      for (const c of cms.certificates) certs.push(c.der);
      const token = sig.kind === 'timestamp' ? sig.cms : timestampTokenOf(cms.signerInfo);
      if (token) certs.push(...tokenInfo(token).sd.certificates);
      if (cms.signerCert && sig.kind === 'signature') {
        const signer = certEntry(cms.signerCert.der);
        // Our own certificates get an OCSP answer; others keep what their signature carried.
        if (issuers.some((i) => issues(i, signer))) ocsps.push(await ocspFor(ctx, db, pki, certificateFromDer(cms.signerCert.der)));
      }
    } catch {
      continue;
    }
    vri.push({ contents: sig.contents, certs, ocsps, crls });
    all.certs.push(...certs);
    all.ocsps.push(...ocsps);
  }
  let out = await addDss(pdf, all, vri);

  // 2. The document timestamp.
  const stamped = await addDocumentTimestamp(out, timestamperFor(ctx, pki), ctx.config.signature.tsaUrl ? 16_384 : pki.tsa.der.length + pki.issuing.der.length + 2048);
  out = stamped.pdf;
  const token = stamped.token;

  // 3. Validation data for the timestamp itself.
  const tokenCerts = tokenCertificates(token);
  out = await addDss(out, { certs: [...tokenCerts, pki.root.der], ocsps: ctx.config.signature.tsaUrl ? [] : [tsaOcsp], crls });
  ctx.log.info({ sha256: sha256Hex(out) }, 'archive timestamp added');
  return out;
}
