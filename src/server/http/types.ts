import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';

/** A Fastify instance whose route schemas are zod schemas. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A domain's routes: registered under /api/v1 by app.ts. */
export type RoutePlugin = (app: App, ctx: AppContext) => Promise<void> | void;

/** The error body every endpoint may return. */
export const ErrorBody = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    /** The id in this request's log lines (X-Request-Id): quote it when reporting the error. */
    requestId: z.string().optional(),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;

/** Version the client saw, for optimistic concurrency on writes. */
export const VersionField = z.number().int().positive().describe('Versi data yang terakhir dilihat (untuk deteksi perubahan bersamaan)');

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
