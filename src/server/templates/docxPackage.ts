// Opening a .docx safely and compiling it with docxtemplater, turning every way an upload can be
// wrong (not a .docx, old .doc, encrypted, macros, zip bomb, broken ${…} fields) into
// AppError TEMPLATE_INVALID with an Indonesian reason the drafter or admin can act on.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { AppError } from '../errors.js';

export const DELIMITERS = { start: '${', end: '}' } as const;

/** Parts of a .docx that carry text with fields (the ones docxtemplater templates). */
export const TEXT_PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

const MAX_UNCOMPRESSED = 200 * 1024 * 1024;

export type TemplateProblem =
  | 'kosong'
  | 'bukan_docx'
  | 'format_doc_lama'
  | 'pdf'
  | 'terenkripsi'
  | 'rusak'
  | 'makro'
  | 'terlalu_besar'
  | 'isian_rusak';

const MESSAGES: Record<Exclude<TemplateProblem, 'isian_rusak'>, string> = {
  kosong: 'Berkas templat kosong.',
  bukan_docx: 'Berkas bukan dokumen Word (.docx). Simpan dokumen sebagai "Dokumen Word (.docx)" lalu unggah ulang.',
  format_doc_lama: 'Berkas berformat Word 97-2003 (.doc). Buka di Word/LibreOffice, simpan sebagai .docx, lalu unggah ulang.',
  pdf: 'Berkas ini PDF, bukan .docx. Unggah dokumen Word (.docx).',
  terenkripsi: 'Dokumen dilindungi kata sandi (terenkripsi). Hapus kata sandi di Word (Berkas > Info > Lindungi Dokumen), simpan, lalu unggah ulang.',
  rusak: 'Berkas .docx rusak atau tidak lengkap dan tidak dapat dibuka.',
  makro: 'Dokumen berisi makro (.docm). Demi keamanan, simpan sebagai .docx tanpa makro lalu unggah ulang.',
  terlalu_besar: 'Isi berkas .docx terlalu besar untuk diproses.',
};

