// Resolves the session cookie into request.actor and enforces, per route: sign-in, CSRF for
// cookie-authenticated writes, and the restrictions of a session that still owes a password
// change or a 2FA enrolment.
//
// Deny by default: the decision is taken on the route the router matched (req.routeOptions),
// never on the raw URL, so percent-encodings, duplicate slashes, dot segments, case or `;`
// parameters cannot route around it. Every route is private unless declared `config.public`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions.js';
import type { AppContext } from '../context.js';
import { AppError, langFromHeader } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Marks every route registered inside `scope` (static files, API docs) as public. */
export function publicScope(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), public: true } as typeof route.config;
  });
}

export function installAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('lang', 'id');

  app.addHook('onRequest', async (req) => {
    req.lang = langFromHeader(req.headers['accept-language']);
    // No route matched: the not-found handler answers (a JSON 404 or the web app's shell) and
    // reveals nothing.
    if (!req.routeOptions.url) return;
    const config = req.routeOptions.config ?? {};
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(ctx, token);
      if (session) {
        req.session = session;
        req.actor = {
          userId: session.userId,
          username: session.username,
          name: session.name,
          sessionId: session.id,
          grants: session.grants,
          ip: req.ip,
        };
      }
    }
    if (config.public === true) return;
    if (!req.actor || !req.session) throw new AppError('UNAUTHENTICATED');
    if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== req.session.csrfToken) {
      throw new AppError('CSRF_INVALID');
    }
    if (!config.allowRestricted) {
      if (req.session.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
      // Evaluated against the roles the user holds now: a session opened without 2FA loses
      // access as soon as a role that requires it is granted, until it completes 2FA.
      if (req.session.mfaRequired && !req.session.mfaSatisfied) {
        throw new AppError(req.session.totpEnabled ? 'MFA_SESSION_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED');
      }
    }
  });
}

/** The signed-in actor of a route that is not public. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
