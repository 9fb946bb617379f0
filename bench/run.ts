// `npm run bench [name …]`: runs bench/*.bench.ts (or the named ones), each writing
// bench/results/<name>.json. Goals are reported next to the measured values, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { Bench } from './lib.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'results');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  // A bench's name is its file name: load only the ones asked for.
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts') && (!wanted.length || wanted.includes(f.replace(/\.bench\.ts$/, ''))))
    .sort();
  fs.mkdirSync(outDir, { recursive: true });
  const summary: Record<string, unknown> = {};
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: Bench };
    const bench = mod.default;
    process.stdout.write(`▶ ${bench.name}: ${bench.description}\n`);
    const started = Date.now();
    try {
      const result = await bench.run();
      const record = {
        name: bench.name,
        description: bench.description,
        at: new Date().toISOString(),
        durationMs: Date.now() - started,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
        ...result,
      };
      fs.writeFileSync(path.join(outDir, `${bench.name}.json`), JSON.stringify(record, null, 2));
      summary[bench.name] = { metrics: result.metrics, goals: result.goals };
      process.stdout.write(`  ${JSON.stringify(result.metrics)}\n${result.goals ? `  goals ${JSON.stringify(result.goals)}\n` : ''}`);
    } catch (e) {
      summary[bench.name] = { error: String(e) };
      process.stdout.write(`  FAILED: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    }
  }
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
  process.exit();
}

void main();
