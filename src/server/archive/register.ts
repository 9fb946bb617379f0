// Background jobs (and other per-context wiring) of the archive domain.
import type { AppContext } from '../context.js';

export function registerArchiveDomain(_ctx: AppContext): void {}
