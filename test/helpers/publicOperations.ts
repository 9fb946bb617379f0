// Operations of the OpenAPI document that need no session, by design (method + OpenAPI path).
// The anonymous sweep and the authorisation matrix both read this list.
export const PUBLIC_OPERATIONS = new Set([
  'GET /api/health',
  'GET /api/health/ready',
  'GET /api/v1/instance',
  'POST /api/v1/auth/login',
  'GET /api/v1/signature/public/verifications/{code}',
  'POST /api/v1/signature/public/verify',
  // Mailbox activation from the one-time WhatsApp link (seed 004), rate-limited.
  'GET /api/v1/public/activation/{token}',
  'POST /api/v1/public/activation/{token}/code',
  'POST /api/v1/public/activation/{token}/verify',
  'POST /api/v1/public/activation/{token}/password',
  'POST /api/v1/public/activation/{token}/totp',
  'POST /api/v1/public/activation/{token}/totp/confirm',
]);

/** The PKI endpoints (CA certificates, CRL, OCSP, TSA) are public by protocol. */
export const isPkiPath = (p: string): boolean => p.startsWith('/pki/');

export function isPublicOperation(method: string, path: string): boolean {
  return PUBLIC_OPERATIONS.has(`${method.toUpperCase()} ${path}`) || isPkiPath(path);
}

export interface Operation {
  method: string;
  path: string;
  op: { parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
}
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minItems?: number;
  pattern?: string;
  nullable?: boolean;
  default?: unknown;
};

export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) out.push({ method: method.toUpperCase(), path, op: op as Operation['op'] });
    }
  }
  return out;
}
