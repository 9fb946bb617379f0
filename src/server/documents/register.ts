// Per-context wiring of the documents domain: background jobs (sync, before the queue starts) and
// start-up work (async, after migrations: reference data, keys …).
import type { AppContext } from '../context.js';

export function registerDocumentsDomain(_ctx: AppContext): void {}

export async function startDocumentsDomain(_ctx: AppContext): Promise<void> {}
