// The OCR adapter: scan bytes in, a searchable PDF/A and its text per page out. One real
// implementation, Debian's ocrmypdf (tesseract), run as child processes in a temporary
// directory: nothing of the scan is parsed in the server process.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess, type ProcessResult } from './runProcess.js';

export type OcrFailureKind =
  | 'empty_file' // 0 bytes
  | 'unsupported_type' // not PDF, PNG, JPEG or TIFF
  | 'unreadable' // damaged or not what it claims to be
  | 'encrypted' // password-protected PDF
  | 'timeout' // the whole run exceeded its limit
  | 'engine_missing' // ocrmypdf / img2pdf not installed
  | 'engine_failed'; // anything else the engine reported

export class OcrError extends Error {
  constructor(
    readonly kind: OcrFailureKind,
    message: string,
    /** Worth retrying (a timeout, a crash), as opposed to a property of the file. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'OcrError';
  }
}

export type OcrPageStatus =
  | 'ok' // text recognised
  | 'empty' // recognised, but no text on the page (blank page, a photo)
  | 'timeout' // tesseract gave up on this page after the per-page limit
  | 'not_processed' // beyond the page limit
  | 'had_text'; // the page already carried text (born-digital PDF); its text was extracted

export interface OcrPage {
  page: number;
  status: OcrPageStatus;
  chars: number;
}

export interface OcrOutcome {
  /** The searchable PDF (PDF/A-2b unless `pdfa` is false). */
  pdf: Buffer;
  pdfa: boolean;
  /** Text per page (index 0 = page 1); empty string for pages without text. */
  pageTexts: string[];
  pages: OcrPage[];
  pageCount: number;
  /** The input was an image, converted to PDF first. */
  fromImage: boolean;
}

export interface OcrEngine {
  recognise(bytes: Uint8Array, opts?: { signal?: AbortSignal }): Promise<OcrOutcome>;
}

export interface OcrMyPdfOptions {
  ocrmypdfPath: string;
  img2pdfPath: string;
  /** A Python 3 with pikepdf and pdfminer (ocrmypdf's own dependencies on Debian). */
  python: string;
  languages: string;
  pageTimeoutSeconds: number;
  maxPages: number;
  /** CPU cores one run may use (ocrmypdf --jobs). */
  threads: number;
  nice: number;
  /** Extra seconds a run may take beyond the per-page budget. */
  baseTimeoutSeconds?: number;
}

export type ScanKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

/** The file's real type from its first bytes (the uploader's name and MIME type are not trusted). */
export function sniffScan(bytes: Uint8Array): ScanKind | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (b.indexOf('%PDF-') !== -1 && b.indexOf('%PDF-') < 1024) return 'pdf';
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'tiff';
  return null;
}

// Page count and encryption without parsing the PDF in Node: pikepdf in a child process.
const INSPECT_PY = `
import json, sys
import pikepdf
try:
    with pikepdf.open(sys.argv[1]) as p:
        print(json.dumps({"pages": len(p.pages), "encrypted": bool(p.is_encrypted)}))
except pikepdf.PasswordError:
    print(json.dumps({"pages": 0, "encrypted": True}))
`;

// Text of pages that already had a text layer (ocrmypdf --skip-text leaves them as they are).
const EXTRACT_PY = `
import json, sys
from pdfminer.high_level import extract_text
pages = [int(x) - 1 for x in sys.argv[2].split(",")]
print(json.dumps([extract_text(sys.argv[1], page_numbers=[n]) for n in pages]))
`;

const TIMEOUT_LINE = /^\s*(\d+)\s+\[tesseract\]\s+took too long/;

export class OcrMyPdfEngine implements OcrEngine {
  constructor(private readonly o: OcrMyPdfOptions) {}

