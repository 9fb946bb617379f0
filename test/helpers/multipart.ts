// multipart/form-data bodies for app.inject (what a browser form upload sends).
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  field: string;
  filename: string;
  content: Uint8Array;
  contentType?: string;
}

export function multipart(fields: Record<string, string | number>, files: MultipartFile[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----naskah${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
