// A small DER reader for the verifier: CMS, timestamp tokens, certificates, OCSP answers and
// CRLs are read straight from their bytes (signed parts stay byte-exact, and it is much
// faster than building full object models). Malformed input throws DerError.
export class DerError extends Error {}

export interface Tlv {
  /** Identifier octet: class bits, constructed bit, tag number (low tags only). */
  tag: number;
  cls: number;
  constructed: boolean;
  tagNumber: number;
  /** Whole element (header + value) and its value. */
  raw: Buffer;
  value: Buffer;
}

export function readTlv(buf: Buffer, pos = 0): Tlv {
  if (pos + 2 > buf.length) throw new DerError('truncated');
  const tag = buf[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers not supported');
  let len = buf[pos + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError('bad length');
    if (pos + 2 + n > buf.length) throw new DerError('truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + 2 + i]!;
    head += n;
  }
  const end = pos + head + len;
  if (end > buf.length) throw new DerError('truncated value');
  return { tag, cls: tag >> 6, constructed: (tag & 0x20) !== 0, tagNumber: tag & 0x1f, raw: buf.subarray(pos, end), value: buf.subarray(pos + head, end) };
}

export function parse(buf: Uint8Array): Tlv {
  return readTlv(Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength));
}

export function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < t.value.length) {
    const c = readTlv(t.value, pos);
    out.push(c);
    pos += c.raw.length;
  }
  return out;
}

/** Children, requiring at least `n`. */
export function kids(t: Tlv, n: number, what: string): Tlv[] {
  const c = children(t);
  if (c.length < n) throw new DerError(`${what}: too few elements`);
  return c;
}

export function oid(t: Tlv): string {
  if (t.tag !== 0x06) throw new DerError('not an OID');
  const v = t.value;
  const parts: number[] = [];
  let acc = 0;
  for (const b of v) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const a = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a, first - a * 40, ...parts].join('.');
}

/** Hex of an INTEGER's magnitude, without leading zero octets (as serials are compared). */
export function intHex(t: Tlv): string {
  if (t.tag !== 0x02) throw new DerError('not an INTEGER');
  let b = t.value;
  while (b.length > 1 && b[0] === 0) b = b.subarray(1);
  return b.toString('hex');
}

export function intValue(t: Tlv): number {
  let n = 0;
  for (const b of t.value) n = n * 256 + b;
  return n;
}

export function time(t: Tlv): Date {
  const s = t.value.toString('latin1');
  if (t.tag === 0x17) {
    const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
    if (!m) throw new DerError('bad UTCTime');
    const y = Number(m[1]);
    return new Date(Date.UTC(y < 50 ? 2000 + y : 1900 + y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (t.tag === 0x18) {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?Z$/.exec(s);
    if (!m) throw new DerError('bad GeneralizedTime');
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), ms));
  }
  throw new DerError('not a time');
}

/** Content octets of a BIT STRING (without the unused-bits octet). */
export function bits(t: Tlv): Buffer {
  if (t.tag !== 0x03) throw new DerError('not a BIT STRING');
  return t.value.subarray(1);
}

export interface AlgId {
  oid: string;
  /** DER of the parameters, if any. */
  params: Buffer | null;
}

export function algId(t: Tlv): AlgId {
  const c = kids(t, 1, 'AlgorithmIdentifier');
  return { oid: oid(c[0]!), params: c[1] ? c[1].raw : null };
}

export function isContext(t: Tlv | undefined, n: number): t is Tlv {
  return !!t && t.cls === 2 && t.tagNumber === n;
}
