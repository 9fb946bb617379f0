// The public activation page's API (reached from the one-time WhatsApp link), rate-limited.
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, type App } from '../http/types.js';
import { activationStatus, confirmActivationTotp, sendActivationCode, setActivationPassword, startActivationTotp, verifyActivationCode } from './activation.js';

const tags = ['layanan'];
const Token = z.object({ token: z.string().min(20).max(100) });
const limited = (max: number) => ({ public: true, rateLimit: { max, timeWindow: '1 minute' } });

export async function serviceDeskPublicRoutes(app: App, ctx: AppContext): Promise<void> {
  const gone = { 410: errorResponses[409], 429: errorResponses[409] };
  app.get('/public/activation/:token', { config: limited(30), schema: { tags, summary: 'Status tautan aktivasi e-mail', params: Token, response: { 200: z.record(z.string(), z.unknown()), ...errorResponses, ...gone } } }, async (req) =>
    activationStatus(ctx, req.params.token),
  );
  app.post(
    '/public/activation/:token/code',
    { config: limited(5), schema: { tags, summary: 'Kirim kode aktivasi ke nomor WhatsApp pemohon', params: Token, response: { 200: z.object({ verificationId: z.string(), whatsappMasked: z.string(), expiresAt: z.date() }), ...errorResponses, ...gone } } },
    async (req) => sendActivationCode(ctx, req.params.token),
  );
  app.post(
    '/public/activation/:token/verify',
    { config: limited(10), schema: { tags, summary: 'Periksa kode aktivasi', params: Token, body: z.object({ verificationId: z.string().uuid(), code: z.string().min(4).max(10) }), response: { 200: z.object({ codeVerified: z.boolean() }), ...errorResponses, ...gone } } },
    async (req) => verifyActivationCode(ctx, req.params.token, req.body.verificationId, req.body.code),
  );
  app.post(
    '/public/activation/:token/password',
    { config: limited(10), schema: { tags, summary: 'Tetapkan kata sandi sendiri (diperiksa kebijakan direktori)', params: Token, body: z.object({ password: z.string().min(1).max(200) }), response: { 200: z.object({ passwordSet: z.boolean() }), ...errorResponses, ...gone } } },
    async (req) => setActivationPassword(ctx, req.params.token, req.body.password),
  );
  app.post(
    '/public/activation/:token/totp',
    { config: limited(10), schema: { tags, summary: 'Mulai pemasangan Google Authenticator (QR, kunci, tautan otpauth://)', params: Token, response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }), ...errorResponses, ...gone } } },
    async (req) => startActivationTotp(ctx, req.params.token),
  );
  app.post(
    '/public/activation/:token/totp/confirm',
    { config: limited(10), schema: { tags, summary: 'Konfirmasi kode pertama Google Authenticator; akun aktif', params: Token, body: z.object({ code: z.string().min(6).max(10) }), response: { 200: z.object({ recoveryCodes: z.array(z.string()), address: z.string() }), ...errorResponses, ...gone } } },
    async (req) => confirmActivationTotp(ctx, req.params.token, req.body.code),
  );
}
