// Per-context wiring of the archive domain: background jobs (sync, before the queue starts) and
// start-up work (async, after migrations: reference data, keys …).
import type { AppContext } from '../context.js';

export function registerArchiveDomain(_ctx: AppContext): void {}

export async function startArchiveDomain(_ctx: AppContext): Promise<void> {}
