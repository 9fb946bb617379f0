// Locations inside the installed package (same answer from src/ under tsx and from dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'migrations'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package root not found');
    dir = up;
  }
}

export const packageRoot = findRoot();
export const migrationsDir = path.join(packageRoot, 'migrations');
export const webDistDir = path.join(packageRoot, 'dist', 'web');
export const packageVersion: string = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version;
