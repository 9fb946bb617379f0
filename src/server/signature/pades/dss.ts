// PAdES B-LT: the Document Security Store (/DSS in the catalog) with certificates, OCSP answers
// and CRLs, plus a VRI entry per signature, added as its own incremental update after the
// signature. Existing DSS content is kept; duplicates are not added twice.
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFDocument } from '@cantoo/pdf-lib';
import { sha1 } from '../pki/crypto.js';
import { commitUpdate, loadPdf, usesXrefStream } from './pdfLoad.js';

export interface ValidationData {
  certs: Buffer[];
  ocsps: Buffer[];
  crls: Buffer[];
}

export interface VriEntry extends ValidationData {
  /** The signature's full /Contents bytes (zero padding included): the VRI key is their SHA-1. */
  contents: Buffer;
}

export function streamBytes(s: unknown): Buffer | null {
  if (s instanceof PDFRawStream) return Buffer.from(decodePDFRawStream(s).decode());
  return null;
}

function arrayIn(ctx: PDFContext, dict: PDFDict, key: string): PDFArray {
  const existing = dict.lookup(PDFName.of(key));
  if (existing instanceof PDFArray) return existing;
  const arr = ctx.obj([]);
  dict.set(PDFName.of(key), arr);
  return arr;
}

export async function addDss(pdf: Uint8Array, all: ValidationData, vri: VriEntry[] = []): Promise<Uint8Array> {
  const xrefStream = usesXrefStream(pdf);
  const doc: PDFDocument = await loadPdf(pdf, { forIncrementalUpdate: true });
  const ctx = doc.context;
  let dss = doc.catalog.lookup(PDFName.of('DSS'));
  if (!(dss instanceof PDFDict)) {
    dss = ctx.obj({});
    doc.catalog.set(PDFName.of('DSS'), ctx.register(dss as PDFDict));
  }
  const dssDict = dss as PDFDict;
  const refsByHash = new Map<string, PDFRef>();
  const indexed = new Set<string>();
  const add = (key: 'Certs' | 'OCSPs' | 'CRLs', items: Buffer[]): PDFRef[] => {
    const arr = arrayIn(ctx, dssDict, key);
    if (!indexed.has(key)) {
      indexed.add(key);
      for (let i = 0; i < arr.size(); i++) {
        const ref = arr.get(i);
        const bytes = streamBytes(arr.lookup(i));
        if (ref instanceof PDFRef && bytes) refsByHash.set(`${key}:${sha1(bytes).toString('hex')}`, ref);
      }
    }
    const out: PDFRef[] = [];
    for (const item of items) {
      const h = `${key}:${sha1(item).toString('hex')}`;
      let ref = refsByHash.get(h);
      if (!ref) {
        ref = ctx.register(ctx.stream(item));
        arr.push(ref);
        refsByHash.set(h, ref);
      }
      out.push(ref);
    }
    return out;
  };
  add('Certs', all.certs);
  add('OCSPs', all.ocsps);
  add('CRLs', all.crls);
  if (vri.length) {
    let vriDict = dssDict.lookup(PDFName.of('VRI'));
    if (!(vriDict instanceof PDFDict)) {
      vriDict = ctx.obj({});
      dssDict.set(PDFName.of('VRI'), vriDict as PDFDict);
    }
    for (const v of vri) {
      const entry = ctx.obj({});
      const certs = add('Certs', v.certs);
      const ocsps = add('OCSPs', v.ocsps);
      const crls = add('CRLs', v.crls);
      if (certs.length) entry.set(PDFName.of('Cert'), ctx.obj(certs));
      if (ocsps.length) entry.set(PDFName.of('OCSP'), ctx.obj(ocsps));
      if (crls.length) entry.set(PDFName.of('CRL'), ctx.obj(crls));
      (vriDict as PDFDict).set(PDFName.of(sha1(v.contents).toString('hex').toUpperCase()), entry);
    }
  }
  return commitUpdate(doc, xrefStream);
}
