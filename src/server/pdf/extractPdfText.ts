// The text of a PDF for the search index (pdfjs-dist, no rendering). Bounded: at most `maxPages`
// pages and `maxChars` characters; a damaged or encrypted file yields '' rather than an error
// (the index then holds the metadata only).
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

export async function extractPdfText(pdf: Uint8Array, opts: { maxPages?: number; maxChars?: number } = {}): Promise<string> {
  const maxPages = opts.maxPages ?? 200;
  const maxChars = opts.maxChars ?? 200_000;
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  const task = getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: VerbosityLevel.ERRORS });
  try {
    const doc = await task.promise;
    const parts: string[] = [];
    let size = 0;
    for (let n = 1; n <= Math.min(doc.numPages, maxPages) && size < maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const line = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('');
      parts.push(line);
      size += line.length;
    }
    return parts.join('\n').replace(/[ \t]+/g, ' ').slice(0, maxChars);
  } catch {
    return '';
  } finally {
    await task.destroy();
  }
}
