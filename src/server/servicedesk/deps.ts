// The service desk's adapters on a context: the mailbox directory (DIRECTORY), created once per
// context from its config. WhatsApp goes through the notify domain (WHATSAPP=cloud|fonnte).
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { createDirectory, type Directory } from '../directory/index.js';

interface Deps {
  directory: Directory | null;
}

const byContext = new WeakMap<AppContext, Deps>();

export function serviceDeskDeps(ctx: AppContext): Deps {
  let d = byContext.get(ctx);
  if (!d) {
    d = { directory: createDirectory(ctx.config.directory) };
    byContext.set(ctx, d);
  }
  return d;
}

/** Replace adapters on a context (an operator's CLI or a test wiring another peer). */
export function setServiceDeskDeps(ctx: AppContext, deps: Partial<Deps>): void {
  byContext.set(ctx, { ...serviceDeskDeps(ctx), ...deps });
}

/** Codes go by WhatsApp: without a gateway a request cannot be verified. */
export function requireWhatsApp(ctx: AppContext): void {
  if (ctx.config.whatsapp.kind === 'none') throw new AppError('WHATSAPP_NOT_CONFIGURED');
}
