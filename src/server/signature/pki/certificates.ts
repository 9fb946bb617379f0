// Certificate templates of the instance PKI (pure: keys, names, URLs and the time come in).
// Root CA -> issuing CA -> { signer certificates, the timestamp unit }.
import * as x509 from './x509.js';
import type { KeyAlgorithm } from '../schema.js';
import { signingAlgorithm, type CryptoKeyPair, type CryptoKey } from './crypto.js';

export const OID = {
  timeStamping: '1.3.6.1.5.5.7.3.8',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  documentSigning: '1.3.6.1.5.5.7.3.36',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  serialNumber: '2.5.4.5',
  title: '2.5.4.12',
  uid: '0.9.2342.19200300.100.1.1',
  /** X.520 organizationIdentifier: what ETSI EN 319 412-3 puts in a legal person's (seal) certificate. */
  organizationIdentifier: '2.5.4.97',
} as const;

/** Where the instance publishes its PKI (public, root-level routes; see publicRoutes.ts). */
export interface PkiUrls {
  rootCert: string;
  issuingCert: string;
  rootCrl: string;
  crl: string;
  ocsp: string;
  tsa: string;
}

/**
 * URLs named in the certificates. The first issuing CA publishes its certificate and CRL at
 * /pki/issuing.crt and /pki/crl (its certificates name those for good); an issuing CA that took
 * over later (key rollover) at /pki/ca/<its serial>/…, so each certificate's links keep
 * answering for its own issuer.
 */
export function pkiUrls(publicUrl: string, laterIssuingSerial?: string): PkiUrls {
  const base = publicUrl.replace(/\/+$/, '');
  const ca = laterIssuingSerial ? `${base}/pki/ca/${laterIssuingSerial}` : null;
  return {
    rootCert: `${base}/pki/root.crt`,
    issuingCert: ca ? `${ca}/issuing.crt` : `${base}/pki/issuing.crt`,
    rootCrl: `${base}/pki/root.crl`,
    crl: ca ? `${ca}/crl` : `${base}/pki/crl`,
    ocsp: `${base}/pki/ocsp`,
    tsa: `${base}/pki/tsa`,
  };
}

const DAY = 86_400_000;
const utf8 = (v: string) => [{ utf8String: v }];
const printable = (v: string) => [{ printableString: v }];

/** Whole seconds: certificate times are encoded without fractions. */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function caName(org: string, cn: string): x509.JsonName {
  return [{ C: printable('ID') }, { O: utf8(org) }, { CN: utf8(cn) }] as unknown as x509.JsonName;
}

export interface AuthorityNames {
  /** The pemda, e.g. "Pemerintah Kabupaten Contoh" (or "Naskah" before one is configured). */
  organisation: string;
}

export function authorityCommonNames(org: string): Record<'root' | 'issuing' | 'tsa' | 'ocsp', string> {
  return {
    root: `${org} Root CA`,
    issuing: `${org} CA Tanda Tangan Elektronik`,
    tsa: `${org} Layanan Cap Waktu (TSA)`,
    ocsp: `${org} Responder OCSP`,
  };
}

interface IssueBase {
  alg: KeyAlgorithm;
  now: Date;
  serialHex: string;
}

export async function createRootCertificate(p: IssueBase & { org: string; keys: CryptoKeyPair }): Promise<x509.X509Certificate> {
  const notBefore = wholeSeconds(new Date(p.now.getTime() - 60_000));
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: p.serialHex,
    name: caName(p.org, authorityCommonNames(p.org).root),
    notBefore,
    notAfter: new Date(notBefore.getTime() + 20 * 365 * DAY),
    keys: p.keys,
    signingAlgorithm: signingAlgorithm(p.alg),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(p.keys.publicKey),
    ],
  });
}

