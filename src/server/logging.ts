// The process logger. Errors are logged by code and ids, never with query parameters or
// database detail: a failed query's parameters can carry password hashes, TOTP secrets or
// personal data (issue 12 found three password hashes in one log).
import pino, { type DestinationStream, type Logger } from 'pino';

const MAX_TEXT = 300;

/** Error fields that are safe to log: codes, names of tables and constraints, no values. */
const SAFE_DB_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'schema', 'dataType', 'routine'] as const;

function firstLine(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  return s.split('\n')[0]!.slice(0, MAX_TEXT);
}

/**
 * pino `err` serializer. Drizzle's query errors put the parameters into `params` and into the
 * message ("Failed query: …\nparams: …"); PostgreSQL's `detail`/`where` quote row values. They
 * are dropped; the SQL text (placeholders only) is kept for diagnosis.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> | unknown {
  if (!(err instanceof Error) || depth > 3) return typeof err === 'object' ? { type: typeof err } : err;
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name || e.constructor?.name || 'Error' };
  const isQueryError = typeof e.query === 'string' || 'params' in e;
  out.message = isQueryError ? 'Failed query' : firstLine(e.message);
  if (typeof e.query === 'string') out.query = e.query.slice(0, MAX_TEXT);
  for (const k of SAFE_DB_FIELDS) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  if (e.cause !== undefined) out.cause = safeError(e.cause, depth + 1);
  return out;
}

export const logSerializers = { err: safeError, error: safeError };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: undefined, serializers: logSerializers }, destination);
}
