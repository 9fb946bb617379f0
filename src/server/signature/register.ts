// Background jobs (and other per-context wiring) of the signature domain.
import type { AppContext } from '../context.js';

export function registerSignatureDomain(_ctx: AppContext): void {}
