import { describe, expect, it } from 'vitest';
import { canvasPixelRatio, clampScale, fitWidthScale, MAX_CANVAS_PIXELS, MAX_SCALE, pinchScale, zoomIn, zoomOut, zoomPercent } from './zoom';

describe('PDF viewer zoom', () => {
  it('an A4 page fitted to a 358 px phone column is unreadable; two "Perbesar" make 12 pt at least 12 px', () => {
    const fit = fitWidthScale(358, 595.28);
    expect(12 * fit).toBeLessThan(8);
    expect(zoomIn(fit)).toBe(0.75);
    expect(12 * zoomIn(zoomIn(fit))).toBeGreaterThanOrEqual(12);
  });

  it('walks the steps both ways and stops at the ends', () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomOut(0.6)).toBe(0.5);
    expect(zoomIn(MAX_SCALE)).toBe(MAX_SCALE);
    expect(zoomOut(0.5)).toBe(0.5);
  });

  it('a pinch scales by the change of finger distance, within bounds', () => {
    expect(pinchScale(1, 100, 150)).toBeCloseTo(1.5);
    expect(pinchScale(1, 100, 10)).toBe(0.5);
    expect(pinchScale(0.4, 100, 90, 0.4)).toBe(0.4);
    expect(pinchScale(2, 100, 1000)).toBe(MAX_SCALE);
    expect(pinchScale(1, 0, 50)).toBe(1);
    expect(clampScale(0.3, 0.4)).toBe(0.4);
  });

  it('draws at devicePixelRatio until the canvas would be too large', () => {
    expect(canvasPixelRatio(595, 842, 2)).toBe(2);
    expect(canvasPixelRatio(595, 842, 3)).toBe(3);
    const r = canvasPixelRatio(595 * 4, 842 * 4, 3);
    expect(r).toBeLessThan(3);
    expect(595 * 4 * 842 * 4 * r * r).toBeLessThanOrEqual(MAX_CANVAS_PIXELS + 1);
    expect(canvasPixelRatio(100, 100, 0)).toBe(1);
  });

  it('shows 100 % at print size', () => {
    expect(zoomPercent(96 / 72)).toBe(100);
    expect(zoomPercent(1)).toBe(75);
  });
});
