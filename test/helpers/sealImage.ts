// A cap dinas as an admin would upload it: a purple ring with a star, transparent around it.
import { encodePng } from '../../src/server/templates/raster.js';

export function sealPng(size = 240): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c) / c;
      const ink = (r > 0.86 && r < 0.98) || (r > 0.7 && r < 0.74) || r < 0.25;
      if (!ink) continue;
      const i = (y * size + x) * 4;
      rgba[i] = 92;
      rgba[i + 1] = 46;
      rgba[i + 2] = 145;
      rgba[i + 3] = 230;
    }
  return encodePng(size, size, rgba);
}
