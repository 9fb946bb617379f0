// Every installed package supports the oldest Node the product declares, so `npm ci` on that
// Node prints no EBADENGINE (and nothing breaks at run time on it).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const semver = require('semver') as { minVersion(r: string): { version: string } | null; satisfies(v: string, r: string): boolean };

describe('dependency engines', () => {
  it('every package in the lockfile accepts the declared minimum Node', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const min = semver.minVersion(pkg.engines.node)!.version;
    const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refused = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(min, p.engines.node))
      .map(([name, p]) => `${name} wants node ${(p.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });
});
