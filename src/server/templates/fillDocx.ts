// Fills the ${…} fields of a .docx with docxtemplater, plus the three things plain docxtemplater
// cannot do for a letter:
// - a body field alone in its paragraph (${isi}) becomes real paragraphs, one per blank-line
//   separated block, keeping the paragraph style (first-line indent, justification);
// - filled fields lose the highlight that marks them in the template, while kept ones
//   (keepUnknown) stay highlighted for the drafter;
// - ${ttd_pengirim} becomes SIGNATURE_MARKER in tiny white text for the signature module;
// - a "NIP. ${nip_pengirim}" line disappears when the signer has no NIP (an elected official).
import type PizZip from 'pizzip';
import { SIGNATURE_MARKER } from '../../shared/markers.js';
import { AppError } from '../errors.js';
import { compileDocx, fieldErrors, openDocx, TEXT_PART } from './docxPackage.js';
import './errors.js';
import { BLOCK_PLACEHOLDERS } from './placeholders.js';

export type FillValue = string | string[] | null | undefined;

export interface FillOptions {
  /** Leave fields without a value as "${name}" (for the signing-time fill) instead of emptying them. */
  keepUnknown?: boolean;
  /** Remove the template's sample paragraphs (style "Panduan"); used by the in-app form route. */
  dropSampleParagraphs?: boolean;
}

// Private-use characters bracketing every filled value so the post-pass can find the runs that
// received a value, wherever docxtemplater put them. Stripped from the input and the output.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SENTINELS = /[\uE000\uE001]/g;

/** Arrays print as one item, "1. a\n2. b" for several, and "-" when empty. */
export function formatList(items: readonly string[]): string {
  const clean = items.map((s) => s.trim()).filter(Boolean);
  if (clean.length === 0) return '-';
  if (clean.length === 1) return clean[0]!;
  return clean.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

function normalise(value: FillValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = Array.isArray(value) ? formatList(value) : value;
  return text.replace(SENTINELS, '').replace(/\r\n?/g, '\n');
}

const PARAGRAPH = /<w:p(?=[\s>/])[^>]*?(?:\/>|>[\s\S]*?<\/w:p>)/g;
const NESTED_PARAGRAPH = /<w:p[\s>/]/;
const RUN = /<w:r(?=[\s>])[^>]*>[\s\S]*?<\/w:r>/g;
const NESTED_RUN = /<w:r[\s>]/;
const TEXT = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>/g;

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(TEXT)) out += unescapeXml(m[1]!);
  return out;
}

function isSimple(xml: string, nested: RegExp): boolean {
  const inner = xml.slice(1);
  return !nested.test(inner) && !inner.includes('<w:txbxContent');
}

/** Splits a body text into paragraphs at blank lines. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((s) => s.replace(/^\n+|\n+$/g, ''))
    .filter((s) => s.trim().length > 0);
}

/**
 * Paragraph-level pre-pass: drops sample paragraphs, expands or removes block fields. Returns
 * the XML and extra values for the per-paragraph fields it introduced.
 */
function preparePart(xml: string, values: Map<string, string | undefined>, opts: FillOptions, extra: Map<string, string>): string {
  let n = 0;
  return xml.replace(PARAGRAPH, (para) => {
    if (!isSimple(para, NESTED_PARAGRAPH)) return para;
    if (opts.dropSampleParagraphs && /<w:pStyle w:val="Panduan"\s*\/>/.test(para)) return '';
    const text = textOf(para).trim();
    // A signer without a NIP (Bupati, Wakil Bupati): no "NIP. " line under the name.
    if (values.get('nip_pengirim') === '' && /^NIP\.?\s*:?\s*\$\{\s*nip_pengirim\s*\}$/.test(text)) return '';
    const m = /^\$\{\s*([A-Za-z0-9_]+)\s*\}$/.exec(text);
    if (!m || !BLOCK_PLACEHOLDERS.has(m[1]!)) return para;
    const name = m[1]!;
    const value = values.get(name);
    if (value === undefined) return opts.keepUnknown ? para : '';
    const blocks = splitParagraphs(value);
    if (blocks.length === 0) return '';
    // The field must sit in one <w:t> to be cloned per paragraph; otherwise docxtemplater
    // fills it as one paragraph with line breaks.
    const tagText = new RegExp(`(<w:t(?:\\s[^>]*)?>)\\$\\{\\s*${name}\\s*\\}(</w:t>)`);
    if (!tagText.test(para)) return para;
    return blocks
      .map((block) => {
        const key = `__${name}_${n++}`;
        extra.set(key, block);
        return para.replace(tagText, `$1\${${key}}$2`);
      })
      .join('');
  });
}

