// Routes outside /api/v1: PKI publication (CA certificates, CRL, OCSP, TSA) and the public
// verification pages reached from the QR code. Registered at the root by app.ts.
import type { AppContext } from '../context.js';
import type { App } from '../http/types.js';

export async function signaturePublicRoutes(_app: App, _ctx: AppContext): Promise<void> {}
