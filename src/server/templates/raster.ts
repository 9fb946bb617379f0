// A tiny anti-aliased vector rasteriser and PNG encoder, enough to draw the default emblems
// (shield, star, stroke letters) without image libraries or external assets.
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];
export type Polygon = readonly Point[];

const SUB = 5; // sub-scanlines per pixel row (vertical anti-aliasing)

export class Canvas {
  readonly width: number;
  readonly height: number;
  /** Premultiplied RGBA, 0..1. */
  private readonly px: Float32Array;

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
    this.px = new Float32Array(width * height * 4);
  }

  /** Fills the union (non-zero winding) of the polygons with one colour. */
  fill(polys: readonly Polygon[], color: Rgb, alpha = 1): void {
    const edges: Array<{ x0: number; y0: number; x1: number; y1: number; dir: number }> = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const poly of polys) {
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i]!;
        const b = poly[(i + 1) % poly.length]!;
        if (a[1] === b[1]) continue;
        const dir = a[1] < b[1] ? 1 : -1;
        const [p, q] = dir === 1 ? [a, b] : [b, a];
        edges.push({ x0: p[0], y0: p[1], x1: q[0], y1: q[1], dir });
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, q[1]);
      }
    }
    if (!edges.length) return;
    const cov = new Float32Array(this.width);
    const rowStart = Math.max(0, Math.floor(minY));
    const rowEnd = Math.min(this.height - 1, Math.ceil(maxY));
    const xs: Array<{ x: number; dir: number }> = [];
    for (let row = rowStart; row <= rowEnd; row++) {
      cov.fill(0);
      let touched = false;
      for (let s = 0; s < SUB; s++) {
        const y = row + (s + 0.5) / SUB;
        xs.length = 0;
        for (const e of edges) {
          if (y < e.y0 || y >= e.y1) continue;
          xs.push({ x: e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
        }
        if (!xs.length) continue;
        xs.sort((m, n) => m.x - n.x);
        let wind = 0;
        for (let i = 0; i < xs.length - 1; i++) {
          wind += xs[i]!.dir;
          if (wind === 0) continue;
          const left = Math.max(0, xs[i]!.x);
          const right = Math.min(this.width, xs[i + 1]!.x);
          if (right <= left) continue;
          touched = true;
          // Horizontal coverage is exact: partial pixels at both ends of the span.
          const l = Math.floor(left);
          const r = Math.floor(right);
          if (l === r) {
            cov[l]! += (right - left) / SUB;
          } else {
            cov[l]! += (l + 1 - left) / SUB;
            for (let x = l + 1; x < r; x++) cov[x]! += 1 / SUB;
            if (r < this.width) cov[r]! += (right - r) / SUB;
          }
        }
      }
      if (!touched) continue;
      for (let x = 0; x < this.width; x++) {
        const c = Math.min(1, cov[x]!) * alpha;
        if (c <= 0) continue;
        const o = (row * this.width + x) * 4;
        const inv = 1 - c;
        this.px[o] = color[0] / 255 * c + this.px[o]! * inv;
        this.px[o + 1] = color[1] / 255 * c + this.px[o + 1]! * inv;
        this.px[o + 2] = color[2] / 255 * c + this.px[o + 2]! * inv;
        this.px[o + 3] = c + this.px[o + 3]! * inv;
      }
    }
  }

  /** Strokes polylines with round joins and caps. */
  stroke(lines: readonly Polygon[], width: number, color: Rgb): void {
    this.fill(strokePolygons(lines, width), color);
  }

  toPng(): Buffer {
    const rgba = Buffer.alloc(this.width * this.height * 4);
    for (let i = 0; i < this.width * this.height; i++) {
      const a = this.px[i * 4 + 3]!;
      for (let k = 0; k < 3; k++) rgba[i * 4 + k] = a > 0 ? Math.round(Math.min(1, this.px[i * 4 + k]! / a) * 255) : 0;
      rgba[i * 4 + 3] = Math.round(a * 255);
    }
    return encodePng(this.width, this.height, rgba);
  }
}

export function circle(cx: number, cy: number, r: number, n = 48): Polygon {
  return ellipse(cx, cy, r, r, 0, n);
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, rotation = 0, n = 40): Polygon {
  const out: Point[] = [];
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  for (let i = 0; i < n; i++) {
    const t = (i / n) * Math.PI * 2;
    const x = Math.cos(t) * rx;
    const y = Math.sin(t) * ry;
    out.push([cx + x * cos - y * sin, cy + x * sin + y * cos]);
  }
  return out;
}

/** Five-pointed star, point up. */
export function star(cx: number, cy: number, outer: number, inner = outer * 0.382): Polygon {
  const out: Point[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const t = -Math.PI / 2 + (i * Math.PI) / 5;
    out.push([cx + Math.cos(t) * r, cy + Math.sin(t) * r]);
  }
  return out;
}

/** Quadratic Bézier sampled as a polyline. */
export function quad(p0: Point, c: Point, p1: Point, n = 16): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

export function transform(poly: Polygon, m: { dx?: number; dy?: number; sx?: number; sy?: number; rot?: number; cx?: number; cy?: number }): Polygon {
  const { dx = 0, dy = 0, sx = 1, sy = sx, rot = 0, cx = 0, cy = 0 } = m;
  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  return poly.map(([x, y]) => {
    const px = (x - cx) * sx;
    const py = (y - cy) * sy;
    return [cx + px * cos - py * sin + dx, cy + px * sin + py * cos + dy] as Point;
  });
}

