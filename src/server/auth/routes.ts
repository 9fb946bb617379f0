import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, type App } from '../http/types.js';
import { positionsHeldBy } from '../org/positions.js';
import { roleGrants, ROLES, units, users } from '../org/schema.js';
import { isoDateIn } from '../../shared/dates.js';
import { getSetting } from '../settings/settings.js';
import { changePassword } from './changePassword.js';
import { confirmTotpEnrolment, disableTotp, renewRecoveryCodes, startTotpEnrolment } from './enrolTotp.js';
import { loginUser, reauthenticate } from './loginUser.js';
import { isMfaRequired } from './mfaPolicy.js';
import { countUnusedRecoveryCodes } from './recoveryCodes.js';
import { deleteSession, deleteUserSessions, SESSION_COOKIE } from './sessions.js';
import { sessions } from './schema.js';
import { recordAudit } from '../audit/recordAudit.js';
import { inTransaction } from '../db/tx.js';

export const MeSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      nik: z.string().nullable(),
      pangkat: z.string().nullable(),
      golongan: z.string().nullable(),
      email: z.string().nullable(),
      whatsapp: z.string().nullable(),
      totpEnabled: z.boolean(),
      recoveryCodesLeft: z.number(),
      lang: z.enum(['id', 'en']).nullable(),
    }),
    roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.string().nullable(), unitName: z.string().nullable() })),
    positions: z.array(
      z.object({
        positionId: z.string(),
        positionName: z.string(),
        unitId: z.string(),
        unitName: z.string(),
        isUnitHead: z.boolean(),
        kind: z.enum(['definitif', 'plt', 'plh', 'pj']),
        startsOn: z.string(),
        endsOn: z.string().nullable(),
      }),
    ),
    mustChangePassword: z.boolean(),
    mfaRequired: z.boolean(),
    mfaEnrolmentRequired: z.boolean(),
    csrfToken: z.string(),
    instance: z.object({ name: z.string(), timeZone: z.string().describe('zona waktu pemda (IANA), mis. Asia/Jakarta') }),
  })
  .meta({ id: 'Me' });

