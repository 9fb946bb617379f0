// A minimal DER writer for the structures we sign on the hot path (CMS SignedData, TSTInfo):
// certificates are copied in as they are, nothing is re-encoded.
function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = content.length === 1 ? content[0]! : Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const seq = (...c: Buffer[]) => tlv(0x30, ...c);
export const set = (...c: Buffer[]) => tlv(0x31, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, Buffer.from(b));
export const nullValue = () => Buffer.from([0x05, 0x00]);
/** [n] EXPLICIT / constructed context tag. */
export const ctx = (n: number, ...c: Buffer[]) => tlv(0xa0 | n, ...c);

/** DER SET OF: elements sorted by their encodings. */
export function setOf(items: Buffer[]): Buffer {
  return set(...[...items].sort(Buffer.compare));
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

export function int(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

/** A non-negative INTEGER from big-endian magnitude bytes (hex). */
export function intFromHex(hex: string): Buffer {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  while (b.length > 1 && b[0] === 0 && !(b[1]! & 0x80)) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

/** GeneralizedTime in whole seconds ("YYYYMMDDHHMMSSZ"). */
export function generalizedTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
  return tlv(0x18, Buffer.from(s, 'latin1'));
}

export const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