export function templateInvalid(reason: Exclude<TemplateProblem, 'isian_rusak'>): AppError {
  return new AppError('TEMPLATE_INVALID', { reason }, { id: MESSAGES[reason], en: `Invalid template: ${reason}` });
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function toBuffer(buf: Uint8Array): Buffer {
  return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Opens the zip of a .docx, or throws TEMPLATE_INVALID saying what the file really is. */
export function openDocx(input: Uint8Array): PizZip {
  const buf = toBuffer(input);
  if (buf.length === 0) throw templateInvalid('kosong');
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
    // An OLE compound file: an encrypted OOXML package carries an "EncryptionInfo" stream
    // (directory names are UTF-16LE); anything else is a legacy .doc.
    const encrypted = buf.includes(Buffer.from('EncryptionInfo', 'utf16le')) || buf.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    throw templateInvalid(encrypted ? 'terenkripsi' : 'format_doc_lama');
  }
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw templateInvalid('pdf');
  if (buf[0] !== 0x50 || buf[1] !== 0x4b) throw templateInvalid('bukan_docx');
  let zip: PizZip;
  try {
    zip = new PizZip(buf);
  } catch {
    throw templateInvalid('rusak');
  }
  const names = Object.keys(zip.files);
  if (!names.includes('word/document.xml') || !names.includes('[Content_Types].xml')) throw templateInvalid('bukan_docx');
  const contentTypes = zip.file('[Content_Types].xml')?.asText() ?? '';
  if (/macroEnabled/i.test(contentTypes) || names.some((n) => /vbaProject\.bin$|vbaData\.xml$/i.test(n))) throw templateInvalid('makro');
  let total = 0;
  for (const f of Object.values(zip.files)) {
    const size = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    total += size;
  }
  if (total > MAX_UNCOMPRESSED) throw templateInvalid('terlalu_besar');
  return zip;
}

interface DxtErrorProps {
  id?: string;
  xtag?: string;
  explanation?: string;
  context?: string;
  file?: string;
}

export interface FieldProblem {
  code: string;
  field: string | null;
  message: string;
}

function describe(e: DxtErrorProps): FieldProblem {
  const raw = (e.xtag ?? e.context ?? '').replace(/^\$?\{?/, '').replace(/\}$/, '');
  // An unclosed tag runs into the following text: keep the name-like start.
  const tag = /^\s*[#/^@]?[\w.]+/.exec(raw)?.[0].trim() ?? (raw.trim() || null);
  const shown = tag ? `\${${tag}` : 'isian';
  const where = e.file && e.file !== 'word/document.xml' ? ` (di ${/header/.test(e.file) ? 'kepala halaman/KOP' : /footer/.test(e.file) ? 'kaki halaman' : e.file})` : '';
  const byId: Record<string, string> = {
    unclosed_tag: `Isian "${shown}" tidak ditutup dengan "}"${where}. Ketik ulang isian utuh dalam satu baris tanpa format berbeda.`,
    unopened_tag: `Tanda "}" tanpa pembuka "\${"${where}.`,
    duplicate_open_tag: `Isian "${shown}" memuat "\${" ganda${where}. Ketik ulang isian tersebut.`,
    duplicate_close_tag: `Isian "${shown}" memuat "}" ganda${where}. Ketik ulang isian tersebut.`,
    unclosed_loop: `Blok "${shown}" tidak ditutup${where}.`,
    unopened_loop: `Penutup blok "${shown}" tanpa pembuka${where}.`,
    closing_tag_does_not_match_opening_tag: `Penutup blok tidak cocok dengan pembukanya ("${shown}")${where}.`,
    unbalanced_loop_tags: `Blok isian tidak seimbang${where}.`,
    raw_xml_tag_should_be_only_text_in_paragraph: `Isian "${shown}" harus berdiri sendiri dalam satu paragraf${where}.`,
    malformed_xml: `Struktur XML dokumen rusak${where}.`,
  };
  const code = e.id ?? 'unknown';
  return { code, field: tag, message: byId[code] ?? `Isian tidak dapat dibaca${tag ? `: "${shown}"` : ''}${where}.` };
}

/** Maps a docxtemplater compile/render error to TEMPLATE_INVALID listing each broken field. */
export function fieldErrors(err: unknown): AppError {
  const props = (err as { properties?: { errors?: Array<{ properties?: DxtErrorProps }> } & DxtErrorProps }).properties;
  const list = props?.errors?.length ? props.errors.map((e) => e.properties ?? {}) : props ? [props] : [];
  if (!list.length) {
    if (err instanceof AppError) return err;
    return templateInvalid('rusak');
  }
  const problems = list.map(describe);
  const fields = problems.map((p) => p.field).filter((f): f is string => !!f);
  const id = `Ada isian \${…} yang tidak dapat dibaca${fields.length ? `: ${fields.map((f) => `"${f}"`).join(', ')}` : ''}. ${problems[0]!.message}`;
  return new AppError('TEMPLATE_INVALID', { reason: 'isian_rusak', errors: problems }, { id, en: 'The template has fields that cannot be parsed.' });
}

/** A tag parser that trims "${ nama }" and reads plain names from the data. */
function parser(tag: string): { get(scope: unknown): unknown } {
  const name = tag.trim();
  return {
    get(scope: unknown) {
      if (name === '.') return scope;
      if (scope && typeof scope === 'object' && Object.prototype.hasOwnProperty.call(scope, name)) return (scope as Record<string, unknown>)[name];
      return undefined;
    },
  };
}

export interface CompileOptions {
  nullGetter?: (part: { value?: string; module?: string; type?: string }) => unknown;
  modules?: unknown[];
}

/** Compiles the template (constructor compiles); throws TEMPLATE_INVALID on broken fields. */
export function compileDocx(zip: PizZip, opts: CompileOptions = {}): Docxtemplater {
  try {
    return new Docxtemplater(zip, {
      delimiters: DELIMITERS,
      paragraphLoop: true,
      linebreaks: true,
      stripInvalidXMLChars: true,
      errorLogging: false,
      syntax: { allowUnopenedTag: true, changeDelimiterPrefix: null },
      parser,
      ...(opts.nullGetter ? { nullGetter: opts.nullGetter as never } : {}),
      ...(opts.modules ? { modules: opts.modules as never } : {}),
    });
  } catch (e) {
    throw fieldErrors(e);
  }
}
