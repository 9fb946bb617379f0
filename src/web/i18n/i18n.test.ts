// Both languages carry the same keys, and every key the code asks for exists.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import id from './id.json';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
/** "login.remainingAttempts_one" and "_other" are one key for the code. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('translations', () => {
  it('id.json and en.json have the same keys', () => {
    const idKeys = new Set(flatten(id).map(base));
    const enKeys = new Set(flatten(en).map(base));
    expect([...idKeys].filter((k) => !enKeys.has(k)), 'missing in en.json').toEqual([]);
    expect([...enKeys].filter((k) => !idKeys.has(k)), 'missing in id.json').toEqual([]);
  });

  it('every literal t("…") key used in src/web exists', () => {
    const known = new Set(flatten(id).map(base));
    const missing: string[] = [];
    for (const file of sourceFiles(webDir)) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(m[1]!)) missing.push(`${path.relative(webDir, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('Indonesian uses the words civil servants use', () => {
    expect(id.nav).toMatchObject({ home: 'Beranda', drafts: 'Konsep', toVerify: 'Perlu Verifikasi', toSign: 'Perlu Tanda Tangan', incoming: 'Naskah Masuk', dispositions: 'Disposisi', archive: 'Arsip', org: 'Organisasi', profile: 'Profil', logout: 'Keluar' });
  });
});