function strokePolygons(lines: readonly Polygon[], width: number): Polygon[] {
  const h = width / 2;
  const out: Polygon[] = [];
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const p = line[i]!;
      out.push(circle(p[0], p[1], h, 20));
      const q = line[i + 1];
      if (!q) continue;
      const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (len === 0) continue;
      const nx = (-(q[1] - p[1]) / len) * h;
      const ny = ((q[0] - p[0]) / len) * h;
      // Consistent orientation so the non-zero union never cancels out.
      out.push([
        [p[0] + nx, p[1] + ny],
        [q[0] + nx, q[1] + ny],
        [q[0] - nx, q[1] - ny],
        [p[0] - nx, p[1] - ny],
      ]);
    }
  }
  return out.map(orientClockwise);
}

function orientClockwise(poly: Polygon): Polygon {
  let area = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    area += a[0] * b[1] - b[0] * a[1];
  }
  return area < 0 ? [...poly].reverse() : poly;
}

// Stroke font for capitals on a 4 x 6 grid (y down). Enough for region initials.
const GLYPHS: Record<string, Point[][]> = {
  A: [[[0, 6], [2, 0], [4, 6]], [[0.7, 4], [3.3, 4]]],
  B: [[[0, 0], [0, 6], [3, 6], [4, 5], [4, 4], [3, 3], [0, 3]], [[0, 0], [2.7, 0], [3.6, 0.8], [3.6, 2.2], [2.7, 3]]],
  C: [[[4, 0.8], [3, 0], [1, 0], [0, 1], [0, 5], [1, 6], [3, 6], [4, 5.2]]],
  D: [[[0, 0], [0, 6], [2.5, 6], [4, 4.5], [4, 1.5], [2.5, 0], [0, 0]]],
  E: [[[4, 0], [0, 0], [0, 6], [4, 6]], [[0, 3], [3, 3]]],
  F: [[[4, 0], [0, 0], [0, 6]], [[0, 3], [3, 3]]],
  G: [[[4, 0.8], [3, 0], [1, 0], [0, 1], [0, 5], [1, 6], [3, 6], [4, 5], [4, 3.3], [2.3, 3.3]]],
  H: [[[0, 0], [0, 6]], [[4, 0], [4, 6]], [[0, 3], [4, 3]]],
  I: [[[1, 0], [3, 0]], [[2, 0], [2, 6]], [[1, 6], [3, 6]]],
  J: [[[1.5, 0], [4, 0], [4, 5], [3, 6], [1, 6], [0, 5]]],
  K: [[[0, 0], [0, 6]], [[4, 0], [0, 3.6]], [[1.3, 2.5], [4, 6]]],
  L: [[[0, 0], [0, 6], [4, 6]]],
  M: [[[0, 6], [0, 0], [2, 3.5], [4, 0], [4, 6]]],
  N: [[[0, 6], [0, 0], [4, 6], [4, 0]]],
  O: [[[1, 0], [3, 0], [4, 1], [4, 5], [3, 6], [1, 6], [0, 5], [0, 1], [1, 0]]],
  P: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2.2], [3, 3.2], [0, 3.2]]],
  Q: [[[1, 0], [3, 0], [4, 1], [4, 5], [3, 6], [1, 6], [0, 5], [0, 1], [1, 0]], [[2.5, 4.5], [4.2, 6.2]]],
  R: [[[0, 6], [0, 0], [3, 0], [4, 1], [4, 2.2], [3, 3.2], [0, 3.2]], [[2, 3.2], [4, 6]]],
  S: [[[4, 0.8], [3, 0], [1, 0], [0, 1], [0, 2], [1, 3], [3, 3], [4, 4], [4, 5], [3, 6], [1, 6], [0, 5.2]]],
  T: [[[0, 0], [4, 0]], [[2, 0], [2, 6]]],
  U: [[[0, 0], [0, 5], [1, 6], [3, 6], [4, 5], [4, 0]]],
  V: [[[0, 0], [2, 6], [4, 0]]],
  W: [[[0, 0], [1, 6], [2, 2.5], [3, 6], [4, 0]]],
  X: [[[0, 0], [4, 6]], [[4, 0], [0, 6]]],
  Y: [[[0, 0], [2, 3], [4, 0]], [[2, 3], [2, 6]]],
  Z: [[[0, 0], [4, 0], [0, 6], [4, 6]]],
};

/** Polylines of a capital-letter string, centred on (cx, cy), letters `height` px tall. */
export function textLines(text: string, cx: number, cy: number, height: number): Point[][] {
  const scale = height / 6;
  const advance = 5.6 * scale;
  const letters = [...text.toUpperCase()].filter((c) => GLYPHS[c]);
  const total = letters.length * advance - 1.6 * scale;
  let x0 = cx - total / 2;
  const y0 = cy - height / 2;
  const out: Point[][] = [];
  for (const c of letters) {
    for (const line of GLYPHS[c]!) out.push(line.map(([x, y]) => [x0 + x * scale, y0 + y * scale] as Point));
    x0 += advance;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** 8-bit RGBA PNG. */
export function encodePng(width: number, height: number, rgba: Buffer, dpi = 300): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const phys = Buffer.alloc(9);
  const ppm = Math.round(dpi / 0.0254);
  phys.writeUInt32BE(ppm, 0);
  phys.writeUInt32BE(ppm, 4);
  phys[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('pHYs', phys),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