async function buildMe(ctx: AppContext, userId: string, session: { csrfToken: string; mfaSatisfied: boolean }) {
  const { db } = ctx.database;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  const grants = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitName: units.name })
    .from(roleGrants)
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId));
  const held = await positionsHeldBy(db, userId, isoDateIn(ctx.config.timeZone, ctx.now()));
  const mfaRequired = await isMfaRequired(db, grants.map((g) => ({ role: g.role, unitId: g.unitId, unitPath: null })));
  return {
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      nip: user.nip,
      nik: user.nik,
      pangkat: user.pangkat,
      golongan: user.golongan,
      email: user.email,
      whatsapp: user.whatsapp,
      totpEnabled: Boolean(user.totpEnabledAt),
      recoveryCodesLeft: user.totpEnabledAt ? await countUnusedRecoveryCodes(db, user.id) : 0,
      lang: user.preferences.lang ?? null,
    },
    roles: grants,
    positions: held.map((h) => ({ positionId: h.positionId, positionName: h.positionName, unitId: h.unitId, unitName: h.unitName, isUnitHead: h.isUnitHead, kind: h.kind, startsOn: h.startsOn, endsOn: h.endsOn })),
    mustChangePassword: user.mustChangePassword,
    mfaRequired,
    mfaEnrolmentRequired: mfaRequired && !session.mfaSatisfied && !user.totpEnabledAt,
    csrfToken: session.csrfToken,
    instance: { name: (await getSetting<string>(db, 'instance.name')) ?? 'Naskah', timeZone: ctx.config.timeZone },
  };
}

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.session.cookieSecure,
  };

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Masuk dengan nama pengguna, kata sandi dan (bila aktif) kode TOTP atau kode pemulihan',
        body: z.object({
          username: z.string().min(1).max(100),
          password: z.string().min(1).max(200),
          totp: z.string().max(10).optional(),
          recoveryCode: z.string().max(20).optional(),
        }),
        response: { 200: MeSchema, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (req, reply) => {
      const result = await loginUser(ctx, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      void reply.setCookie(SESSION_COOKIE, result.session.token, { ...cookieOptions, expires: result.session.expiresAt });
      return buildMe(ctx, result.userId, { csrfToken: result.session.csrfToken, mfaSatisfied: result.mfaSatisfied });
    },
  );

  app.post(
    '/auth/logout',
    { config: { allowRestricted: true }, schema: { tags: ['auth'], summary: 'Keluar dari sesi ini', response: { 204: z.undefined() } } },
    async (req, reply) => {
      const actor = actorOf(req);
      if (actor.sessionId) {
        const sessionId = actor.sessionId;
        await inTransaction(ctx.database, async (tx) => {
          await deleteSession(tx.db, sessionId);
          await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'auth.logged_out', entityType: 'user', entityId: actor.userId, data: { sessionId }, ip: req.ip });
        });
      }
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/logout-all',
    { config: { allowRestricted: true }, schema: { tags: ['auth'], summary: 'Keluar dari semua perangkat', response: { 200: z.object({ ended: z.number() }) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const ended = await inTransaction(ctx.database, async (tx) => {
        const n = await deleteUserSessions(tx.db, actor.userId);
        await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'auth.logged_out_everywhere', entityType: 'user', entityId: actor.userId, data: { ended: n }, ip: req.ip });
        return n;
      });
      void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ended };
    },
  );

  app.get(
    '/me',
    { config: { allowRestricted: true }, schema: { tags: ['auth'], summary: 'Pengguna yang sedang masuk', response: { 200: MeSchema, 401: errorResponses[401] } } },
    async (req) => {
      const actor = actorOf(req);
      return buildMe(ctx, actor.userId, { csrfToken: req.session!.csrfToken, mfaSatisfied: req.session!.mfaSatisfied });
    },
  );

  app.patch(
    '/me/preferences',
    {
      config: { allowRestricted: true },
      schema: { tags: ['auth'], summary: 'Ubah preferensi (bahasa)', body: z.object({ lang: z.enum(['id', 'en']) }), response: { 204: z.undefined() } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(ctx.database, async (tx) => {
        await tx.db.update(users).set({ preferences: { lang: req.body.lang } }).where(eq(users.id, actor.userId));
        await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'auth.preferences_updated', entityType: 'user', entityId: actor.userId, data: { lang: req.body.lang }, ip: req.ip });
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sesi aktif saya',
        response: { 200: z.array(z.object({ id: z.string(), current: z.boolean(), createdAt: z.date(), lastSeenAt: z.date(), ip: z.string().nullable(), userAgent: z.string().nullable() })) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const rows = await ctx.database.db.select().from(sessions).where(eq(sessions.userId, actor.userId));
      return rows.map((s) => ({ id: s.id, current: s.id === actor.sessionId, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent }));
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: { tags: ['auth'], summary: 'Akhiri satu sesi saya (perangkat lain)', params: z.object({ id: z.uuid() }), response: { 204: z.undefined(), ...errorResponses } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(ctx.database, async (tx) => {
        const rows = await tx.db.delete(sessions).where(and(eq(sessions.id, req.params.id), eq(sessions.userId, actor.userId))).returning({ id: sessions.id });
        if (!rows.length) throw new AppError('NOT_FOUND', { entity: 'session', id: req.params.id });
        await recordAudit(tx.db, { at: ctx.now(), actorUserId: actor.userId, action: 'auth.session_ended', entityType: 'user', entityId: actor.userId, data: { sessionId: req.params.id }, ip: req.ip });
      });
      if (req.params.id === actor.sessionId) void reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/reauth',
    {
      config: { rateLimit: { max: ctx.config.rateLimit.loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Konfirmasi ulang identitas (kata sandi + kode autentikator) sebelum tindakan kunci TTE',
        description: 'Daftar TTE, ganti passphrase, cabut sertifikat dan persetujuan pendaftaran ulang meminta konfirmasi ini dalam beberapa menit terakhir pada sesi yang sama (REAUTH_REQUIRED bila belum).',
        body: z.object({ password: z.string().min(1).max(200), totp: z.string().min(6).max(10) }),
        response: { 200: z.object({ reauthenticatedAt: z.date(), validUntil: z.date() }), ...errorResponses },
      },
    },
    async (req) => reauthenticate(ctx, actorOf(req), req.body),
  );

  app.post(
    '/auth/password',
    {
      config: { allowRestricted: true },
      schema: {
        tags: ['auth'],
        summary: 'Ganti kata sandi sendiri (sesi lain diakhiri)',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 204: z.undefined(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await changePassword(ctx, actorOf(req), req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { allowRestricted: true },
      schema: {
        tags: ['auth'],
        summary: 'Mulai pendaftaran 2FA: rahasia dan kode QR untuk Google Authenticator',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }), ...errorResponses },
      },
    },
    async (req) => {
      const instanceName = (await getSetting<string>(ctx.database.db, 'instance.name')) ?? 'Naskah';
      return startTotpEnrolment(ctx, actorOf(req), `Naskah ${instanceName}`.slice(0, 60));
    },
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { allowRestricted: true },
      schema: {
        tags: ['auth'],
        summary: 'Konfirmasi 2FA dengan kode pertama; mengembalikan kode pemulihan (sekali tampil)',
        body: z.object({ code: z.string().min(6).max(10) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (req) => confirmTotpEnrolment(ctx, actorOf(req), req.body.code),
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Matikan 2FA (tidak untuk peran yang mewajibkannya)',
        body: z.object({ password: z.string().min(1).max(200), code: z.string().min(6).max(10) }),
        response: { 204: z.undefined(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await disableTotp(ctx, actorOf(req), req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary: 'Buat ulang kode pemulihan 2FA',
        body: z.object({ code: z.string().min(6).max(10) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (req) => ({ recoveryCodes: await renewRecoveryCodes(ctx, actorOf(req), req.body.code) }),
  );
}
