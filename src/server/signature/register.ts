// Per-context wiring of the signature domain: background jobs (sync, before the queue starts) and
// start-up work (async, after migrations: reference data, keys …).
import type { AppContext } from '../context.js';

export function registerSignatureDomain(_ctx: AppContext): void {}

export async function startSignatureDomain(_ctx: AppContext): Promise<void> {}
