// Background jobs (and other per-context wiring) of the documents domain.
import type { AppContext } from '../context.js';

export function registerDocumentsDomain(_ctx: AppContext): void {}
