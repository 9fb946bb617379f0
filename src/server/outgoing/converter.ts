// One converter per process (it owns the warm LibreOffice worker), created on first use and
// closed with the context.
import type { AppContext } from '../context.js';
import { createConverter, type Converter } from './deps.js';

const converters = new WeakMap<AppContext, Promise<Converter>>();

export function converterFor(ctx: AppContext): Promise<Converter> {
  const existing = converters.get(ctx);
  if (existing) return existing;
  const created = createConverter(ctx.config.converter, ctx.log);
  converters.set(ctx, created);
  ctx.closers.push(async () => (await created).close());
  return created;
}

/** Use this converter for the context instead of the configured one (embedders, fault-injection tests). */
export function useConverter(ctx: AppContext, converter: Converter): void {
  converters.set(ctx, Promise.resolve(converter));
}
