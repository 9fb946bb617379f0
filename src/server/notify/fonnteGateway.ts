// Fonnte (fonnte.com): an UNOFFICIAL WhatsApp gateway widely used by pemda. It drives a
// WhatsApp account linked to a phone, which WhatsApp's terms do not foresee; prefer the Cloud API.
//   POST {base}/send, header Authorization: {token} (no "Bearer"), form fields
//   target=62812…, message=…, countryCode=62
// -> 200 {"status":true, "detail":"success! message in queue", "id":["80367170"], "process":"pending",
//         "requestid":2937124, "target":["6281234567890"]}
// -> 200 {"status":false, "reason":"invalid token" | "target invalid" | "insufficient quota" | …}
// Fonnte reports most failures with HTTP 200 and status false.
import { GatewayError, postWithTimeout, type WhatsAppGateway, type WhatsAppMessage } from './whatsAppGateway.js';

export interface FonnteOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export class FonnteGateway implements WhatsAppGateway {
  readonly provider = 'fonnte' as const;
  constructor(private readonly o: FonnteOptions) {}

  async send(m: WhatsAppMessage): Promise<{ providerMessageId: string }> {
    const form = new URLSearchParams({ target: m.to, message: m.text, countryCode: '62' });
    const r = await postWithTimeout(
      `${this.o.baseUrl.replace(/\/+$/, '')}/send`,
      { method: 'POST', headers: { authorization: this.o.token, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      this.o.timeoutMs,
    );
    const body = r.body as { status?: boolean; reason?: string; id?: Array<string | number>; detail?: string } | null;
    if (r.status === 429) throw new GatewayError('rate_limited', `Fonnte 429: ${body?.reason ?? ''}`, 429);
    if (r.status >= 500) throw new GatewayError('unavailable', `Fonnte ${r.status}: ${r.text.slice(0, 200)}`, r.status);
    if (r.status === 401 || r.status === 403) throw new GatewayError('auth', `Fonnte ${r.status}: ${body?.reason ?? ''}`, r.status);
    if (body?.status === true) {
      const id = body.id?.[0];
      if (id === undefined) throw new GatewayError('unavailable', 'Fonnte answered success without a message id', r.status);
      return { providerMessageId: String(id) };
    }
    const reason = body?.reason ?? (r.text.slice(0, 200) || `HTTP ${r.status}`);
    if (/token/i.test(reason)) throw new GatewayError('auth', `Fonnte: ${reason}`, r.status);
    if (/quota|limit|disconnect|device/i.test(reason)) throw new GatewayError('unavailable', `Fonnte: ${reason}`, r.status);
    throw new GatewayError('rejected', `Fonnte: ${reason}`, r.status);
  }
}
