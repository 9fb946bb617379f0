// Where the visible stamp goes: explicit page/coordinates, the signer's signature block
// (signatureSpace.ts), or below a text marker.
import { AppError } from '../../errors.js';
import type { Appearance } from '../signers/types.js';
import { DEFAULT_STAMP } from './appearance.js';
import { findMarker } from './marker.js';
import { findSignatureSpace, readPageTexts, sealBeside } from './signatureSpace.js';
import type { StampBox } from './placeholder.js';

/**
 * Stamp box for a marker found at (x, y) on a page with visible box `view`: pure. The stamp
 * hangs from the marker's line: templates leave the free space *below* ${ttd_pengirim}, with
 * the signer's position title just above it.
 */
export function boxAtMarker(hit: { pageIndex: number; x: number; y: number; fontSize: number; view: [number, number, number, number] }, size = DEFAULT_STAMP): StampBox {
  const [x1, y1, x2, y2] = hit.view;
  const margin = 6;
  let x = hit.x;
  let y = hit.y + hit.fontSize - size.height;
  x = Math.min(Math.max(x, x1 + margin), x2 - size.width - margin);
  y = Math.min(Math.max(y, y1 + margin), y2 - size.height - margin);
  return { pageIndex: hit.pageIndex, x, y, width: size.width, height: size.height, relative: false };
}

export async function resolveStampBox(pdf: Uint8Array, appearance: Appearance): Promise<StampBox | null> {
  if (!appearance.visible) return null;
  const box = await stampBoxOf(pdf, appearance.placement);
  const seal = appearance.seal;
  if (!seal) return box;
  // The office seal goes beside the stamp, clear of the page's text (read once more: cheap
  // next to signing, and the explicit-coordinates case has not read it at all).
  const pages = await readPageTexts(pdf);
  const page = pages[box.pageIndex];
  if (!page) throw new AppError('SIGNATURE_PLACEMENT_INVALID', { page: box.pageIndex + 1, pages: pages.length });
  const placed = sealBeside(page, box, seal.width / seal.height);
  return { ...placed.stamp, seal: placed.seal };
}

async function stampBoxOf(pdf: Uint8Array, p: Extract<Appearance, { visible: true }>['placement']): Promise<StampBox> {
  if ('signatureBlockOf' in p) return findSignatureSpace(pdf, p.signatureBlockOf);
  if ('marker' in p) {
    const hit = await findMarker(pdf, p.marker);
    if (!hit) throw new AppError('SIGNATURE_MARKER_NOT_FOUND', { marker: p.marker });
    return boxAtMarker(hit);
  }
  if (!Number.isInteger(p.page) || p.page < 1) throw new AppError('SIGNATURE_PLACEMENT_INVALID', { page: p.page });
  return { pageIndex: p.page - 1, x: p.x, y: p.y, width: p.width, height: p.height, relative: true };
}
