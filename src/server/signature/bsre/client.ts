// HTTP client of the BSrE (BSSN) electronic signature service, API v1 (multipart, Basic auth)
// and v2 (JSON with base64 files). One file per sign request; a sign call is never retried
// (a retry could sign twice or lock the signer's account); the passphrase is never logged and
// never appears in an error.
import type { Config } from '../../config.js';

export type BsreConfig = Config['signature']['bsre'] & { url: string };

export class BsreError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unavailable' | 'protocol',
    readonly httpStatus: number | null,
    readonly statusCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'BsreError';
  }
}

export interface BsreVisible {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  imagePng: Buffer;
  linkQR: string;
}

export interface BsreSignRequest {
  nik: string;
  passphrase: string;
  pdf: Uint8Array;
  fileName: string;
  visible: BsreVisible | null;
  reason?: string | undefined;
  location?: string | undefined;
}

const TIMEOUT_MS = 60_000;

function authHeader(cfg: BsreConfig): Record<string, string> {
  if (!cfg.user) return {};
  return { authorization: `Basic ${Buffer.from(`${cfg.user}:${cfg.password ?? ''}`).toString('base64')}` };
}

function endpoint(cfg: BsreConfig, path: string): string {
  return `${cfg.url.replace(/\/+$/, '')}${path}`;
}

async function call(cfg: BsreConfig, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(endpoint(cfg, path), { ...init, headers: { ...authHeader(cfg), ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    throw new BsreError('unavailable', null, null, `BSrE unreachable: ${(e as Error).name}`);
  }
}

/** Reads a BSrE JSON error body: { status_code, error | message }. */
async function failure(res: Response): Promise<BsreError> {
  let statusCode: number | null = null;
  let message = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as Record<string, unknown>;
    const sc = body.status_code ?? body.statusCode;
    statusCode = sc === undefined || sc === null ? null : Number(sc);
    const m = body.error ?? body.message;
    if (typeof m === 'string') message = m;
  } catch {
    /* not JSON */
  }
  if (res.status >= 500 && statusCode === null) return new BsreError('unavailable', res.status, null, message);
  return new BsreError('rejected', res.status, statusCode, message);
}

export interface BsreUserStatus {
  statusCode: number | null;
  status: string;
  message: string | null;
}

export async function bsreUserStatus(cfg: BsreConfig, nik: string): Promise<BsreUserStatus> {
  const res =
    cfg.apiVersion === 'v1'
      ? await call(cfg, `/api/user/status/${encodeURIComponent(nik)}`, { method: 'GET' })
      : await call(cfg, '/api/v2/user/check/status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nik }) });
  if (!res.ok) throw await failure(res);
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body.status !== 'string') throw new BsreError('protocol', res.status, null, 'BSrE status answer without status');
  const sc = body.status_code;
  return { statusCode: sc === undefined || sc === null ? null : Number(sc), status: body.status, message: typeof body.message === 'string' ? body.message : null };
}

export async function bsreSignPdf(cfg: BsreConfig, req: BsreSignRequest): Promise<Buffer> {
  return cfg.apiVersion === 'v1' ? signV1(cfg, req) : signV2(cfg, req);
}

async function signV1(cfg: BsreConfig, req: BsreSignRequest): Promise<Buffer> {
  const form = new FormData();
  form.set('file', new Blob([req.pdf], { type: 'application/pdf' }), req.fileName);
  form.set('nik', req.nik);
  form.set('passphrase', req.passphrase);
  form.set('tampilan', req.visible ? 'visible' : 'invisible');
  if (req.visible) {
    form.set('image', 'true');
    form.set('imageTTD', new Blob([req.visible.imagePng], { type: 'image/png' }), 'ttd.png');
    form.set('linkQR', req.visible.linkQR);
    form.set('page', String(req.visible.page));
    form.set('xAxis', String(Math.round(req.visible.x)));
    form.set('yAxis', String(Math.round(req.visible.y)));
    form.set('width', String(Math.round(req.visible.width)));
    form.set('height', String(Math.round(req.visible.height)));
  }
  if (req.reason) form.set('reason', req.reason);
  if (req.location) form.set('location', req.location);
  const res = await call(cfg, '/api/sign/pdf', { method: 'POST', body: form });
  if (!res.ok) throw await failure(res);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/pdf') || type.includes('octet-stream')) return Buffer.from(await res.arrayBuffer());
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (body && typeof body.base64_signed_file === 'string') return Buffer.from(body.base64_signed_file, 'base64');
  throw new BsreError('protocol', res.status, null, 'BSrE answer without a signed file');
}

async function signV2(cfg: BsreConfig, req: BsreSignRequest): Promise<Buffer> {
  const props: Record<string, unknown> = req.visible
    ? {
        tampilan: 'VISIBLE',
        imageBase64: req.visible.imagePng.toString('base64'),
        page: req.visible.page,
        originX: Math.round(req.visible.x),
        originY: Math.round(req.visible.y),
        width: Math.round(req.visible.width),
        height: Math.round(req.visible.height),
      }
    : { tampilan: 'INVISIBLE' };
  if (req.reason) props.reason = req.reason;
  if (req.location) props.location = req.location;
  const res = await call(cfg, '/api/v2/sign/pdf', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nik: req.nik, passphrase: req.passphrase, signatureProperties: [props], file: [Buffer.from(req.pdf).toString('base64')] }),
  });
  if (!res.ok) throw await failure(res);
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const files = body?.file;
  if (Array.isArray(files) && typeof files[0] === 'string') return Buffer.from(files[0], 'base64');
  throw new BsreError('protocol', res.status, null, 'BSrE answer without a signed file');
}
