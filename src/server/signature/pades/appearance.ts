// Visible parts of a signature, drawn as widget appearance streams (never as page content, so
// later signatures do not change what earlier signatures cover): the stamp (QR code to the
// public verification page, "signed electronically by", position, name, NIP) and the legal
// footer at the foot of each page. Layout is pure; drawing needs the PDF's fonts.
import QRCode from 'qrcode';
import type { PDFFont } from '@cantoo/pdf-lib';

export interface StampContent {
  verificationUrl: string;
  signerName: string;
  /** Position as printed, possibly several lines ("a.n. Bupati Contoh\nSekretaris Daerah"). */
  signerTitle: string;
  nip: string | null;
}

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Default stamp size in points (about 8.1 × 2.5 cm). */
export const DEFAULT_STAMP = { width: 230, height: 72 } as const;

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** Text the standard fonts (WinAnsi) can show: unknown characters become "?". */
export function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      try {
        font.encodeText(plain);
        out += plain;
      } catch {
        out += '?';
      }
    }
  }
  return out;
}

/** Greedy word wrap by measured width. */
export function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (const w of words) {
      const candidate = line ? `${line} ${w}` : w;
      if (!line || font.widthOfTextAtSize(candidate, size) <= maxWidth) line = candidate;
      else {
        lines.push(line);
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** QR modules as filled rectangles (runs merged per row), in a square of `size` at (x, y). */
export function qrOperators(text: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  const ops: string[] = ['q', '0 0 0 rg'];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      const rx = x + (quiet + start) * cell;
      const ry = y + size - (quiet + row + 1) * cell;
      ops.push(`${fmt(rx)} ${fmt(ry)} ${fmt((col - start) * cell)} ${fmt(cell)} re`);
    }
  }
  ops.push('f', 'Q');
  return ops.join('\n');
}

function textOp(font: PDFFont, name: string, size: number, x: number, y: number, text: string): string {
  return `BT /${name} ${fmt(size)} Tf 1 0 0 1 ${fmt(x)} ${fmt(y)} Tm ${font.encodeText(text).toString()} Tj ET`;
}

interface Line {
  text: string;
  bold: boolean;
  size: number;
  gapBefore: number;
}

function stampLines(fonts: Fonts, c: StampContent, maxWidth: number, scale: number): Line[] {
  const small = 6.5 * scale;
  const normal = 7.5 * scale;
  const strong = 8.5 * scale;
  const lines: Line[] = [];
  for (const t of wrap(fonts.regular, encodable(fonts.regular, 'Ditandatangani secara elektronik oleh:'), small, maxWidth)) lines.push({ text: t, bold: false, size: small, gapBefore: 0 });
  wrap(fonts.regular, encodable(fonts.regular, c.signerTitle), normal, maxWidth).forEach((t, i) => lines.push({ text: t, bold: false, size: normal, gapBefore: i === 0 ? 2 * scale : 0 }));
  wrap(fonts.bold, encodable(fonts.bold, c.signerName), strong, maxWidth).forEach((t, i) => lines.push({ text: t, bold: true, size: strong, gapBefore: i === 0 ? 4 * scale : 0 }));
  if (c.nip) lines.push({ text: encodable(fonts.regular, `NIP. ${formatNipForStamp(c.nip)}`), bold: false, size: normal, gapBefore: 0 });
  return lines;
}

function formatNipForStamp(nip: string): string {
  const d = nip.replace(/\s+/g, '');
  return /^\d{18}$/.test(d) ? `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}` : nip;
}

/** The QR code's square in a stamp of width × height (stamp coordinates). */
export function qrSquare(width: number, height: number): { x: number; y: number; size: number } {
  const size = Math.min(height, width * 0.4);
  return { x: 0, y: (height - size) / 2, size };
}

/** Content stream of the stamp in a box of width × height (form XObject coordinates). */
export function stampContent(fonts: Fonts, c: StampContent, width: number, height: number): string {
  const qrSize = qrSquare(width, height).size;
  const textX = qrSize + 4;
  const maxWidth = Math.max(20, width - textX - 2);
  const ops: string[] = [qrOperators(c.verificationUrl, 0, (height - qrSize) / 2, qrSize)];
  // Shrink the text until it fits the box height.
  let scale = Math.min(1.6, Math.max(0.6, height / 90));
  let lines = stampLines(fonts, c, maxWidth, scale);
  const total = (ls: Line[]) => ls.reduce((s, l) => s + l.size * 1.2 + l.gapBefore, 0);
  while (total(lines) > height - 2 && scale > 0.45) {
    scale *= 0.92;
    lines = stampLines(fonts, c, maxWidth, scale);
  }
  let y = height - (height - total(lines)) / 2;
  ops.push('0 0 0 rg');
  for (const l of lines) {
    y -= l.gapBefore + l.size * 1.2;
    ops.push(textOp(l.bold ? fonts.bold : fonts.regular, l.bold ? 'F2' : 'F1', l.size, textX, y + l.size * 0.22, l.text));
  }
  return ops.join('\n');
}

export const DEFAULT_FOOTER =
  'Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh {issuer}.\n' +
  'UU ITE No 11 Tahun 2008 Pasal 5 Ayat 1: "Informasi Elektronik dan/atau Dokumen Elektronik dan/atau hasil cetaknya merupakan alat bukti yang sah."';

export function footerText(template: string, issuer: string): string {
  return template.replaceAll('{issuer}', issuer);
}

export const FOOTER_FONT_SIZE = 6.5;

/** Lines of the footer wrapped to `width`, and the height they need. */
export function footerLayout(font: PDFFont, text: string, width: number): { lines: string[]; height: number } {
  const lines = wrap(font, encodable(font, text), FOOTER_FONT_SIZE, width - 4);
  return { lines, height: lines.length * FOOTER_FONT_SIZE * 1.25 + 4 };
}

export function footerContent(font: PDFFont, lines: string[], width: number, height: number): string {
  const ops: string[] = ['0.25 0.25 0.25 rg'];
  let y = height - 2;
  for (const l of lines) {
    y -= FOOTER_FONT_SIZE * 1.25;
    const w = font.widthOfTextAtSize(l, FOOTER_FONT_SIZE);
    ops.push(textOp(font, 'F1', FOOTER_FONT_SIZE, Math.max(2, (width - w) / 2), y + 1.5, l));
  }
  return ops.join('\n');
}
