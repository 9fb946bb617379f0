// The typed API client (types generated from the server's OpenAPI: see schema.d.ts) and the one
// error type the web app deals with. Every request carries the UI language; writes carry the
// session's CSRF token.
import createClient from 'openapi-fetch';
import i18n, { currentLang } from '../i18n';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type Role = Me['roles'][number]['role'];
export type HolderKind = Me['positions'][number]['kind'];

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/**
 * POST multipart/form-data (file uploads: draft versions, lampiran, edit-and-approve). The
 * OpenAPI document does not type these bodies; the answer goes through the same error handling.
 */
export async function postForm<T>(url: string, fields: Record<string, string | number | null | undefined>, file?: { field?: string; blob: Blob; name: string }, base?: FormData, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  const form = base ?? new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) form.append(k, String(v));
  if (file) form.append(file.field ?? 'file', file.blob, file.name);
  const headers: Record<string, string> = { 'Accept-Language': currentLang() };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return unwrap(
    fetch(url, { method, body: form, headers, credentials: 'same-origin' }).then(async (response) => {
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return response.ok ? { data: body as T, response } : { error: body, response };
    }),
  );
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLang());
    if (request.method !== 'GET' && request.method !== 'HEAD' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

/** An error answer of the API ({code, message, details}), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: ApiErrorBody, retryAfter?: string | null) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details ?? {};
    const ra = Number(retryAfter ?? this.details.retryAfterSeconds);
    this.retryAfterSeconds = Number.isFinite(ra) && ra > 0 ? ra : undefined;
  }

  /** Field errors of a 400 VALIDATION_FAILED, keyed by the body field ("body.nip" -> "nip"). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const fields = this.details.fields;
    if (Array.isArray(fields)) {
      for (const f of fields as Array<{ path?: unknown; message?: unknown }>) {
        if (typeof f.path !== 'string' || typeof f.message !== 'string') continue;
        const key = f.path.replace(/^(body|query|params|querystring)\.?/, '') || '_';
        out[key] ??= f.message;
      }
    }
    return out;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).code === 'string' && typeof (v as ApiErrorBody).message === 'string';
}

/** Awaits an openapi-fetch call: its data, or an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let res: { data?: T; error?: unknown; response: Response };
  try {
    res = await call;
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: i18n.t('errors.network') });
  }
  if (res.response.ok) return res.data as T;
  const body = isErrorBody(res.error) ? res.error : { code: `HTTP_${res.response.status}`, message: i18n.t('errors.http', { status: res.response.status }) };
  throw new ApiError(res.response.status, body, res.response.headers.get('retry-after'));
}
