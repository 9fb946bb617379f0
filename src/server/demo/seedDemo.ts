// Seeds the demo pemda on an empty database (first start in embedded mode, or `naskah seed-demo`):
// every module's demo seeder, in the order of modules.ts, in one transaction.
import { count } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { DemoIds } from '../module.js';
import { modules } from '../modules.js';
import { demoUsers, DEMO_PASSWORD } from '../org/demoOrg.js';
import { users } from '../org/schema.js';
import { setSetting } from '../settings/settings.js';

export type { DemoIds, DemoSeeder } from '../module.js';

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.database.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(ctx: AppContext): Promise<DemoIds> {
  return inTransaction(ctx.database, async (tx) => {
    const ids: DemoIds = { units: new Map(), positions: new Map(), users: new Map() };
    for (const m of modules) await m.demo?.(ctx, tx, ids);
    await setSetting(tx.db, 'demo.seeded', true, ctx.now());
    await recordAudit(tx.db, { at: ctx.now(), actorUserId: null, action: 'system.demo_seeded', entityType: 'system', data: { users: ids.users.size } });
    return ids;
  });
}

/** Lines printed at start while the demo data is present. */
export function demoAccountsTable(): string {
  const w = Math.max(...demoUsers.map((u) => u.username.length));
  const lines = demoUsers.map((u) => `  ${u.username.padEnd(w)}  ${u.note}`);
  return [`Akun demo (kata sandi semua: ${DEMO_PASSWORD}) / Demo accounts (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
