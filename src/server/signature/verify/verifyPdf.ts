// Verification of every signature and document timestamp of a PDF: integrity of the signed
// range, the signer and his certificate path to a trusted root (the instance root plus any
// extra roots), the timestamp, revocation (live, from the DSS, or online when asked), and
// whether anything other than signatures, DSS and document timestamps changed in the
// revisions after each signature. Works without a database (ctx null) given trusted roots.
import { PDFArray, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { sha256Hex } from '../../files/blobStore.js';
import { OIDS } from '../pki/asn1.js';
import { findPki, getPki } from '../pki/authority.js';
import { reasonName } from '../pki/crl.js';
import { pemToDer } from '../pki/crypto.js';
import { statusesOf } from '../pki/revocation.js';
import { assertPdfBytes, MAX_PDF_BYTES } from '../pades/pdfLoad.js';
import { buildChain, CertPool, certEntry, commonName, hasEku, nameFields, statusFromCrl, statusFromOcsp, statusOnline, UNKNOWN_REVOCATION, type CertEntry, type ChainResult, type RevocationResult } from './chain.js';
import { checkSignerInfo, digest, hashOfOid } from './cryptoCheck.js';
import { essHashes, signerCertOf } from './lite.js';
import { oid as oidOf } from './der.js';
import { diffRevisions, pageCount } from './diffRevisions.js';
import { eofOffsets, PdfRevision } from './pdfRevision.js';
import { buildReportText, summarise } from './report.js';
import type { SignatureReport, SignatureStatus, SignerReport, TimestampReport, VerificationReport } from './reportTypes.js';
import { extractSignatures, parseCms, timestampTokenOf, tokenInfo, type ExtractedSignature } from './signatures.js';

export interface VerifyOptions {
  /** Further trusted roots (PEM, several per string allowed). */
  extraTrustPem?: string[];
  /** Validation time when no timestamp proves one (default: now). */
  now?: Date;
  /** Ask OCSP responders named in certificates (off by default: uploads must not make the server fetch URLs). */
  online?: boolean;
  maxBytes?: number;
  /** Skip the instance PKI (e.g. the CLI without a database). */
  trustInstanceRoot?: boolean;
}

export type { SignatureStatus, SignerReport, TimestampReport, SignatureReport, VerificationReport } from './reportTypes.js';

const EMPTY_TS: TimestampReport = { present: false, valid: false, time: null, authority: null, trusted: false, problem: null };

/** A legal person's (seal) certificate, as ETSI EN 319 412-3 names one. */
export function isSealSigner(s: SignerReport): boolean {
  return Boolean(s.organisationIdentifier) && !s.nik && !s.nip;
}

function signerReport(c: CertEntry): SignerReport {
  const f = nameFields(c);
  const issuer = nameFields(c, 'issuer');
  return {
    commonName: commonName(c),
    subject: c.node.subject.replace(/\n/g, ', '),
    nik: f.serialNumber ?? null,
    nip: f.UID ?? null,
    title: f.title ?? null,
    organisation: f.O ?? null,
    unit: f.OU ?? null,
    organisationIdentifier: f.organizationIdentifier ?? null,
    serial: c.info.serialHex,
    issuer: issuer.CN ?? c.node.issuer.replace(/\n/g, ', '),
    notBefore: new Date(c.node.validFrom).toISOString(),
    notAfter: new Date(c.node.validTo).toISOString(),
  };
}

interface DssMaterial {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
  vriKeys: Set<string>;
}

function readDss(rev: PdfRevision): DssMaterial {
  const out: DssMaterial = { certs: [], ocsps: [], crls: [], vriKeys: new Set() };
  const dss = rev.dict(rev.catalog().get(PDFName.of('DSS')));
  if (!dss) return out;
  const streams = (key: string) => {
    const arr = rev.array(dss.get(PDFName.of(key)));
    const res: Buffer[] = [];
    if (arr instanceof PDFArray)
      for (let i = 0; i < arr.size(); i++) {
        try {
          const s = rev.resolve(arr.get(i));
          if (s instanceof PDFRawStream) res.push(Buffer.from(rev.decode(s)));
        } catch {
          /* a damaged validation-data stream is simply not used */
        }
      }
    return res;
  };
  out.certs = streams('Certs');
  out.ocsps = streams('OCSPs');
  out.crls = streams('CRLs');
  const vri = rev.dict(dss.get(PDFName.of('VRI')));
  if (vri) for (const k of vri.keys()) out.vriKeys.add(k.decodeText().toUpperCase());
  return out;
}

function splitPem(pems: string[]): Buffer[] {
  const out: Buffer[] = [];
  for (const p of pems) {
    const blocks = p.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (blocks) out.push(...blocks.map((b) => pemToDer(b)));
    else if (p.trim()) out.push(pemToDer(p));
  }
  return out;
}

interface Env {
  ctx: AppContext | null;
  pdf: Uint8Array;
  final: PdfRevision;
  pool: CertPool;
  anchors: CertPool;
  dss: DssMaterial;
  now: Date;
  online: boolean;
  /** Our issuing CAs (current and earlier): their certificates' status is read live. */
  instanceIssuers: CertEntry[];
}

async function checkTimestampToken(env: Env, token: Buffer, imprinted: Uint8Array[]): Promise<TimestampReport & { entry: CertEntry | null; at: Date | null }> {
  let parsed;
  try {
    parsed = tokenInfo(token);
  } catch {
    return { ...EMPTY_TS, present: true, problem: 'Token cap waktu rusak.', entry: null, at: null };
  }
  const { sd, tst } = parsed;
  const time = tst.genTime;
  const hash = hashOfOid(tst.hashOid);
  for (const c of sd.certificates) env.pool.addDer(c);
  const signerInfo = sd.signerInfos[0];
  const tsaInfo = signerInfo ? signerCertOf(signerInfo, env.pool.all().map((e) => e.info)) : null;
  const entry = tsaInfo ? env.pool.addDer(tsaInfo.der) : null;
  const base = { present: true, time: time.toISOString(), authority: entry ? commonName(entry) : null, at: time };
  if (!hash || !tst.hashedMessage.equals(digest(hash, imprinted))) return { ...base, valid: false, trusted: false, problem: 'Cap waktu tidak sesuai dengan data yang dicap.', entry: null };
  if (!signerInfo || !entry) return { ...base, valid: false, trusted: false, problem: 'Sertifikat layanan cap waktu tidak ditemukan.', entry: null };
  const check = checkSignerInfo(signerInfo, entry.node.publicKey, sd.eContent ?? Buffer.alloc(0));
  if (!check.ok) return { ...base, valid: false, trusted: false, problem: 'Tanda tangan pada token cap waktu tidak valid.', entry: null };
  if (!hasEku(entry, '1.3.6.1.5.5.7.3.8')) return { ...base, valid: false, trusted: false, problem: 'Sertifikat cap waktu tidak untuk penandaan waktu (EKU timeStamping).', entry };
  const chain = buildChain(entry, env.pool, env.anchors, time);
  return { ...base, valid: chain.trusted || chain.untrustedRootOnly, trusted: chain.trusted, problem: chain.problem, entry };
}

async function revocationOf(env: Env, chain: ChainResult): Promise<RevocationResult> {
  const leaf = chain.path[0]!;
  const issuer = chain.path[1];
  if (!issuer) return UNKNOWN_REVOCATION;
  if (env.ctx && env.instanceIssuers.some((i) => i.id === issuer.id)) {
    const pki = await getPki(env.ctx);
    const serial = leaf.info.serialHex;
    const s = (await statusesOf(env.ctx.database.db, pki, [serial])).get(serial);
    if (s && s.kind !== 'unknown') {
      return s.kind === 'good'
        ? { status: 'good', source: 'live', revokedAt: null, reason: null, producedAt: env.now }
        : { status: 'revoked', source: 'live', revokedAt: s.revokedAt, reason: reasonName(s.reasonCode), producedAt: env.now };
    }
  }
  for (const o of env.dss.ocsps) {
    const r = statusFromOcsp(o, leaf, issuer, 'ocsp');
    if (r && r.status !== 'unknown') return r;
  }
  for (const c of env.dss.crls) {
    const r = statusFromCrl(c, leaf, issuer);
    if (r) return r;
  }
  if (env.online) {
    const r = await statusOnline(leaf, issuer);
    if (r) return r;
  }
  return UNKNOWN_REVOCATION;
}

function trimmedLength(pdf: Uint8Array): number {
  let n = pdf.byteLength;
  while (n > 0 && (pdf[n - 1] === 0x0a || pdf[n - 1] === 0x0d || pdf[n - 1] === 0x20 || pdf[n - 1] === 0x00)) n--;
  return n;
}

async function verifyOne(env: Env, sig: ExtractedSignature, index: number, all: ExtractedSignature[], eofs: number[]): Promise<SignatureReport> {
  const problems = [...sig.problems];
  const warnings: string[] = [];
  const report: SignatureReport = {
    index,
    kind: sig.kind,
    fieldName: sig.fieldName,
    subFilter: sig.subFilter,
    status: 'invalid',
    level: null,
    signer: null,
    claimedSigningTime: sig.claimedTime?.toISOString() ?? null,
    reason: sig.reason,
    location: sig.location,
    integrity: { ok: false, problem: null },
    coversWholeDocument: false,
    modifiedAfterSigning: { changed: false, details: [], notes: [] },
    chain: { trusted: false, path: [], problem: null },
    timestamp: EMPTY_TS,
    revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, checkedAt: null },
    problems,
    warnings,
  };
  const br = sig.byteRange;
  if (!br || sig.problems.length) {
    report.integrity.problem = sig.problems[0] ?? 'ByteRange tidak ada.';
    return report;
  }
  const pdf = env.pdf;
  const covered = [pdf.subarray(0, br[1]), pdf.subarray(br[2], br[2] + br[3])];
  const end = br[2] + br[3];
  report.coversWholeDocument = end >= trimmedLength(pdf);

  // Changes in later revisions.
  if (!report.coversWholeDocument) {
    if (!eofs.some((e) => e <= end && end - e <= 2)) {
      problems.push('Tanda tangan tidak mencakup satu revisi dokumen yang utuh.');
    } else {
      try {
        const diff = diffRevisions(new PdfRevision(pdf, end), env.final);
        report.modifiedAfterSigning = { changed: diff.disallowed.length > 0, details: diff.disallowed, notes: diff.notes };
        if (diff.disallowed.length) problems.push('Dokumen diubah setelah ditandatangani: ' + diff.disallowed.join(' '));
      } catch (e) {
        report.modifiedAfterSigning = { changed: true, details: [`Revisi setelah tanda tangan tidak dapat dibaca (${(e as Error).message}).`], notes: [] };
        problems.push('Revisi dokumen setelah tanda tangan tidak dapat diperiksa.');
      }
    }
  }

  if (sig.kind === 'timestamp') {
    const ts = await checkTimestampToken(env, sig.cms, covered);
    report.timestamp = { present: ts.present, valid: ts.valid, time: ts.time, authority: ts.authority, trusted: ts.trusted, problem: ts.problem };
    report.integrity = { ok: ts.valid, problem: ts.valid ? null : ts.problem };
    if (ts.entry) {
      report.signer = signerReport(ts.entry);
      const chain = buildChain(ts.entry, env.pool, env.anchors, ts.at ?? env.now);
      report.chain = { trusted: chain.trusted, path: chain.path.map(commonName), problem: chain.problem };
    }
    if (!ts.valid && ts.problem) problems.push(ts.problem);
    report.level = ts.valid ? 'B-LTA' : null;
    report.status = problems.length ? 'invalid' : ts.trusted ? 'valid' : 'untrusted';
    return report;
  }

  let cms;
  try {
    cms = parseCms(sig.cms);
  } catch {
    problems.push('Struktur tanda tangan (CMS) rusak.');
    report.integrity.problem = 'Struktur tanda tangan (CMS) rusak.';
    return report;
  }
  for (const c of cms.certificates) env.pool.addDer(c.der);
  if (!cms.signerCert) {
    problems.push('Sertifikat penanda tangan tidak ada dalam tanda tangan.');
    report.integrity.problem = 'Sertifikat penanda tangan tidak ditemukan.';
    return report;
  }
  const signer = env.pool.add(certEntry(cms.signerCert.der));
  report.signer = signerReport(signer);
  // An office's electronic seal (segel elektronik): a legal person's certificate names an
  // organisation (organizationIdentifier) and no person (no NIK, NIP). Checked as a signature.
  if (isSealSigner(report.signer)) report.kind = 'seal';
  const check = checkSignerInfo(cms.signerInfo, signer.node.publicKey, covered);
  report.integrity = { ok: check.ok, problem: check.reason };
  if (!check.ok) problems.push(check.reason!);

  // Signed attributes as PAdES baseline wants them.
  const attrs = cms.signerInfo.signedAttrs?.byType ?? new Map<string, never[]>();
  if (attrs.has(OIDS.signingTime) && sig.subFilter === 'ETSI.CAdES.detached') warnings.push('Atribut signing-time ada, padahal PAdES melarangnya.');
  const essV2 = attrs.get(OIDS.signingCertificateV2)?.[0];
  const essV1 = attrs.get(OIDS.signingCertificate)?.[0];
  if (essV2 || essV1) {
    try {
      const hashes = essHashes((essV2 ?? essV1)!, Boolean(essV2));
      if (!hashes.some((h) => { const alg = hashOfOid(h.hashOid); return !!alg && digest(alg, signer.der).equals(h.hash); })) problems.push('Atribut signing-certificate tidak menunjuk sertifikat penanda tangan.');
    } catch {
      problems.push('Atribut signing-certificate rusak.');
    }
  } else if (sig.subFilter === 'ETSI.CAdES.detached') warnings.push('Atribut signing-certificate-v2 tidak ada.');
  const ct = attrs.get(OIDS.contentType)?.[0];
  if (ct && (ct.tag !== 0x06 || oidOf(ct) !== OIDS.data)) problems.push('Jenis isi yang ditandatangani bukan id-data.');

  // Signature timestamp.
  const token = timestampTokenOf(cms.signerInfo);
  let proofTime: Date | null = null;
  if (token) {
    const ts = await checkTimestampToken(env, token, [cms.signerInfo.signature]);
    report.timestamp = { present: true, valid: ts.valid, time: ts.time, authority: ts.authority, trusted: ts.trusted, problem: ts.problem };
    if (!ts.valid) problems.push(`Cap waktu tanda tangan tidak valid: ${ts.problem ?? ''}`.trim());
    else {
      proofTime = ts.at;
      if (!ts.trusted) warnings.push(`Layanan cap waktu tidak dipercaya: ${ts.problem ?? ''}`.trim());
    }
  }
  // A later valid document timestamp also proves the signature existed by its time.
  const at = proofTime ?? env.now;

  const chain = buildChain(signer, env.pool, env.anchors, at);
  report.chain = { trusted: chain.trusted, path: chain.path.map(commonName), problem: chain.problem };
  if (!chain.trusted && !chain.untrustedRootOnly) problems.push(chain.problem ?? 'Rantai sertifikat tidak valid.');

  const rev = await revocationOf(env, chain);
  report.revocation = {
    status: rev.status,
    source: rev.source,
    revokedAt: rev.revokedAt?.toISOString() ?? null,
    reason: rev.reason,
    checkedAt: rev.producedAt?.toISOString() ?? null,
  };
  if (rev.status === 'revoked') {
    if (proofTime && rev.revokedAt && rev.revokedAt > proofTime) warnings.push(`Sertifikat dicabut pada ${rev.revokedAt.toISOString()}, setelah waktu penandatanganan yang dibuktikan cap waktu.`);
    else problems.push(`Sertifikat penanda tangan telah dicabut${rev.revokedAt ? ` pada ${rev.revokedAt.toISOString()}` : ''}${rev.reason ? ` (${rev.reason})` : ''}.`);
  } else if (rev.status === 'unknown') warnings.push('Status pencabutan sertifikat tidak dapat diperiksa.');

  // Level.
  if (proofTime) {
    const vriKey = digest('SHA-1', sig.contents).toString('hex').toUpperCase();
    const hasLtv = env.dss.vriKeys.has(vriKey) || (rev.source === 'ocsp' || rev.source === 'crl');
    const laterTimestamp = all.some((o) => o.kind === 'timestamp' && o.byteRange && br && o.byteRange[2] + o.byteRange[3] > end);
    report.level = hasLtv ? (laterTimestamp ? 'B-LTA' : 'B-LT') : 'B-T';
  } else report.level = 'B-B';
  if (sig.subFilter && sig.subFilter !== 'ETSI.CAdES.detached') warnings.push(`SubFilter ${sig.subFilter} bukan PAdES (ETSI.CAdES.detached).`);

  report.status = problems.length ? 'invalid' : chain.trusted ? 'valid' : 'untrusted';
  return report;
}

