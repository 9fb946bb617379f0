// Checks a .docx before it reaches LibreOffice and removes what must not (or cannot) be
// rendered: Word comments. Comments never belong in the PDF of a letter, and the Debian
// "-nogui" LibreOffice build aborts when Writer opens a view with comments (it has no UI files
// for the comment margin windows), so they are dropped here for every engine.
import { AppError, isAppError } from '../errors.js';
import { openDocx, TEXT_PART } from '../templates/docxPackage.js';

const RUN = /<w:r(?=[\s>])[^>]*>[\s\S]*?<\/w:r>/g;
const COMMENT_MARK = /<w:comment(?:RangeStart|RangeEnd)\b[^>]*\/>/g;

/** Returns the bytes to convert, or throws CONVERSION_FAILED saying why the file is not a .docx. */
export function prepareDocx(docx: Uint8Array): Uint8Array {
  let zip;
  try {
    zip = openDocx(docx);
  } catch (e) {
    if (isAppError(e)) {
      throw new AppError('CONVERSION_FAILED', { reason: e.details?.reason ?? 'bukan_docx' }, { id: e.userMessage('id'), en: e.userMessage('en') });
    }
    throw e;
  }
  let changed = false;
  for (const name of Object.keys(zip.files).filter((n) => TEXT_PART.test(n))) {
    const xml = zip.file(name)!.asText();
    if (!xml.includes('<w:comment')) continue;
    const stripped = xml
      .replace(RUN, (run) => (run.includes('<w:commentReference') && !/<w:r[\s>]/.test(run.slice(1)) ? '' : run))
      .replace(/<w:commentReference\b[^>]*\/>/g, '')
      .replace(COMMENT_MARK, '');
    if (stripped !== xml) {
      zip.file(name, stripped);
      changed = true;
    }
  }
  if (!changed) return docx;
  return zip.generate({ type: 'uint8array', compression: 'STORE' });
}
