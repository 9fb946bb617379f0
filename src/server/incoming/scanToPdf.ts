// Turns the uploaded scan of a letter (one or more PDFs and/or JPG/PNG/TIFF images, in order)
// into one PDF. PDFs are checked (damaged, encrypted, page count) and kept byte for byte when
// alone; images become A4-wide pages. TIFF (often multi-page from office scanners) goes through
// Debian's img2pdf in a child process, so a large scan never blocks the event loop.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { AppError, isAppError } from '../errors.js';
import { inspectPdf, loadPdf } from '../pdf/inspectPdf.js';

export type ScanKind = 'pdf' | 'jpg' | 'png' | 'tiff';

export function scanKind(bytes: Uint8Array): ScanKind | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (b.includes(Buffer.from('%PDF-'))) return 'pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a)) return 'tiff';
  return null;
}

const A4_WIDTH = 595.28;

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (err, _o, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve()));
  });
}

async function tiffToPdf(bytes: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'naskah-scan-'));
  try {
    const src = path.join(dir, 'scan.tif');
    const out = path.join(dir, 'scan.pdf');
    await fs.writeFile(src, bytes);
    try {
      await run('img2pdf', ['--pagesize', 'A4', '-o', out, src], timeoutMs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('SERVICE_UNAVAILABLE', { tool: 'img2pdf' }, { id: 'Konversi TIFF ke PDF belum tersedia di server ini. Unggah PDF atau JPG/PNG.', en: 'TIFF conversion is not available on this server.' });
      throw new AppError('INCOMING_SCAN_UNREADABLE');
    }
    return await fs.readFile(out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export interface ScanInput {
  name: string;
  bytes: Uint8Array;
}

export interface ScanPdf {
  bytes: Uint8Array;
  pages: number;
  name: string;
}

export async function scanToPdf(parts: ScanInput[], opts: { maxPages: number; timeoutMs?: number }): Promise<ScanPdf> {
  if (!parts.length) throw new AppError('INCOMING_SCAN_REQUIRED');
  const kinds = parts.map((p) => {
    if (!p.bytes.byteLength) throw new AppError('INCOMING_SCAN_REQUIRED', { file: p.name }, { id: `Berkas "${p.name}" kosong (0 byte).`, en: `File "${p.name}" is empty.` });
    const k = scanKind(p.bytes);
    if (!k) throw new AppError('INCOMING_SCAN_KIND', { file: p.name });
    return k;
  });
  const baseName = (parts[0]!.name.replace(/\.[^.]+$/, '') || 'surat-masuk') + '.pdf';
  if (parts.length === 1 && kinds[0] === 'pdf') {
    const info = await inspectPdf(parts[0]!.bytes, { timeoutMs: opts.timeoutMs ?? 10_000 });
    if (info.pages > opts.maxPages) throw tooMany(info.pages, opts.maxPages);
    return { bytes: parts[0]!.bytes, pages: info.pages, name: parts[0]!.name.toLowerCase().endsWith('.pdf') ? parts[0]!.name : baseName };
  }
  const out = await PDFDocument.create();
  for (const [i, p] of parts.entries()) {
    const kind = kinds[i]!;
    if (kind === 'pdf' || kind === 'tiff') {
      const src = kind === 'pdf' ? await loadPdf(p.bytes, { timeoutMs: opts.timeoutMs ?? 10_000 }) : await loadPdf(await tiffToPdf(p.bytes, opts.timeoutMs ?? 60_000));
      if (out.getPageCount() + src.getPageCount() > opts.maxPages) throw tooMany(out.getPageCount() + src.getPageCount(), opts.maxPages);
      for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
      continue;
    }
    let image;
    try {
      image = kind === 'jpg' ? await out.embedJpg(p.bytes) : await out.embedPng(p.bytes);
    } catch (e) {
      if (isAppError(e)) throw e;
      throw new AppError('INCOMING_SCAN_UNREADABLE', { file: p.name });
    }
    if (out.getPageCount() + 1 > opts.maxPages) throw tooMany(out.getPageCount() + 1, opts.maxPages);
    const scale = A4_WIDTH / image.width;
    const page = out.addPage([A4_WIDTH, image.height * scale]);
    page.drawImage(image, { x: 0, y: 0, width: A4_WIDTH, height: image.height * scale });
  }
  return { bytes: await out.save(), pages: out.getPageCount(), name: baseName };
}

function tooMany(pages: number, max: number): AppError {
  return new AppError('INCOMING_TOO_MANY_PAGES', { pages, max }, { id: `Pindaian berisi ${pages} halaman, melebihi batas ${max} halaman. Pisahkan lampiran yang tebal dan unggah surat intinya.`, en: `The scan has ${pages} pages, over the ${max}-page limit.` });
}

/** Pages a scanned letter may have (a thick enclosure is registered apart, or on paper). */
export const SCAN_MAX_PAGES = 100;

/** The scan as one PDF with its SHA-256 (duplicate detection). */
export async function prepareScan(scan: ScanInput[]) {
  const pdf = await scanToPdf(scan, { maxPages: SCAN_MAX_PAGES });
  return { ...pdf, sha256: createHash('sha256').update(pdf.bytes).digest('hex') };
}