  async recognise(bytes: Uint8Array, opts: { signal?: AbortSignal } = {}): Promise<OcrOutcome> {
    if (bytes.byteLength === 0) throw new OcrError('empty_file', 'file is empty', false);
    const kind = sniffScan(bytes);
    if (!kind) throw new OcrError('unsupported_type', 'not a PDF, PNG, JPEG or TIFF file', false);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'naskah-ocr-'));
    try {
      const env = { ...process.env, OMP_THREAD_LIMIT: String(this.o.threads), TMPDIR: dir, LC_ALL: 'C.UTF-8' };
      const run = (cmd: string, args: string[], timeoutMs: number) =>
        runProcess(cmd, args, { cwd: dir, env, nice: this.o.nice, timeoutMs, signal: opts.signal });
      let input = path.join(dir, 'input.pdf');
      if (kind === 'pdf') {
        await fs.writeFile(input, bytes);
      } else {
        const image = path.join(dir, `input.${kind === 'jpeg' ? 'jpg' : kind}`);
        await fs.writeFile(image, bytes);
        const r = await run(this.o.img2pdfPath, [image, '-o', input], 120_000);
        this.failOnSpawn(r, this.o.img2pdfPath);
        if (r.timedOut) throw new OcrError('timeout', 'img2pdf timed out', true);
        if (r.code !== 0) throw new OcrError('unreadable', `img2pdf: ${lastLine(r.stderr)}`, false);
      }

      const inspect = await run(this.o.python, ['-c', INSPECT_PY, input], 60_000);
      this.failOnSpawn(inspect, this.o.python);
      if (inspect.timedOut) throw new OcrError('timeout', 'inspecting the PDF timed out', true);
      if (inspect.code !== 0) throw new OcrError('unreadable', `damaged PDF: ${lastLine(inspect.stderr)}`, false);
      const info = JSON.parse(inspect.stdout.trim()) as { pages: number; encrypted: boolean };
      if (info.encrypted) throw new OcrError('encrypted', 'the PDF is password-protected', false);
      if (info.pages < 1) throw new OcrError('unreadable', 'the PDF has no pages', false);
      const ocrPages = Math.min(info.pages, this.o.maxPages);

      const output = path.join(dir, 'output.pdf');
      const sidecar = path.join(dir, 'output.txt');
      const args = [
        '-l', this.o.languages,
        '--deskew',
        '--rotate-pages',
        '--skip-text',
        '--output-type', 'pdfa',
        '--sidecar', sidecar,
        '--tesseract-timeout', String(this.o.pageTimeoutSeconds),
        '--jobs', String(this.o.threads),
        ...(ocrPages < info.pages ? ['--pages', `1-${ocrPages}`] : []),
        input,
        output,
      ];
      const budgetMs = ((this.o.baseTimeoutSeconds ?? 120) + ocrPages * (this.o.pageTimeoutSeconds + 15)) * 1000;
      const r = await run(this.o.ocrmypdfPath, args, budgetMs);
      this.failOnSpawn(r, this.o.ocrmypdfPath);
      if (r.timedOut) throw new OcrError('timeout', `ocrmypdf exceeded ${Math.round(budgetMs / 1000)} s`, true);
      let pdfa = true;
      switch (r.code) {
        case 0:
          break;
        case 10: // output written, but not valid PDF/A
          pdfa = false;
          break;
        case 2:
        case 4:
          throw new OcrError('unreadable', `ocrmypdf: ${lastLine(r.stderr)}`, false);
        case 8:
          throw new OcrError('encrypted', 'the PDF is password-protected', false);
        case 3:
          throw new OcrError('engine_missing', `ocrmypdf: ${lastLine(r.stderr)}`, true);
        default:
          throw new OcrError('engine_failed', `ocrmypdf exit ${r.code ?? r.signal}: ${lastLine(r.stderr)}`, true);
      }

      const timedOutPages = new Set<number>();
      for (const line of r.stderr.split('\n')) {
        const m = TIMEOUT_LINE.exec(line);
        if (m) timedOutPages.add(Number(m[1]));
      }
      const sidecarPages = parseSidecar(await fs.readFile(sidecar, 'utf8'), info.pages);
      const pageTexts: string[] = [];
      const pages: OcrPage[] = [];
      const hadText: number[] = [];
      for (let p = 1; p <= info.pages; p++) {
        const raw = sidecarPages[p - 1];
        let status: OcrPageStatus;
        if (p > ocrPages) status = 'not_processed';
        else if (timedOutPages.has(p)) status = 'timeout';
        else if (raw === null || raw === undefined) {
          status = 'had_text';
          hadText.push(p);
        } else status = raw.trim() ? 'ok' : 'empty';
        const text = status === 'ok' ? raw!.trim() : '';
        pageTexts.push(text);
        pages.push({ page: p, status, chars: text.length });
      }
      if (hadText.length > 0) {
        const x = await run(this.o.python, ['-c', EXTRACT_PY, output, hadText.join(',')], 120_000);
        if (x.code === 0) {
          const texts = JSON.parse(x.stdout) as string[];
          hadText.forEach((p, i) => {
            const t = (texts[i] ?? '').trim();
            pageTexts[p - 1] = t;
            pages[p - 1]!.chars = t.length;
          });
        }
      }
      return { pdf: await fs.readFile(output), pdfa, pageTexts, pages, pageCount: info.pages, fromImage: kind !== 'pdf' };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  private failOnSpawn(r: ProcessResult, program: string): void {
    // nice reports a missing program with exit 127.
    if (r.spawnError?.code === 'ENOENT' || r.code === 127) throw new OcrError('engine_missing', `${program} is not installed`, true);
    if (r.spawnError) throw new OcrError('engine_failed', `${program}: ${r.spawnError.message}`, true);
  }
}

/**
 * ocrmypdf's sidecar: one chunk per page separated by form feeds, except that pages it did not
 * OCR appear as "[skipped page]" or, for a run of them, one "[OCR skipped on page(s) 3-5]".
 * Returns each page's text, or null for a page that was not OCRed.
 */
export function parseSidecar(sidecar: string, pageCount: number): Array<string | null> {
  const out: Array<string | null> = [];
  const chunks = sidecar.split('\f');
  if (chunks.length > 0 && chunks[chunks.length - 1] === '') chunks.pop();
  for (const chunk of chunks) {
    const range = /^\s*\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]\s*$/.exec(chunk);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2] ?? range[1]);
      for (let p = from; p <= to; p++) out[p - 1] = null;
      continue;
    }
    const next = out.length;
    out[next] = /^\s*\[skipped page\]\s*$/.test(chunk) ? null : chunk;
  }
  // ocrmypdf marks skipped pages explicitly; a page it recognised without finding any text (a blank
  // page, a photo) may leave no chunk at all (the sidecar of a blank one-page scan is empty).
  while (out.length < pageCount) out.push('');
  return out.slice(0, pageCount);
}

function lastLine(s: string): string {
  const lines = s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Opened a file$/.test(l));
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
