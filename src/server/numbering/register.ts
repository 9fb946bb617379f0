// Per-context wiring of the numbering domain: background jobs (sync, before the queue starts) and
// start-up work (async, after migrations: reference data, keys …).
import type { AppContext } from '../context.js';

export function registerNumberingDomain(_ctx: AppContext): void {}

export async function startNumberingDomain(_ctx: AppContext): Promise<void> {}
