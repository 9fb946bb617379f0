// Builds the web app into dist/web when it is missing or older than its sources. A lock
// directory keeps two test runs from building at the same time.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const distIndex = path.join(repoRoot, 'dist/web/index.html');
const lockDir = path.join(repoRoot, 'dist/.web-build.lock');

const run = promisify(execFile);

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** True when dist/web is missing or older than src/web, src/shared or vite.config.ts. */
export function webBuildIsStale(): boolean {
  if (!fs.existsSync(distIndex)) return true;
  const built = fs.statSync(distIndex).mtimeMs;
  const sources = Math.max(newestMtime(path.join(repoRoot, 'src/web')), newestMtime(path.join(repoRoot, 'src/shared')), newestMtime(path.join(repoRoot, 'vite.config.ts')));
  return sources > built;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than 2 minutes belongs to a build that died.
      try {
        if (Date.now() - fs.statSync(lockDir).mtimeMs > 120_000) fs.rmSync(lockDir, { recursive: true, force: true });
      } catch {
        /* raced with its owner */
      }
      if (Date.now() > deadline) throw new Error(`web build lock ${lockDir} held too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** `vite build` if needed; returns whether it built. */
export async function ensureWebBuilt(opts: { force?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !webBuildIsStale()) return false;
  return withLock(async () => {
    if (!opts.force && !webBuildIsStale()) return false; // built by another run meanwhile
    await run(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoRoot, maxBuffer: 10 * 1024 * 1024 });
    await run(process.execPath, [path.join(repoRoot, 'scripts/precompress.mjs'), path.join(repoRoot, 'dist/web')], { cwd: repoRoot }); // as `npm run build:web`
    return true;
  });
}
