// Seeds the demo pemda on an empty database (first start in embedded mode, or `naskah seed-demo`).
import { count } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/tx.js';
import { recordAudit } from '../audit/recordAudit.js';
import { hashPassword } from '../auth/password.js';
import { demoPositions, demoUnits, demoUsers, DEMO_INSTANCE_NAME, DEMO_PASSWORD } from '../org/demoOrg.js';
import { insertHolder, insertPosition } from '../org/positions.js';
import { users } from '../org/schema.js';
import { insertUnit } from '../org/units.js';
import { insertGrant, insertUser } from '../org/users.js';
import { setSetting } from '../settings/settings.js';
import { demoSeeders } from '../domains.js';

/** A domain's demo data (templates, letterheads …), run inside the seed transaction. See domains.ts. */
export type DemoSeeder = (ctx: AppContext, tx: Tx, ids: DemoIds) => Promise<void>;
export interface DemoIds {
  units: Map<string, string>;
  positions: Map<string, string>;
  users: Map<string, string>;
}

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.database.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(ctx: AppContext): Promise<DemoIds> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(ctx.database, async (tx) => {
    const ids: DemoIds = { units: new Map(), positions: new Map(), users: new Map() };
    await setSetting(tx.db, 'instance.name', DEMO_INSTANCE_NAME);
    await setSetting(tx.db, 'instance.region', 'Kabupaten Contoh');
    for (const [i, u] of demoUnits.entries()) {
      const row = await insertUnit(tx.db, {
        parentId: u.parent ? ids.units.get(u.parent)! : null,
        name: u.name,
        shortName: u.shortName ?? null,
        kind: u.kind,
        code: u.code ?? null,
        address: u.address ?? null,
        phone: u.phone ?? null,
        email: u.email ?? null,
        website: u.website ?? null,
        sortOrder: i,
      });
      ids.units.set(u.key, row.id);
    }
    for (const [i, p] of demoPositions.entries()) {
      const row = await insertPosition(tx.db, {
        unitId: ids.units.get(p.unit)!,
        name: p.name,
        level: p.level,
        parentPositionId: p.parent ? ids.positions.get(p.parent)! : null,
        isUnitHead: p.head ?? false,
        sortOrder: i,
      });
      ids.positions.set(p.key, row.id);
    }
    const pdOf = (unitKey: string): string => {
      // Role scope: the Perangkat Daerah (child of the pemda root) containing the unit.
      let key = unitKey;
      for (;;) {
        const u = demoUnits.find((x) => x.key === key)!;
        if (u.parent === 'pemda' || u.parent === null) return ids.units.get(u.key)!;
        key = u.parent;
      }
    };
    for (const u of demoUsers) {
      const row = await insertUser(
        tx.db,
        { username: u.username, name: u.name, nip: u.nip, nik: u.nik, pangkat: u.pangkat ?? null, golongan: u.golongan ?? null, whatsapp: u.whatsapp, email: `${u.username}@contohkab.go.id` },
        { hash: passwordHash, mustChange: false },
      );
      ids.users.set(u.username, row.id);
      const position = demoPositions.find((p) => p.key === u.position)!;
      await insertHolder(tx.db, { positionId: ids.positions.get(u.position)!, userId: row.id, kind: u.holder ?? 'definitif', startsOn: '2024-01-01', decree: 'Demo' });
      const isPimpinan = position.unit === 'pimpinan';
      for (const r of u.roles) {
        const [role, scope] = Array.isArray(r) ? r : [r, undefined];
        const unitId = scope === null ? null : isPimpinan ? ids.units.get('pemda')! : pdOf(position.unit);
        await insertGrant(tx.db, { userId: row.id, role, unitId, grantedBy: null });
      }
    }
    for (const seeder of demoSeeders) await seeder(ctx, tx, ids);
    await setSetting(tx.db, 'demo.seeded', true);
    await recordAudit(tx.db, { actorUserId: null, action: 'system.demo_seeded', entityType: 'system', data: { users: demoUsers.length } });
    return ids;
  });
}

/** Lines printed at start while the demo data is present. */
export function demoAccountsTable(): string {
  const w = Math.max(...demoUsers.map((u) => u.username.length));
  const lines = demoUsers.map((u) => `  ${u.username.padEnd(w)}  ${u.note}`);
  return [`Akun demo (kata sandi semua: ${DEMO_PASSWORD}) / Demo accounts (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
