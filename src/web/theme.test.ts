// Text in any colour variant must reach WCAG AA (4.5:1) on white and on its own light tint.
import { describe, expect, it } from 'vitest';
import { READABLE_COLORS } from './theme';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
const lum = ([r, g, b]: [number, number, number]) => {
  const f = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a: [number, number, number], b: [number, number, number]) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};
/** Mantine's light variant: the colour at 10-15 % over white. */
const tint = (c: [number, number, number], alpha: number) => c.map((v) => 1 - alpha + alpha * v) as [number, number, number];

describe('the palette', () => {
  for (const [name, shades] of Object.entries(READABLE_COLORS)) {
    it(`${name}: shades 5-9 read on white and on their light tint`, () => {
      for (const hex of shades.slice(5)) {
        const c = rgb(hex);
        expect(contrast(c, [1, 1, 1]), `${name} ${hex} on white`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(c, tint(c, 0.15)), `${name} ${hex} on its tint`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
