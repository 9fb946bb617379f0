// Default emblems drawn in code (no external assets): a regional shield with the region's
// initials for KOP Setda / Perangkat Daerah, and a Garuda-like placeholder for KOP Bupati.
// Both are placeholders for the demo and fresh installs; a pemda uploads its own lambang.
import { Canvas, circle, ellipse, quad, star, textLines, transform, type Point, type Polygon, type Rgb } from './raster.js';

const GOLD: Rgb = [201, 162, 39];
const GOLD_LIGHT: Rgb = [242, 201, 76];
const GOLD_DARK: Rgb = [128, 96, 16];
const GREEN: Rgb = [24, 104, 58];
const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [200, 30, 40];
const DARK: Rgb = [40, 30, 10];

/** "Kabupaten Contoh" -> "KC", "Kota Bandar Lampung" -> "KBL" (at most 3 letters). */
export function regionInitials(region: string): string {
  const words = region
    .normalize('NFKD')
    .replace(/[^A-Za-z\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const initials = words.map((w) => w[0]!.toUpperCase()).join('');
  return (initials || 'PD').slice(0, 3);
}

function shieldOutline(x0: number, y0: number, w: number, h: number): Polygon {
  const x1 = x0 + w;
  const cx = x0 + w / 2;
  const shoulder = y0 + h * 0.52;
  const bottom = y0 + h;
  return [
    ...quad([x0, y0], [cx, y0 - h * 0.06], [x1, y0], 12),
    ...quad([x1, shoulder], [x1 - w * 0.02, bottom - h * 0.12], [cx, bottom], 18),
    ...quad([cx, bottom], [x0 + w * 0.02, bottom - h * 0.12], [x0, shoulder], 18),
  ];
}

/** Rice stalk (padi): grains along a curve. */
function padi(points: Point[], size: number): Polygon[] {
  const out: Polygon[] = [];
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i]!;
    const [px, py] = points[i - 1]!;
    const ang = Math.atan2(y - py, x - px);
    out.push(ellipse(x, y, size, size * 0.45, ang + 0.5, 16));
  }
  return out;
}

/**
 * A regional emblem: a gold-rimmed green shield with a star, rice and cotton, and the
 * region's initials. 300 x 360 px PNG.
 */
export function defaultLogoPng(region: string): Buffer {
  const c = new Canvas(300, 360);
  const outer = shieldOutline(20, 22, 260, 326);
  c.fill([outer], GOLD_DARK);
  c.fill([shieldOutline(27, 29, 246, 312)], GOLD);
  c.fill([shieldOutline(40, 42, 220, 284)], GREEN);
  c.fill([star(150, 92, 34)], GOLD_LIGHT);

  // Padi (left, gold) and kapas (right, white) arcs framing the initials.
  const left = quad([118, 300], [52, 250], [70, 130], 11);
  const right = quad([182, 300], [248, 250], [230, 130], 11);
  c.stroke([left], 3, GOLD_LIGHT);
  c.fill(padi(left, 9), GOLD_LIGHT);
  c.stroke([right], 3, GOLD_LIGHT);
  c.fill(
    right.slice(1).map(([x, y]) => circle(x, y, 7, 20)),
    WHITE,
  );

  const initials = regionInitials(region);
  const height = initials.length > 2 ? 46 : 58;
  c.stroke(textLines(initials, 150, 200, height), initials.length > 2 ? 8 : 10, WHITE);
  return c.toPng();
}

function feather(x: number, y: number, angle: number, length: number, width: number): Polygon {
  const cx = x + (Math.cos(angle) * length) / 2;
  const cy = y + (Math.sin(angle) * length) / 2;
  return ellipse(cx, cy, length / 2, width / 2, angle, 28);
}

let garudaCache: Buffer | undefined;

/**
 * A Garuda-like placeholder emblem for KOP Bupati (stylised: spread wings, chest shield with a
 * star, tail fan and a ribbon). 360 x 380 px PNG.
 */
export function garudaEmblemPng(): Buffer {
  if (garudaCache) return garudaCache;
  const c = new Canvas(360, 380);
  const cx = 180;

  const wings = (fill: Rgb, grow: number): Polygon[] => {
    const out: Polygon[] = [];
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI + 0.12 + i * 0.125; // from pointing left to pointing up-left
      const len = 92 + i * 8 + grow;
      out.push(feather(cx - 36, 172, a, len, 22 + grow / 2));
      out.push(transform(feather(cx - 36, 172, a, len, 22 + grow / 2), { sx: -1, sy: 1, cx, cy: 0 }));
    }
    return out;
  };
  c.fill(wings(GOLD_DARK, 6), GOLD_DARK);
  c.fill(wings(GOLD, 0), GOLD);

  // Tail fan.
  const tail: Polygon[] = [];
  for (let i = 0; i < 7; i++) tail.push(feather(cx, 250, Math.PI / 2 - 0.6 + i * 0.2, 78, 20));
  c.fill(tail, GOLD_DARK);
  c.fill(tail.map((p) => transform(p, { sx: 0.92, cx, cy: 250 })), GOLD);

  // Body, neck and head.
  // The head turns to the Garuda's right (the viewer's left), hooked beak, crest behind.
  const crest: Polygon[] = [];
  for (let i = 0; i < 5; i++) crest.push(feather(cx + 8, 96, -Math.PI / 2 + 0.2 + i * 0.28, 34, 9));
  c.fill(crest, GOLD_DARK);
  c.fill([ellipse(cx, 200, 50, 84)], GOLD_DARK);
  c.fill([ellipse(cx, 200, 45, 79)], GOLD);
  c.fill([ellipse(cx, 132, 16, 26)], GOLD_DARK);
  c.fill([ellipse(cx, 132, 12, 24)], GOLD);
  c.fill([ellipse(cx - 2, 100, 20, 19)], GOLD_DARK);
  c.fill([ellipse(cx - 2, 100, 17, 16)], GOLD);
  c.fill([[[cx - 14, 92], [cx - 40, 104], [cx - 30, 110], [cx - 14, 108]]], GOLD_DARK);
  c.fill([circle(cx - 8, 96, 3.5)], DARK);

  // Chest shield: quartered red/white with a centre shield and a star.
  const sx = cx - 42;
  const sy = 150;
  c.fill([shieldOutline(sx, sy, 84, 100)], DARK);
  const inner = shieldOutline(sx + 5, sy + 5, 74, 90);
  c.fill([inner], WHITE);
  c.fill([[[sx + 5, sy + 5], [cx, sy + 5], [cx, sy + 55], [sx + 5, sy + 55]]], RED);
  c.fill([[[cx, sy + 55], [sx + 79, sy + 55], [sx + 79, sy + 70], [cx + 16, sy + 95], [cx, sy + 96]]], RED);
  c.stroke([[[sx + 5, sy + 55], [sx + 79, sy + 55]]], 3, DARK);
  c.fill([shieldOutline(cx - 15, sy + 32, 30, 36)], DARK);
  c.fill([star(cx, sy + 48, 11)], GOLD_LIGHT);

  // Ribbon under the tail.
  const ribbon = quad([70, 336], [cx, 372], [290, 336], 24);
  c.stroke([ribbon], 26, GOLD_DARK);
  c.stroke([ribbon], 20, WHITE);
  garudaCache = c.toPng();
  return garudaCache;
}
