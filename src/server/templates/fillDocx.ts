// Fills the ${…} fields of a .docx with docxtemplater, plus the three things plain docxtemplater
// cannot do for a letter:
// - a body field alone in its paragraph (${isi}) becomes real paragraphs, one per blank-line
//   separated block, keeping the paragraph style (first-line indent, justification);
// - filled fields lose the highlight that marks them in the template, while kept ones
//   (keepUnknown) stay highlighted for the drafter;
// - ${ttd_pengirim} is left blank in the final fill: the signature module finds the space
//   between the title and the printed name and puts the stamp there (no marker text);
// - a "NIP. ${nip_pengirim}" line disappears when the signer has no NIP (an elected official).
import type PizZip from 'pizzip';
import { AppError } from '../errors.js';
import { compileDocx, fieldErrors, openDocx, TEXT_PART } from './docxPackage.js';
import { BLOCK_PLACEHOLDERS } from './placeholders.js';

export type FillValue = string | string[] | null | undefined;

export interface FillOptions {
  /** Leave fields without a value as "${name}" (for the signing-time fill) instead of emptying them. */
  keepUnknown?: boolean;
  /** Remove the template's sample paragraphs (style "Panduan"); used by the in-app form route. */
  dropSampleParagraphs?: boolean;
  /**
   * Preview: the ${ttd_pengirim} paragraph becomes a bordered box with this label, about as tall
   * as the space the stamp will take, so verifiers see where the signature goes.
   */
  signatureBox?: string;
}

/** The preview's signature box: the paragraph's own properties, bordered, its spacing inside. */
function signatureBoxParagraph(para: string, label: string): string {
  const open = /^<w:p(?:\s[^>]*)?>/.exec(para)![0];
  const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(para)?.[1] ?? '';
  const rPrAt = pPr.indexOf('<w:rPr>');
  const head = (rPrAt >= 0 ? pPr.slice(0, rPrAt) : pPr).replace(/<w:(spacing|jc|pBdr)\b[^>]*\/>/g, '').replace(/<w:pBdr>[\s\S]*?<\/w:pBdr>/g, '');
  const border = (side: string) => `<w:${side} w:val="dashed" w:sz="6" w:space="4" w:color="808080"/>`;
  const props = `<w:pPr>${head}<w:pBdr>${['top', 'left', 'bottom', 'right'].map(border).join('')}</w:pBdr><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/></w:pPr>`;
  const small = '<w:rPr><w:color w:val="808080"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>';
  const br = `<w:r>${small}<w:br/></w:r>`;
  return `${open}${props}${br}${br}<w:r>${small}<w:t xml:space="preserve">${label.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r>${br}${br}${br}</w:p>`;
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
    if (m?.[1] === 'ttd_pengirim' && opts.signatureBox) return signatureBoxParagraph(para, opts.signatureBox);
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

/** Run-level post-pass: unhighlight filled runs. */
function finishPart(xml: string): string {
  const out = xml.replace(RUN, (run) => {
    if (!run.includes(OPEN) && !run.includes(CLOSE)) return run;
    if (!isSimple(run, NESTED_RUN)) return run;
    return run.replace(/^(<w:r(?:\s[^>]*)?>)(\s*<w:rPr>([\s\S]*?)<\/w:rPr>)?/, (_all, open: string, _rpr: string | undefined, props: string | undefined) => {
      const p = (props ?? '').replace(/<w:highlight\b[^>]*\/>/g, '').replace(/<w:shd\b[^>]*\/>/g, '');
      return p ? `${open}<w:rPr>${p}</w:rPr>` : open;
    });
  });
  return out.replace(SENTINELS, '');
}

/** Values map: arrays formatted. */
function valueMap(values: Record<string, FillValue>): Map<string, string | undefined> {
  const map = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(values)) map.set(k, normalise(v));
  return map;
}

function textParts(zip: PizZip): string[] {
  return Object.keys(zip.files).filter((n) => TEXT_PART.test(n));
}

/**
 * Fills a .docx template. Arrays render as a list (see formatList). Without keepUnknown, fields with no value print empty (and
 * a body field's own paragraph is removed); with it they stay as "${name}", still highlighted.
 */
export function fillDocx(buf: Uint8Array, values: Record<string, FillValue>, opts: FillOptions = {}): Buffer {
  const zip = openDocx(buf);
  const map = valueMap(values);
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
