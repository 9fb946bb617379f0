// The WhatsApp adapter. A message carries both shapes providers need: a template (name +
// body parameters, what the official Cloud API requires for business-initiated messages) and
// the same text rendered (what text gateways such as Fonnte send).

export interface WhatsAppMessage {
  /** International form without "+", e.g. "6281234567890" (see normaliseWhatsapp). */
  to: string;
  template: { name: string; language: string; params: string[] };
  text: string;
}

export type GatewayFailureKind =
  | 'unavailable' // 5xx, timeout, network: retry later
  | 'rate_limited' // 429 or the provider's throttle code: retry later
  | 'auth' // the token is wrong or expired: the administrator must fix it
  | 'rejected'; // the provider refused this message (number not on WhatsApp, unknown template)

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayFailureKind,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'rate_limited';
  }
}

export interface WhatsAppGateway {
  readonly provider: 'cloud' | 'fonnte';
  send(message: WhatsAppMessage): Promise<{ providerMessageId: string }>;
}

/** fetch with a deadline; network errors and timeouts become "unavailable". */
export async function postWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown; text: string }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const name = (e as Error).name;
    throw new GatewayError('unavailable', name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network: ${(e as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, text };
}