async function issued(
  p: IssueBase & {
    issuer: x509.X509Certificate;
    issuerKey: CryptoKey;
    publicKey: CryptoKey;
    subject: x509.JsonName;
    years: number;
    extensions: x509.Extension[];
  },
): Promise<x509.X509Certificate> {
  const notBefore = wholeSeconds(new Date(p.now.getTime() - 60_000));
  let notAfter = new Date(notBefore.getTime() + p.years * 365 * DAY);
  // A certificate never outlives its issuer.
  if (notAfter > p.issuer.notAfter) notAfter = p.issuer.notAfter;
  const ski = p.issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  return x509.X509CertificateGenerator.create({
    serialNumber: p.serialHex,
    subject: p.subject,
    issuer: p.issuer.subjectName,
    notBefore,
    notAfter,
    publicKey: p.publicKey,
    signingKey: p.issuerKey,
    signingAlgorithm: signingAlgorithm(p.alg),
    extensions: [
      ...(ski ? [new x509.AuthorityKeyIdentifierExtension(ski.keyId)] : []),
      await x509.SubjectKeyIdentifierExtension.create(p.publicKey),
      ...p.extensions,
    ],
  });
}

/**
 * The issuing CA under the root. `generation` 2, 3 … (a rollover) is named in its CN, so that
 * the certificates of two issuing CAs never share an issuer name.
 */
export async function createIssuingCertificate(
  p: IssueBase & { org: string; root: x509.X509Certificate; rootKey: CryptoKey; publicKey: CryptoKey; urls: PkiUrls; generation?: number },
): Promise<x509.X509Certificate> {
  const cn = authorityCommonNames(p.org).issuing;
  return issued({
    ...p,
    issuer: p.root,
    issuerKey: p.rootKey,
    subject: caName(p.org, p.generation && p.generation > 1 ? `${cn} ${p.generation}` : cn),
    years: 10,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      new x509.CRLDistributionPointsExtension([p.urls.rootCrl]),
      new x509.AuthorityInfoAccessExtension({ caIssuers: [new x509.GeneralName('url', p.urls.rootCert)] }),
    ],
  });
}

export async function createTsaCertificate(
  p: IssueBase & { org: string; issuing: x509.X509Certificate; issuingKey: CryptoKey; publicKey: CryptoKey; urls: PkiUrls },
): Promise<x509.X509Certificate> {
  return issued({
    ...p,
    issuer: p.issuing,
    issuerKey: p.issuingKey,
    subject: caName(p.org, authorityCommonNames(p.org).tsa),
    // Five years: within the issuing CA's ten, so the key can be rolled over (renewAuthorities)
    // and archive timestamps renewed onto the new one before the old certificate ends.
    years: 5,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      // RFC 3161 §2.3: the only extended key usage, and critical.
      new x509.ExtendedKeyUsageExtension([OID.timeStamping], true),
      new x509.CRLDistributionPointsExtension([p.urls.crl]),
      new x509.AuthorityInfoAccessExtension({ ocsp: [new x509.GeneralName('url', p.urls.ocsp)], caIssuers: [new x509.GeneralName('url', p.urls.issuingCert)] }),
    ],
  });
}

/**
 * Delegated OCSP responder (RFC 6960 §4.2.2.2): EKU OCSPSigning, and id-pkix-ocsp-nocheck so
 * clients do not ask about the responder itself. Short-lived like its answers are not; two years.
 */
export async function createOcspResponderCertificate(
  p: IssueBase & { org: string; issuing: x509.X509Certificate; issuingKey: CryptoKey; publicKey: CryptoKey },
): Promise<x509.X509Certificate> {
  return issued({
    ...p,
    issuer: p.issuing,
    issuerKey: p.issuingKey,
    subject: caName(p.org, authorityCommonNames(p.org).ocsp),
    years: 2,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([OID.ocspSigning], false),
      new x509.Extension(OID.ocspNoCheck, false, new Uint8Array([0x05, 0x00])),
    ],
  });
}

