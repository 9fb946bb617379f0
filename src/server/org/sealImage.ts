// The office seal image (cap dinas) an admin uploads: only a real PNG or JPEG within the size
// and dimension limits, its header read by hand first (nothing is decoded before the limits
// hold), then decoded once in full so that a truncated or corrupt file is refused at upload and
// not at the first signature. Pure apart from that decode; no database.
import { PDFDocument } from '@cantoo/pdf-lib';
import { AppError } from '../errors.js';

export const SEAL_MAX_BYTES = 512 * 1024;
export const SEAL_MAX_SIDE = 2000;
export const SEAL_MIN_SIDE = 100;

export type SealKind = 'png' | 'jpeg';
export interface SealImageInfo {
  kind: SealKind;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function invalid(reason: string): AppError {
  return new AppError('SEAL_IMAGE_INVALID', { reason });
}

/** Width and height from a PNG's IHDR (which must be the first chunk). */
function pngSize(b: Buffer): { width: number; height: number } {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR' || b.readUInt32BE(8) !== 13) throw invalid('png without IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Width and height from a JPEG's first SOFn segment (walking the marker segments). */
function jpegSize(b: Buffer): { width: number; height: number } {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) throw invalid('jpeg marker expected');
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame
    const len = b.readUInt16BE(i + 2);
    if (len < 2) throw invalid('jpeg segment length');
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) break;
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  throw invalid('jpeg without frame header');
}

/** Kind and size of the image, checked against the limits; throws a refusal the admin can act on. */
export function inspectSealImage(bytes: Uint8Array): SealImageInfo {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length > SEAL_MAX_BYTES) throw new AppError('SEAL_IMAGE_TOO_LARGE', { size: b.length, maxBytes: SEAL_MAX_BYTES });
  let kind: SealKind;
  let size: { width: number; height: number };
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_MAGIC)) {
    kind = 'png';
    size = pngSize(b);
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    kind = 'jpeg';
    size = jpegSize(b);
  } else {
    throw invalid('not a png or jpeg');
  }
  if (size.width > SEAL_MAX_SIDE || size.height > SEAL_MAX_SIDE) throw new AppError('SEAL_IMAGE_TOO_LARGE', { ...size, maxSide: SEAL_MAX_SIDE });
  if (size.width < SEAL_MIN_SIDE || size.height < SEAL_MIN_SIDE) throw new AppError('SEAL_IMAGE_TOO_SMALL', { ...size, minSide: SEAL_MIN_SIDE });
  // A seal is round or nearly square; a banner-shaped picture is not a cap dinas.
  if (size.width > 2 * size.height || size.height > 2 * size.width) throw invalid('aspect ratio');
  return { kind, mime: kind === 'png' ? 'image/png' : 'image/jpeg', ...size };
}

/** inspectSealImage, then one full decode (the same decoder the signer embeds it with). */
export async function validateSealImage(bytes: Uint8Array): Promise<SealImageInfo> {
  const info = inspectSealImage(bytes);
  try {
    const doc = await PDFDocument.create();
    const img = info.kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
    if (img.width !== info.width || img.height !== info.height) throw new Error('size mismatch');
    // Decoding happens when the image is written.
    await doc.save({ objectsPerTick: Infinity });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(`decode: ${(e as Error)?.message?.slice(0, 120) ?? 'failed'}`);
  }
  return info;
}