/** Run-level post-pass: unhighlight filled runs, make the signature marker tiny and white. */
function finishPart(xml: string): string {
  const out = xml.replace(RUN, (run) => {
    if (!run.includes(OPEN) && !run.includes(CLOSE)) return run;
    if (!isSimple(run, NESTED_RUN)) return run;
    const marker = textOf(run).includes(SIGNATURE_MARKER);
    return run.replace(/^(<w:r(?:\s[^>]*)?>)(\s*<w:rPr>([\s\S]*?)<\/w:rPr>)?/, (_all, open: string, _rpr: string | undefined, props: string | undefined) => {
      let p = (props ?? '').replace(/<w:highlight\b[^>]*\/>/g, '').replace(/<w:shd\b[^>]*\/>/g, '');
      if (marker) {
        p = p.replace(/<w:(color|sz|szCs|vanish|caps|u)\b[^>]*\/>/g, '');
        p += '<w:color w:val="FFFFFF"/><w:sz w:val="4"/><w:szCs w:val="4"/>';
      }
      return p ? `${open}<w:rPr>${p}</w:rPr>` : open;
    });
  });
  return out.replace(SENTINELS, '');
}

/**
 * Values map: arrays formatted; ${ttd_pengirim} is always the signature marker, except in a
 * keepUnknown fill that does not mention it (it then stays for the signing-time fill).
 */
function valueMap(values: Record<string, FillValue>, keepUnknown: boolean): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(values)) map.set(k, normalise(v));
  if (!keepUnknown || Object.prototype.hasOwnProperty.call(values, 'ttd_pengirim')) map.set('ttd_pengirim', SIGNATURE_MARKER);
  return map;
}

function textParts(zip: PizZip): string[] {
  return Object.keys(zip.files).filter((n) => TEXT_PART.test(n));
}

/**
 * Fills a .docx template. Arrays render as a list (see formatList); ${ttd_pengirim} becomes the
 * signature marker whatever its value. Without keepUnknown, fields with no value print empty (and
 * a body field's own paragraph is removed); with it they stay as "${name}", still highlighted.
 */
export function fillDocx(buf: Uint8Array, values: Record<string, FillValue>, opts: FillOptions = {}): Buffer {
  const zip = openDocx(buf);
  const map = valueMap(values, !!opts.keepUnknown);
  const extra = new Map<string, string>();
  for (const name of textParts(zip)) {
    const xml = zip.file(name)!.asText();
    const prepared = preparePart(xml, map, opts, extra);
    if (prepared !== xml) zip.file(name, prepared);
  }
  for (const [k, v] of extra) map.set(k, v);

  const doc = compileDocx(zip, {
    nullGetter: (part) => {
      if (!opts.keepUnknown || part.module) return '';
      return `\${${part.value ?? ''}}`;
    },
  });
  const data: Record<string, string> = {};
  // Per line: docxtemplater's linebreaks put each line in its own run.
  for (const [k, v] of map) if (v !== undefined) data[k] = v.split('\n').map((line) => `${OPEN}${line}${CLOSE}`).join('\n');
  try {
    doc.render(data);
  } catch (e) {
    const err = fieldErrors(e);
    throw err.code === 'TEMPLATE_INVALID' ? err : new AppError('TEMPLATE_FILL_FAILED', { cause: String(e) });
  }
  const out = doc.getZip() as PizZip;
  for (const name of textParts(out)) {
    const xml = out.file(name)!.asText();
    const finished = finishPart(xml);
    if (finished !== xml) out.file(name, finished);
  }
  return out.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
