// Files at rest are owner-only: the data directory, the embedded database's files, blobs and
// the key file are created 0700/0600 (umask 077 in this process and in the embedded database's
// child) and an installation that predates this is corrected once at start.
import fs from 'node:fs';
import path from 'node:path';

/** New files and directories of this process: no access for group or others. */
export function ownerOnlyUmask(): void {
  try {
    process.umask(0o077);
  } catch {
    /* worker threads cannot change it; their parent did */
  }
}

/** Create `dir` 0700 and make everything under it owner-only. Returns how many modes it changed. */
export function secureTree(dir: string): number {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let changed = 0;
  const fix = (p: string, st: fs.Stats) => {
    const want = st.isDirectory() ? st.mode & 0o700 : st.mode & 0o600;
    if ((st.mode & 0o777) !== want) {
      fs.chmodSync(p, want);
      changed++;
    }
  };
  const walk = (d: string) => {
    fix(d, fs.lstatSync(d));
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) fix(p, fs.lstatSync(p));
    }
  };
  walk(dir);
  return changed;
}

const MARKER = '.owner-only';

/**
 * The data directory at start: 0700, and once per installation (a marker file records it) every
 * file under it made owner-only, for installations whose files were created before.
 */
export function secureDataDir(dir: string): number {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker)) {
    fs.chmodSync(dir, 0o700);
    return 0;
  }
  const changed = secureTree(dir);
  fs.writeFileSync(marker, 'Every file here is owner-only (0700/0600); Naskah checked it once.\n', { mode: 0o600 });
  return changed;
}
