// Background jobs (and other per-context wiring) of the numbering domain.
import type { AppContext } from '../context.js';

export function registerNumberingDomain(_ctx: AppContext): void {}
