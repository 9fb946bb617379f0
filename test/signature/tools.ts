// Independent validators from Debian, driven from tests: pdfsig (poppler + NSS), openssl cms/ts,
// qpdf, certutil. Signature bytes are cut out of the PDF with a plain regex, not our parser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';

export function run(cmd: string, args: string[], input?: Buffer): { code: number; out: string } {
  const r = spawnSync(cmd, args, { input, encoding: 'buffer', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: `${r.stdout?.toString('utf8') ?? ''}${r.stderr?.toString('utf8') ?? ''}` };
}

/** Like run, without blocking the event loop (the tool may call back into this process's server). */
export function runAsync(cmd: string, args: string[], timeoutMs = 120_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
  });
}

export function nssDbWithRoot(dir: string, rootPemPath: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const db = `sql:${dir}`;
  run('certutil', ['-N', '-d', db, '--empty-password']);
  const add = run('certutil', ['-A', '-d', db, '-n', 'naskah-root', '-t', 'CT,C,C', '-i', rootPemPath]);
  if (add.code !== 0) throw new Error(add.out);
  return db;
}

export interface PdfsigSignature {
  signatureValid: boolean;
  certificateTrusted: boolean;
  text: string;
}

export function parsePdfsig(r: { code: number; out: string }): { code: number; signatures: PdfsigSignature[]; out: string } {
  const blocks = r.out.split(/^Signature #\d+:/m).slice(1);
  return {
    code: r.code,
    out: r.out,
    signatures: blocks.map((b) => ({ signatureValid: /Signature Validation: Signature is Valid\./.test(b), certificateTrusted: /Certificate Validation: Certificate is Trusted\./.test(b), text: b })),
  };
}

export function pdfsig(nssDb: string, file: string, extra: string[] = []): { code: number; signatures: PdfsigSignature[]; out: string } {
  return parsePdfsig(run('pdfsig', ['-nssdir', nssDb, ...extra, file]));
}

/** pdfsig without blocking: it may ask this process's OCSP responder. */
export async function pdfsigAsync(nssDb: string, file: string, extra: string[] = []): Promise<{ code: number; signatures: PdfsigSignature[]; out: string }> {
  return parsePdfsig(await runAsync('pdfsig', ['-nssdir', nssDb, ...extra, file]));
}

export interface RawSignature {
  byteRange: [number, number, number, number];
  contents: Buffer;
  signedContent: Buffer;
  subFilter: string | null;
}

/** Signatures cut out by /ByteRange with a regex (independent of the product's PDF parser). */
export function rawSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  const out: RawSignature[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const br = m.slice(1, 5).map(Number) as [number, number, number, number];
    const hex = text.slice(br[1] + 1, br[2] - 1);
    const raw = Buffer.from(hex, 'hex');
    const len = derLen(raw);
    const dictStart = text.lastIndexOf('<<', m.index);
    const sf = /\/SubFilter\s*\/([A-Za-z0-9.]+)/.exec(text.slice(dictStart, br[2] + 400));
    out.push({ byteRange: br, contents: raw.subarray(0, len), signedContent: Buffer.concat([pdf.subarray(0, br[1]), pdf.subarray(br[2], br[2] + br[3])]), subFilter: sf?.[1] ?? null });
  }
  return out;
}

function derLen(b: Buffer): number {
  const l = b[1]!;
  if (l < 0x80) return 2 + l;
  const n = l & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
}

export function opensslCmsVerify(dir: string, sig: RawSignature, caFile: string): { code: number; out: string } {
  const cms = path.join(dir, `cms-${sig.byteRange[1]}.der`);
  const data = path.join(dir, `data-${sig.byteRange[1]}.bin`);
  fs.writeFileSync(cms, sig.contents);
  fs.writeFileSync(data, sig.signedContent);
  return run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', data, '-CAfile', caFile, '-out', '/dev/null']);
}

/** The signature-timestamp token of a CMS signature (unsigned attribute), with the digest it stamps. */
export function signatureTimestamp(cmsDer: Buffer): { token: Buffer; imprintData: Buffer } | null {
  const asn = asn1js.fromBER(new Uint8Array(cmsDer).buffer);
  const ci = new pkijs.ContentInfo({ schema: asn.result });
  const sd = new pkijs.SignedData({ schema: ci.content });
  const si = sd.signerInfos[0]!;
  const attr = si.unsignedAttrs?.attributes.find((a) => a.type === '1.2.840.113549.1.9.16.2.14');
  if (!attr) return null;
  return { token: Buffer.from(attr.values[0]!.toBER(false)), imprintData: Buffer.from(si.signature.valueBlock.valueHexView) };
}

export function opensslTsVerify(dir: string, token: Buffer, data: Buffer, caFile: string, untrusted: string): { code: number; out: string } {
  const t = path.join(dir, `tst-${Math.random().toString(36).slice(2)}.der`);
  const d = `${t}.data`;
  fs.writeFileSync(t, token);
  fs.writeFileSync(d, data);
  return run('openssl', ['ts', '-verify', '-token_in', '-in', t, '-data', d, '-CAfile', caFile, '-untrusted', untrusted]);
}

export function qpdfCheck(file: string): { code: number; out: string } {
  return run('qpdf', ['--check', file]);
}
