// One e-mail, parsed: sender, subject, body, and its attachments sorted into scans (PDF and
// images, by their bytes, not their declared type) and the rest.
import { simpleParser } from 'mailparser';
import { sniffScan } from '../ocr/index.js';

export interface ParsedMail {
  messageId: string | null;
  fromAddress: string | null;
  fromName: string | null;
  subject: string | null;
  body: string;
  sentAt: Date | null;
  scans: Array<{ name: string; bytes: Buffer; kind: string }>;
  skipped: Array<{ name: string; kind: string; size: number; why: string }>;
}

const MAX_BODY = 20_000;

export async function parseMail(source: Buffer, limits: { maxAttachmentBytes: number }): Promise<ParsedMail> {
  const m = await simpleParser(source, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const from = m.from?.value?.[0];
  const scans: ParsedMail['scans'] = [];
  const skipped: ParsedMail['skipped'] = [];
  let n = 0;
  for (const a of m.attachments ?? []) {
    n++;
    const name = (a.filename ?? `lampiran-${n}`).slice(0, 200);
    const bytes = a.content as Buffer;
    const kind = sniffScan(bytes);
    if (!bytes.length) skipped.push({ name, kind: a.contentType, size: 0, why: 'kosong (0 byte)' });
    else if (!kind) skipped.push({ name, kind: a.contentType, size: bytes.length, why: 'bukan PDF atau gambar' });
    else if (bytes.length > limits.maxAttachmentBytes) skipped.push({ name, kind, size: bytes.length, why: 'terlalu besar' });
    else scans.push({ name, bytes, kind });
  }
  const body = (m.text ?? '').trim() || (typeof m.html === 'string' ? m.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : '');
  return {
    messageId: m.messageId ?? null,
    fromAddress: from?.address?.toLowerCase() ?? null,
    fromName: from?.name || null,
    subject: m.subject ?? null,
    body: body.slice(0, MAX_BODY),
    sentAt: m.date ?? null,
    scans,
    skipped,
  };
}
