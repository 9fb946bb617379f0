import { describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { sealPng } from '../../../test/helpers/sealImage.js';
import { isAppError } from '../errors.js';
import { encodePng } from '../templates/raster.js';
import { inspectSealImage, SEAL_MAX_BYTES, validateSealImage } from './sealImage.js';

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('accepted');
}

/** A JPEG from pdf-lib's test-free path: the smallest valid baseline JPEG header + a real frame. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('the office seal image', () => {
  it('accepts a transparent PNG and reads its size', async () => {
    expect(await validateSealImage(sealPng(240))).toEqual({ kind: 'png', mime: 'image/png', width: 240, height: 240 });
  });

  it('reads a JPEG frame header for its size', () => {
    expect(inspectSealImage(jpegHeader(400, 380))).toMatchObject({ kind: 'jpeg', width: 400, height: 380 });
  });

  it('refuses what is not a PNG or JPEG, even named .png', async () => {
    expect(await refusal(validateSealImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe('SEAL_IMAGE_INVALID');
    expect(await refusal(validateSealImage(await PDFDocument.create().then((d) => d.save())))).toBe('SEAL_IMAGE_INVALID');
    expect(await refusal(validateSealImage(Buffer.from('GIF89a......')))).toBe('SEAL_IMAGE_INVALID');
  });

  it('refuses a truncated PNG (the header alone passes, the decode does not)', async () => {
    const png = sealPng(240);
    const cut = png.subarray(0, png.length - 40);
    expect(inspectSealImage(cut)).toMatchObject({ kind: 'png' });
    expect(await refusal(validateSealImage(cut))).toBe('SEAL_IMAGE_INVALID');
  });

  it('refuses files over 512 KB and images over 2000 px before decoding them', async () => {
    const big = Buffer.concat([sealPng(200), Buffer.alloc(SEAL_MAX_BYTES)]);
    expect(await refusal(() => inspectSealImage(big))).toBe('SEAL_IMAGE_TOO_LARGE');
    // A 30000 × 30000 header (a decompression bomb) is refused from its IHDR alone.
    const bomb = Buffer.from(sealPng(200));
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    expect(await refusal(() => inspectSealImage(bomb))).toBe('SEAL_IMAGE_TOO_LARGE');
    expect(await refusal(() => inspectSealImage(jpegHeader(4000, 4000)))).toBe('SEAL_IMAGE_TOO_LARGE');
  });

  it('refuses tiny and banner-shaped images', async () => {
    expect(await refusal(() => inspectSealImage(sealPng(50)))).toBe('SEAL_IMAGE_TOO_SMALL');
    const banner = encodePng(900, 150, Buffer.alloc(900 * 150 * 4));
    expect(await refusal(() => inspectSealImage(banner))).toBe('SEAL_IMAGE_INVALID');
  });
});
