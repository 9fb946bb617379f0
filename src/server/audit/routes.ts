// The audit trail for the system administrator: reading it (filters, CSV export) and the chain check.
import { z } from 'zod';
import { requireRole } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/authHook.js';
import { errorResponses, type App } from '../http/types.js';
import { verifyAuditChain } from './chain.js';
import { exportAuditCsv, listAuditEvents } from './listEvents.js';
import { CsvSeparatorQuery } from '../http/csvQuery.js';

const Filter = {
  actorUserId: z.uuid().optional().describe('Hanya tindakan pengguna ini'),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z][a-z0-9_]*\.([a-z][a-z0-9_]*)?$/, 'Tulis tindakan lengkap (outgoing.approved) atau awalan domain bertitik (auth.)')
    .optional()
    .describe('Tindakan persis (`outgoing.approved`) atau awalan domain (`auth.`)'),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(200).optional(),
  from: z.coerce.date().optional().describe('Sejak (termasuk), ISO 8601'),
  to: z.coerce.date().optional().describe('Sampai (tidak termasuk), ISO 8601'),
};

const EventSchema = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  at: z.date(),
  actor: z.object({ id: z.string(), username: z.string().nullable(), name: z.string().nullable() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

const Report = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z
    .object({ seq: z.number(), id: z.number().nullable(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'gap', 'head_mismatch', 'unchained_row']) })
    .nullable(),
});

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/admin/audit/events',
    {
      schema: {
        tags: ['admin'],
        summary: 'Jejak audit, terbaru dahulu, dengan saringan (admin sistem)',
        querystring: z.object({
          ...Filter,
          before: z.coerce.number().int().positive().optional().describe('Lanjutkan sebelum peristiwa ini (nextBefore halaman sebelumnya)'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(EventSchema), nextBefore: z.number().nullable() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(actorOf(req), 'system_admin');
      const { before, limit, ...filter } = req.query;
      void reply.header('cache-control', 'no-store');
      return listAuditEvents(ctx.database.db, filter, { before, limit });
    },
  );

  app.get(
    '/admin/audit/events/export',
    {
      schema: {
        tags: ['admin'],
        summary: 'Ekspor jejak audit sebagai CSV (UTF-8 dengan BOM), paling banyak 50.000 baris; header X-Truncated bila terpotong',
        querystring: z.object({ ...Filter, separator: CsvSeparatorQuery }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV'), ...errorResponses },
      },
    },
    async (req, reply) => {
      requireRole(actorOf(req), 'system_admin');
      const { separator, ...filter } = req.query;
      const { csv, truncated } = await exportAuditCsv(ctx.database.db, filter, separator);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="jejak-audit.csv"')
        .header('cache-control', 'no-store')
        .header('x-truncated', truncated ? 'true' : 'false')
        .send(csv);
    },
  );

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
