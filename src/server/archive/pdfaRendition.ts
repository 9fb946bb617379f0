// PDF/A for records leaving the pemda (serah arsip statis): a record's PDF that already declares
// PDF/A (letters converted from .docx are PDF/A-2b; scans come out of OCR as PDF/A) goes into the
// package as it is. Any other PDF (an uploaded PDF draft that was signed, an uploaded lampiran)
// keeps its original, signatures intact, and gets a PDF/A-2b rendition beside it made by Debian's
// ocrmypdf (--skip-text: no OCR, only the PDF/A conversion through Ghostscript). A signature
// cannot survive such a conversion, so both are kept: the original proves, the rendition lasts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../ocr/index.js';

/** PDF/A part and conformance the file declares in its XMP metadata, e.g. "2B"; null when none. */
export function declaredPdfA(pdf: Uint8Array): string | null {
  // XMP packets are stored uncompressed (ISO 16684-1 recommends it; PDF/A requires it).
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const part = /pdfaid:part(?:="|>)\s*(\d)/.exec(text)?.[1];
  if (!part) return null;
  const conformance = /pdfaid:conformance(?:="|>)\s*([ABUabu])/.exec(text)?.[1] ?? '';
  return `${part}${conformance.toUpperCase()}`;
}

export type Rendition = { kind: 'as_is'; pdfa: string } | { kind: 'converted'; bytes: Uint8Array } | { kind: 'failed'; reason: string };

export interface RenditionOptions {
  ocrmypdfPath: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The file itself when it is PDF/A, else a PDF/A-2b rendition, else why there is none. */
export async function pdfaRendition(pdf: Uint8Array, opts: RenditionOptions): Promise<Rendition> {
  const declared = declaredPdfA(pdf);
  if (declared) return { kind: 'as_is', pdfa: declared };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'naskah-pdfa-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    await fs.writeFile(input, pdf);
    const r = await runProcess(opts.ocrmypdfPath, ['--skip-text', '--output-type', 'pdfa-2', '--optimize', '0', '--jobs', '1', '--quiet', input, output], {
      timeoutMs: opts.timeoutMs,
      nice: 10,
      ...(opts.signal ? { signal: opts.signal } : {}),
      maxOutput: 4000,
    });
    if (r.spawnError) return { kind: 'failed', reason: `ocrmypdf tidak tersedia (${r.spawnError.code ?? r.spawnError.message})` };
    if (r.timedOut) return { kind: 'failed', reason: `konversi PDF/A melewati batas waktu ${Math.round(opts.timeoutMs / 1000)} detik` };
    if (r.code !== 0) return { kind: 'failed', reason: `ocrmypdf keluar dengan kode ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`.slice(0, 300) };
    const bytes = await fs.readFile(output);
    if (!declaredPdfA(bytes)) return { kind: 'failed', reason: 'hasil konversi tidak menyatakan PDF/A' };
    return { kind: 'converted', bytes: new Uint8Array(bytes) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
