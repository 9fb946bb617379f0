// The audit trail for the system administrator: the chain check.
import { z } from 'zod';
import { requireRole } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, type App } from '../http/types.js';
import { verifyAuditChain } from './chain.js';

const Report = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z
    .object({ seq: z.number(), id: z.number().nullable(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'gap', 'head_mismatch', 'unchained_row']) })
    .nullable(),
});

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/admin/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Periksa rantai hash jejak audit: melaporkan tautan pertama yang rusak (admin sistem)',
        response: { 200: Report, ...errorResponses },
      },
    },
    async (req) => {
      requireRole(actorOf(req), 'system_admin');
      return verifyAuditChain(ctx.database.db);
    },
  );
}
