import type { Actor } from '../auth/actor.js';
import type { ResolvedSession } from '../auth/sessions.js';
import type { Lang } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null (public routes). */
    actor: Actor | null;
    session: ResolvedSession | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /** No session needed (health, login, public verification, PKI endpoints). */
    public?: boolean;
    /** Reachable while the session owes a password change or a 2FA enrolment. */
    allowRestricted?: boolean;
  }
}

export {};
