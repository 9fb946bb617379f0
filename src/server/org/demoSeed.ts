// Demo data of the organisation, first in the demo seed: the demo pemda's name, its offices,
// positions and people with their roles. Fills the ids the other modules' seeders use.
import { hashPassword } from '../auth/password.js';
import type { DemoSeeder } from '../module.js';
import { setSetting } from '../settings/settings.js';
import { demoPositions, demoUnits, demoUsers, DEMO_INSTANCE_NAME, DEMO_PASSWORD } from './demoOrg.js';
import { insertHolder, insertPosition } from './positions.js';
import { insertUnit } from './units.js';
import { insertGrant, insertUser } from './users.js';

export const orgDemoSeeder: DemoSeeder = async (ctx, tx, ids) => {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await setSetting(tx.db, 'instance.name', DEMO_INSTANCE_NAME, ctx.now());
  await setSetting(tx.db, 'instance.region', 'Kabupaten Contoh', ctx.now());
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
};