export async function verifyPdf(ctx: AppContext | null, pdf: Uint8Array, opts: VerifyOptions = {}): Promise<VerificationReport> {
  assertPdfBytes(pdf, opts.maxBytes ?? MAX_PDF_BYTES);
  let final: PdfRevision;
  let sigs: ExtractedSignature[];
  let pages = 0;
  try {
    final = new PdfRevision(pdf);
    if (final.isEncrypted()) throw new AppError('PDF_ENCRYPTED');
    sigs = extractSignatures(final);
    pages = pageCount(final);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('PDF_INVALID', { reason: (e as Error).message?.slice(0, 200) });
  }
  const now = opts.now ?? ctx?.now() ?? new Date();
  const anchors = new CertPool();
  const pool = new CertPool();
  const instanceIssuers: CertEntry[] = [];
  // Verifying never creates the instance CA: before the pemda exists there is no CA of ours to
  // trust (creating one then would name it "Naskah" for ever).
  const pki = ctx && opts.trustInstanceRoot !== false ? await findPki(ctx) : null;
  if (pki) {
    anchors.add(certEntry(pki.root.der));
    for (const i of pki.issuers) instanceIssuers.push(pool.add(certEntry(i.der)));
    pool.add(certEntry(pki.tsa.der));
    // Retired timestamp units and responders: earlier timestamps chain through them.
    for (const p of pki.previous) pool.add(certEntry(p.der));
  }
  for (const der of splitPem(opts.extraTrustPem ?? [])) {
    try {
      anchors.add(certEntry(der));
    } catch {
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'trust', message: 'Sertifikat akar tidak dapat dibaca' }] });
    }
  }
  let dss: DssMaterial;
  try {
    dss = readDss(final);
  } catch {
    dss = { certs: [], ocsps: [], crls: [], vriKeys: new Set() };
  }
  for (const c of dss.certs) pool.addDer(c);
  const env: Env = { ctx, pdf, final, pool, anchors, dss, now, online: opts.online ?? false, instanceIssuers };
  const eofs = eofOffsets(pdf);
  const reports: SignatureReport[] = [];
  for (const [i, s] of sigs.entries()) {
    try {
      reports.push(await verifyOne(env, s, i + 1, sigs, eofs));
    } catch (e) {
      if (e instanceof AppError) throw e;
      reports.push({
        index: i + 1,
        kind: s.kind,
        fieldName: s.fieldName,
        subFilter: s.subFilter,
        status: 'invalid',
        level: null,
        signer: null,
        claimedSigningTime: s.claimedTime?.toISOString() ?? null,
        reason: s.reason,
        location: s.location,
        integrity: { ok: false, problem: 'Tanda tangan tidak dapat diperiksa.' },
        coversWholeDocument: false,
        modifiedAfterSigning: { changed: false, details: [], notes: [] },
        chain: { trusted: false, path: [], problem: null },
        timestamp: EMPTY_TS,
        revocation: { status: 'unknown', source: null, revokedAt: null, reason: null, checkedAt: null },
        problems: [`Tanda tangan tidak dapat diperiksa (${(e as Error).message?.slice(0, 120)}).`],
        warnings: [],
      });
    }
  }
  const verdict: VerificationReport['verdict'] = !reports.length
    ? 'no_signatures'
    : reports.some((r) => r.status === 'invalid')
      ? 'invalid'
      : reports.some((r) => r.status === 'untrusted')
        ? 'untrusted'
        : 'valid';
  const base = {
    verdict,
    summary: summarise(verdict, reports),
    file: { sha256: sha256Hex(pdf), size: pdf.byteLength, pages, revisions: eofs.length },
    signatures: reports,
    verifiedAt: now.toISOString(),
  };
  return { ...base, text: buildReportText(base) };
}
