// Maps every error to {code, message, details} with the right status. Never sends a stack.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError, langFromHeader, type FieldError, type Lang } from '../errors.js';

const localeEn = z.locales.en();
const localeId = z.locales.id();

function localise(v: { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }, lang: Lang): string {
  const issue = { ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean), input: undefined } as never;
  const out = (lang === 'en' ? localeEn : localeId).localeError(issue);
  const msg = typeof out === 'string' ? out : out?.message;
  return msg ?? v.message;
}

/** SQLSTATEs and driver errors of a database that is restarting, gone or refusing connections. */
const DATABASE_GONE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
const DATABASE_GONE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether `err` (or the driver error Drizzle wraps in it) says the database cannot be reached. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && DATABASE_GONE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && DATABASE_GONE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

export function toAppError(err: unknown, lang: Lang): AppError {
  if (isAppError(err)) return err;
  // A restart of PostgreSQL cuts the requests in flight: say so (503, try again), not "internal".
  if (isDatabaseUnavailable(err)) return new AppError('DATABASE_UNAVAILABLE');
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const fields: FieldError[] = err.validation.map((v) => ({
      path: `${where ?? 'body'}${v.instancePath === '/' ? '' : v.instancePath.replace(/\//g, '.')}`,
      message: localise(v as never, lang),
    }));
    return new AppError('VALIDATION_FAILED', { fields });
  }
  const fe = err as FastifyError & { code?: string; statusCode?: number };
  // Drizzle wraps the driver's error: the SQLSTATE is on its cause.
  const cause = (err as { cause?: { code?: string; constraint?: string } }).cause;
  if (!fe.code && cause?.code === '23505') return new AppError('CONFLICT', { constraint: cause.constraint });
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      // Too many files or fields is not a size problem: say what is wrong.
      return new AppError('VALIDATION_FAILED', { fields: [{ path: 'body', message: 'Terlalu banyak berkas atau isian dalam satu unggahan' }] });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('BAD_REQUEST', { reason: fe.message });
    case '23505': // unique_violation that a service did not translate
      return new AppError('CONFLICT', { constraint: (err as { constraint?: string }).constraint });
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && fe.statusCode !== 404) {
    return new AppError('BAD_REQUEST', { reason: fe.message });
  }
  return new AppError('INTERNAL');
}

/** Refusals of a signed-in user (403: no right, bad CSRF token) that the audit trail keeps. */
export const AUDITED_REFUSALS = new Set(['FORBIDDEN', 'CSRF_INVALID']);

export interface ErrorHandlerOptions {
  /** Called (and awaited) for each refusal in AUDITED_REFUSALS before the answer goes out. */
  onRefused?: (req: FastifyRequest, err: AppError) => Promise<void>;
}

export function installErrorHandler(app: FastifyInstance, opts: ErrorHandlerOptions = {}): void {
  app.setErrorHandler(async (err, req, reply) => {
    const lang = req.lang ?? langFromHeader(req.headers['accept-language']);
    const appErr = toAppError(err, lang);
    if (opts.onRefused && AUDITED_REFUSALS.has(appErr.code)) {
      try {
        await opts.onRefused(req, appErr);
      } catch (auditErr) {
        req.log.error({ err: auditErr }, 'refused access could not be audited');
      }
    }
    if (appErr.code === 'INTERNAL') {
      req.log.error({ err, serialization: isResponseSerializationError(err) }, 'unhandled error');
    } else if (appErr.status >= 500) {
      req.log.warn({ code: appErr.code, err }, 'request failed');
    }
    const headers: Record<string, string> = {};
    if (appErr.code === 'DATABASE_UNAVAILABLE') headers['retry-after'] = '5';
    if (appErr.code === 'RATE_LIMITED') {
      const retry = (err as { headers?: Record<string, string> }).headers?.['retry-after'];
      if (retry) headers['retry-after'] = retry;
    }
    // The request id is in every log line of this request (Fastify's child logger) and here, so a
    // user's report of an error leads to its log lines.
    return reply.code(appErr.status).headers(headers).send({ ...appErr.toBody(lang), requestId: String(req.id) });
  });
}