/** Who a signer certificate names. */
export interface SignerIdentity {
  name: string;
  nip: string | null;
  nik: string | null;
  /** Position (jabatan), e.g. "Kepala Dinas Komunikasi dan Informatika". */
  title: string | null;
  unit: string | null;
  /** The pemda (setting instance.name). */
  organisation: string;
}

/**
 * Subject: C=ID, O=<pemda>, OU=<unit>, title=<position>, CN=<name>, serialNumber=<NIK> (the
 * identifier BSrE also uses), UID=<NIP>. Absent values are left out.
 */
export function signerSubject(id: SignerIdentity): x509.JsonName {
  const rdns: Array<Record<string, unknown>> = [{ C: printable('ID') }, { O: utf8(id.organisation) }];
  if (id.unit) rdns.push({ OU: utf8(id.unit) });
  if (id.title) rdns.push({ [OID.title]: utf8(id.title) });
  rdns.push({ CN: utf8(id.name) });
  if (id.nik) rdns.push({ [OID.serialNumber]: printable(id.nik) });
  if (id.nip) rdns.push({ [OID.uid]: utf8(id.nip) });
  return rdns as unknown as x509.JsonName;
}

export const SIGNER_CERT_YEARS = 2;

export async function createSignerCertificate(
  p: IssueBase & { identity: SignerIdentity; issuing: x509.X509Certificate; issuingKey: CryptoKey; publicKey: CryptoKey; urls: PkiUrls },
): Promise<x509.X509Certificate> {
  return issued({
    ...p,
    issuer: p.issuing,
    issuerKey: p.issuingKey,
    subject: signerSubject(p.identity),
    years: SIGNER_CERT_YEARS,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      // emailProtection keeps NSS-based validators (pdfsig) happy; documentSigning is RFC 9336.
      new x509.ExtendedKeyUsageExtension([OID.emailProtection, OID.documentSigning], false),
      new x509.CRLDistributionPointsExtension([p.urls.crl]),
      new x509.AuthorityInfoAccessExtension({ ocsp: [new x509.GeneralName('url', p.urls.ocsp)], caIssuers: [new x509.GeneralName('url', p.urls.issuingCert)] }),
    ],
  });
}

/** Who an electronic seal (segel elektronik) certificate names: an office, not a person. */
export interface SealIdentity {
  /** The unit's name, e.g. "Dinas Perumahan, Kawasan Permukiman dan Pertanahan". */
  unit: string;
  /** A stable identifier of the unit (its code, else its id): organizationIdentifier "NTRID-<it>". */
  unitIdentifier: string;
  /** The pemda (setting instance.name). */
  organisation: string;
}

/**
 * Subject of a seal certificate (ETSI EN 319 412-3, legal persons): C=ID, O=<pemda>,
 * organizationIdentifier=NTRID-<unit>, CN=<unit>; no NIK, NIP or title, so it can never be read
 * as a person's signature.
 */
export function sealSubject(id: SealIdentity): x509.JsonName {
  return [{ C: printable('ID') }, { O: utf8(id.organisation) }, { [OID.organizationIdentifier]: utf8(`NTRID-${id.unitIdentifier}`) }, { CN: utf8(id.unit) }] as unknown as x509.JsonName;
}

export async function createSealCertificate(
  p: IssueBase & { identity: SealIdentity; issuing: x509.X509Certificate; issuingKey: CryptoKey; publicKey: CryptoKey; urls: PkiUrls },
): Promise<x509.X509Certificate> {
  return issued({
    ...p,
    issuer: p.issuing,
    issuerKey: p.issuingKey,
    subject: sealSubject(p.identity),
    years: SIGNER_CERT_YEARS,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([OID.emailProtection, OID.documentSigning], false),
      new x509.CRLDistributionPointsExtension([p.urls.crl]),
      new x509.AuthorityInfoAccessExtension({ ocsp: [new x509.GeneralName('url', p.urls.ocsp)], caIssuers: [new x509.GeneralName('url', p.urls.issuingCert)] }),
    ],
  });
}
