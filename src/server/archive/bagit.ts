// BagIt (RFC 8493) packages as a POSIX tar: bagit.txt, bag-info.txt, data/…, manifest-sha256.txt
// and tagmanifest-sha256.txt. Pure: files in, bytes out (no clock: the caller passes the date).
import { createHash } from 'node:crypto';

export interface BagFile {
  /** Path inside data/, with forward slashes. */
  path: string;
  bytes: Uint8Array;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** A file name safe in a bag and on every file system. */
export function safeName(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'berkas'
  );
}

/** The files of a bag (tag files and payload), in order. */
export function bagFiles(name: string, payload: BagFile[], info: Record<string, string>, date: string): BagFile[] {
  const data = payload.map((f) => ({ path: `data/${f.path}`, bytes: f.bytes }));
  const octets = data.reduce((n, f) => n + f.bytes.byteLength, 0);
  const bagit = utf8('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  const infoLines = { ...info, 'Bagging-Date': date, 'Payload-Oxum': `${octets}.${data.length}`, 'Bag-Size': `${Math.ceil(octets / 1024)} KB` };
  const bagInfo = utf8(Object.entries(infoLines).map(([k, v]) => `${k}: ${v.replace(/\s*\n\s*/g, ' ')}\n`).join(''));
  const manifest = utf8(data.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join(''));
  const tags = [
    { path: 'bagit.txt', bytes: bagit },
    { path: 'bag-info.txt', bytes: bagInfo },
    { path: 'manifest-sha256.txt', bytes: manifest },
  ];
  const tagmanifest = utf8(tags.map((f) => `${sha256(f.bytes)}  ${f.path}\n`).join(''));
  return [...tags, { path: 'tagmanifest-sha256.txt', bytes: tagmanifest }, ...data].map((f) => ({ path: `${name}/${f.path}`, bytes: f.bytes }));
}

function header(path: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, off: number, len: number) => h.set(Buffer.from(s, 'utf8').subarray(0, len), off);
  const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', 155);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`tar path too long: ${path}`);
  }
  put(name, 0, 100);
  put(oct(0o644, 8), 100, 8);
  put(oct(0, 8), 108, 8);
  put(oct(0, 8), 116, 8);
  put(oct(size, 12), 124, 12);
  put(oct(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

/** A ustar archive of the files (directories implied by the paths). */
export function tar(files: BagFile[], mtime: Date): Uint8Array {
  const parts: Uint8Array[] = [];
  const t = Math.floor(mtime.getTime() / 1000);
  for (const f of files) {
    parts.push(header(f.path, f.bytes.byteLength, t), f.bytes);
    const pad = (512 - (f.bytes.byteLength % 512)) % 512;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(1024));
  return new Uint8Array(Buffer.concat(parts));
}
