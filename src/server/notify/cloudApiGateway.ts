// WhatsApp Business Cloud API (Meta), the official channel: template messages sent with
//   POST {base}/{version}/{phone-number-id}/messages, Authorization: Bearer {token}
//   {messaging_product:"whatsapp", recipient_type:"individual", to, type:"template",
//    template:{name, language:{code}, components:[{type:"body", parameters:[{type:"text", text}]}]}}
// -> 200 {messaging_product, contacts:[{input, wa_id}], messages:[{id:"wamid…"}]}
// Errors: {error:{message, type, code, error_subcode?, fbtrace_id}} with HTTP 400/401/403/429/5xx;
// code 190 = access token invalid/expired, 130429/131056/80007 = throughput or pair rate limit,
// 131026 = message undeliverable, 132000/132001 = template parameter/name problems.
import { GatewayError, postWithTimeout, type WhatsAppGateway, type WhatsAppMessage } from './whatsAppGateway.js';

export interface CloudApiOptions {
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  token: string;
  timeoutMs: number;
}

const RATE_CODES = new Set([4, 80007, 130429, 131048, 131056]);
const AUTH_CODES = new Set([0, 190]);

export class CloudApiGateway implements WhatsAppGateway {
  readonly provider = 'cloud' as const;
  constructor(private readonly o: CloudApiOptions) {}

  async send(m: WhatsAppMessage): Promise<{ providerMessageId: string }> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/${this.o.apiVersion}/${encodeURIComponent(this.o.phoneNumberId)}/messages`;
    const payload = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: m.to,
      type: 'template',
      template: {
        name: m.template.name,
        language: { code: m.template.language },
        ...(m.template.params.length
          ? { components: [{ type: 'body', parameters: m.template.params.map((text) => ({ type: 'text', text })) }] }
          : {}),
      },
    };
    const r = await postWithTimeout(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${this.o.token}`, 'content-type': 'application/json' }, body: JSON.stringify(payload) },
      this.o.timeoutMs,
    );
    const body = r.body as { messages?: Array<{ id?: string }>; error?: { message?: string; code?: number; type?: string } } | null;
    if (r.status >= 200 && r.status < 300) {
      const id = body?.messages?.[0]?.id;
      if (!id) throw new GatewayError('unavailable', `Cloud API answered ${r.status} without a message id`, r.status);
      return { providerMessageId: id };
    }
    const err = body?.error;
    const detail = `Cloud API ${r.status}${err?.code !== undefined ? ` code ${err.code}` : ''}: ${err?.message ?? r.text.slice(0, 200)}`;
    if (r.status === 429 || (err?.code !== undefined && RATE_CODES.has(err.code))) throw new GatewayError('rate_limited', detail, r.status);
    if (r.status === 401 || (err?.code !== undefined && AUTH_CODES.has(err.code) && err.type === 'OAuthException')) throw new GatewayError('auth', detail, r.status);
    if (r.status >= 500) throw new GatewayError('unavailable', detail, r.status);
    throw new GatewayError('rejected', detail, r.status);
  }
}
