// The configured WhatsApp gateway (WHATSAPP=cloud|fonnte), or null when none is configured.
import type { WhatsAppConfig } from '../config.js';
import { CloudApiGateway } from './cloudApiGateway.js';
import { FonnteGateway } from './fonnteGateway.js';
import type { WhatsAppGateway } from './whatsAppGateway.js';

export function createWhatsAppGateway(c: WhatsAppConfig): WhatsAppGateway | null {
  switch (c.kind) {
    case 'none':
      return null;
    case 'cloud':
      return new CloudApiGateway({ baseUrl: c.baseUrl, apiVersion: c.apiVersion, phoneNumberId: c.phoneNumberId, token: c.token, timeoutMs: c.timeoutMs });
    case 'fonnte':
      return new FonnteGateway({ baseUrl: c.baseUrl, token: c.token, timeoutMs: c.timeoutMs });
  }
}
