// One place for text that arrives in a request: a NUL byte or a lone UTF-16 surrogate in any
// string of the JSON body, a text body (CSV import), the query string or the path parameters is
// refused with 400 VALIDATION_FAILED naming the field, before any route sees it. PostgreSQL
// cannot store either (NUL: 22021; a lone surrogate is not valid UTF-8), which used to surface
// as 500s from names, `hal`, CSV imports and search strings.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted, or null. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'Teks tidak boleh berisi karakter NUL.';
  const wellFormed = (s as string & { isWellFormed?: () => boolean }).isWellFormed;
  if (wellFormed ? !wellFormed.call(s) : LONE_SURROGATE.test(s)) return 'Teks berisi karakter Unicode yang tidak valid.';
  return null;
}

/** First offending string in a parsed value (iterative: a deeply nested body cannot overflow the stack). */
export function findBadText(value: unknown, root: string): { path: string; message: string } | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'string') {
      const m = textProblem(v);
      if (m) return { path: p, message: m };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}.${i}`]);
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const m = textProblem(k);
        if (m) return { path: `${p}.${k.replace(/[\u0000\uD800-\uDFFF]/g, '?')}`, message: m };
        stack.push([child, `${p}.${k}`]);
      }
    }
  }
  return null;
}

export function registerTextHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [value, root] of [
      [req.params, 'params'],
      [req.query, 'querystring'],
      [req.body, 'body'],
    ] as const) {
      const bad = findBadText(value, root);
      if (bad) throw new AppError('VALIDATION_FAILED', { fields: [bad] });
    }
  });
}
