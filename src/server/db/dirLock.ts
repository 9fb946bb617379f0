// An exclusive lock on a data directory: PGlite has none of its own, and two processes
// writing one PGlite directory corrupt it. The lock file holds the owner's pid; a lock whose
// owner is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DirectoryLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super(
      `Direktori data sedang dipakai proses lain (pid ${ownerPid}). Hentikan proses itu atau pakai NASKAH_DATA_DIR lain. ` +
        `/ The data directory is in use by another process (pid ${ownerPid}): ${lockPath}`,
    );
    this.name = 'DirectoryLockedError';
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  path: string;
  release(): void;
}

export function lockDirectory(dir: string, name = 'naskah.lock'): DirLock {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, name);
  for (let attempt = 0; attempt < 5; attempt++) {
    // Write our pid to a private file, then hard-link it into place: link() fails if the
    // lock exists, so exactly one process wins even when several start together.
    const tmp = `${lockPath}.${process.pid}.${attempt}`;
    fs.writeFileSync(tmp, String(process.pid));
    try {
      fs.linkSync(tmp, lockPath);
      fs.unlinkSync(tmp);
      let released = false;
      return {
        path: lockPath,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      fs.unlinkSync(tmp);
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
    } catch {
      continue; // vanished meanwhile: retry
    }
    if (pidAlive(owner) && owner !== process.pid) throw new DirectoryLockedError(lockPath, owner);
    // Stale: move it aside atomically (only one contender succeeds), then retry.
    const moved = `${lockPath}.stale.${process.pid}`;
    try {
      fs.renameSync(lockPath, moved);
    } catch {
      continue; // someone else took it over; look again
    }
    // If a contender replaced the stale lock with its own fresh one in between, put it back.
    if (fs.readFileSync(moved, 'utf8').trim() !== String(owner)) {
      try {
        fs.linkSync(moved, lockPath);
      } catch {
        /* a third process holds it now; we will see that on the next round */
      }
    }
    fs.unlinkSync(moved);
  }
  throw new Error(`could not take lock ${lockPath}`);
}
