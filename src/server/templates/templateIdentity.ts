// Which Naskah template a .docx came from, as custom document properties (docProps/custom.xml:
// Word's File > Properties > Custom, kept by Word and LibreOffice when the drafter saves). Every
// downloaded template carries them, so an upload made from another KOP's template is recognised.
import { openDocx } from './docxPackage.js';

export interface TemplateIdentity {
  templateId: string;
  letterheadId: string;
  letterheadName: string;
  documentTypeId: string;
  documentTypeName: string;
  paper: string;
}

const FIELDS: Record<keyof TemplateIdentity, string> = {
  templateId: 'NaskahTemplateId',
  letterheadId: 'NaskahKopId',
  letterheadName: 'NaskahKop',
  documentTypeId: 'NaskahJenisNaskahId',
  documentTypeName: 'NaskahJenisNaskah',
  paper: 'NaskahKertas',
};

const CUSTOM_PART = 'docProps/custom.xml';
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const PROPERTY = /<(?:\w+:)?property\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/(?:\w+:)?property>/g;

/** The .docx with our properties set (other custom properties kept). */
export function writeTemplateIdentity(docx: Uint8Array, id: TemplateIdentity): Buffer {
  const zip = openDocx(docx);
  const ours = new Set(Object.values(FIELDS));
  const existing = zip.file(CUSTOM_PART)?.asText() ?? '';
  const kept: string[] = [];
  let maxPid = 1;
  for (const m of existing.matchAll(PROPERTY)) {
    if (ours.has(unesc(m[1]!))) continue;
    kept.push(m[0]);
    const pid = /\bpid="(\d+)"/.exec(m[0]);
    if (pid) maxPid = Math.max(maxPid, Number(pid[1]));
  }
  const added = (Object.keys(FIELDS) as Array<keyof TemplateIdentity>).map(
    (k, i) => `<property fmtid="${FMTID}" pid="${maxPid + 1 + i}" name="${FIELDS[k]}"><vt:lpwstr>${esc(id[k])}</vt:lpwstr></property>`,
  );
  zip.file(
    CUSTOM_PART,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${[...kept, ...added].join('')}</Properties>`,
  );
  const types = zip.file('[Content_Types].xml')!.asText();
  if (!types.includes('/docProps/custom.xml')) zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_TYPE}"/></Types>`));
  const rels = zip.file('_rels/.rels')?.asText();
  if (rels && !rels.includes(CUSTOM_REL)) zip.file('_rels/.rels', rels.replace('</Relationships>', `<Relationship Id="rIdNaskahCustom" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>`));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Our properties, or null for a .docx that was not downloaded from Naskah. */
export function readTemplateIdentity(docx: Uint8Array): TemplateIdentity | null {
  const xml = openDocx(docx).file(CUSTOM_PART)?.asText();
  if (!xml) return null;
  const byName = new Map<string, string>();
  for (const m of xml.matchAll(PROPERTY)) byName.set(unesc(m[1]!), unesc((/<vt:\w+>([\s\S]*?)<\/vt:\w+>/.exec(m[2]!)?.[1] ?? '').trim()));
  const out = {} as TemplateIdentity;
  for (const [k, name] of Object.entries(FIELDS) as Array<[keyof TemplateIdentity, string]>) out[k] = byName.get(name) ?? '';
  return out.letterheadId ? out : null;
}
