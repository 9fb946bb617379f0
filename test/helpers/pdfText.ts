import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The text of a PDF as poppler's pdftotext -layout sees it. */
export function pdfText(pdf: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'x.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text?: string;
}

/** Every word's box as `pdftotext -bbox` reports it, in PDF points with the origin bottom-left. */
export function wordBoxes(pdf: Uint8Array): Box[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'x.pdf'), pdf);
    const html = execFileSync('pdftotext', ['-bbox', path.join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
    const out: Box[] = [];
    let page = 0;
    let height = 0;
    for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      if (m[1]) {
        page++;
        height = Number(m[2]);
        continue;
      }
      const [x1, y1, x2, y2] = [m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
      out.push({ page, x: x1, y: height - y2, width: x2 - x1, height: y2 - y1, text: m[7]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') });
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The visible signature widgets (stamps): their rectangles per page (1-based), from qpdf's JSON. */
export function stampRects(pdf: Uint8Array): Box[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'x.pdf'), pdf);
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', path.join(dir, 'x.pdf')], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const objects = (json.objects ?? json.qpdf?.[1]) as Record<string, Record<string, unknown>>;
    const get = (ref: string) => {
      const o = objects[`obj:${ref}`] ?? objects[ref];
      return ((o as { value?: unknown })?.value ?? o) as Record<string, unknown>;
    };
    const out: Box[] = [];
    (json.pages as Array<{ object: string }>).forEach((p, i) => {
      const page = get(p.object);
      let annots = page['/Annots'] as string[] | string | undefined;
      if (typeof annots === 'string') annots = get(annots) as unknown as string[];
      for (const ref of annots ?? []) {
        const a = get(ref);
        if (a['/Subtype'] !== '/Widget' || a['/FT'] !== '/Sig') continue;
        const [x1, y1, x2, y2] = (a['/Rect'] as number[]).map(Number) as [number, number, number, number];
        if (x2 - x1 < 1) continue;
        out.push({ page: i + 1, x: x1, y: y1, width: x2 - x1, height: y2 - y1 });
      }
    });
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.page === b.page && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
