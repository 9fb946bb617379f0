// What fields a .docx template carries, and whether it has the ones its page shape requires
// (the admin upload path).
import type { PageShape } from '../catalog/schema.js';
import { AppError } from '../errors.js';
import { compileDocx, openDocx } from './docxPackage.js';
import { field, KNOWN_PLACEHOLDERS, requiredPlaceholders } from './placeholders.js';

export interface TemplateInspection {
  /** Field names by first appearance (body, then headers, then footers), without "${ }". */
  placeholders: string[];
  /** Fields Naskah does not know (typos such as "nomor_nasakh", or custom fields). */
  unknown: string[];
}

interface StructuredPart {
  type?: string;
  value?: string;
  subparsed?: StructuredPart[];
}

function collect(parts: StructuredPart[], out: string[]): void {
  for (const part of parts) {
    if (part.type === 'placeholder' && typeof part.value === 'string') {
      const name = part.value.trim();
      if (name && !out.includes(name)) out.push(name);
    }
    if (part.subparsed) collect(part.subparsed, out);
  }
}

/** Throws AppError TEMPLATE_INVALID for anything that is not a usable .docx template. */
export function inspectDocxTemplate(buf: Uint8Array): TemplateInspection {
  const zip = openDocx(buf);
  const doc = compileDocx(zip);
  // docxtemplater's compiled parts (its InspectModule needs lodash, which is not installed).
  const compiled = (doc as unknown as { compiled: Record<string, { postparsed: StructuredPart[] }> }).compiled;
  const rank = (name: string): number => (name === 'word/document.xml' ? 0 : /header/.test(name) ? 1 : 2);
  const placeholders: string[] = [];
  for (const name of Object.keys(compiled).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    collect(compiled[name]!.postparsed, placeholders);
  }
  return { placeholders, unknown: placeholders.filter((p) => !KNOWN_PLACEHOLDERS.has(p)) };
}

/**
 * Checks an uploaded template against the fields its page shape requires. Throws
 * TEMPLATE_MISSING_FIELDS with details.missing (names) when some are absent.
 */
export function checkTemplate(buf: Uint8Array, shape: PageShape): { ok: true; placeholders: string[]; unknown: string[] } {
  const { placeholders, unknown } = inspectDocxTemplate(buf);
  const missing = requiredPlaceholders(shape).filter((name) => !placeholders.includes(name));
  if (missing.length) {
    const list = missing.map(field).join(', ');
    throw new AppError(
      'TEMPLATE_MISSING_FIELDS',
      { missing, unknown },
      {
        id: `Templat tidak memuat isian wajib: ${list}.${unknown.length ? ` Isian tidak dikenal: ${unknown.map(field).join(', ')} (periksa ejaannya).` : ''}`,
        en: `The template lacks required fields: ${list}.`,
      },
    );
  }
  return { ok: true, placeholders, unknown };
}
