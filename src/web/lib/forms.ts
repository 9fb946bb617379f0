// Small helpers for forms without a form library.
import { ApiError } from '../api/client';

/** Field errors of an API error keyed by field name ("body.nip" -> "nip"), plus code-specific ones. */
export function fieldErrorsOf(err: unknown, byCode: Record<string, string> = {}): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out = { ...err.fieldErrors };
  const field = byCode[err.code];
  if (field) out[field] ??= err.message;
  return out;
}

/** '' -> null for optional text fields. */
export function orNull(v: string): string | null {
  const t = v.trim();
  return t === '' ? null : t;
}

/** Today's date (YYYY-MM-DD) in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
