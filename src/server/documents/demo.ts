// Demo letterheads (KOP Bupati, KOP Setda, KOP of each Perangkat Daerah) and distribution groups.
import type { DemoSeeder } from '../demo/seedDemo.js';
import { MIME, storeFile } from '../files/storeFile.js';
import { demoUnits } from '../org/demoOrg.js';
import { defaultLogoPng, garudaEmblemPng } from './deps.js';
import { letterheads, recipientGroupMembers, recipientGroups } from './schema.js';

const REGION = 'KABUPATEN CONTOH';

export const documentsDemoSeeder: DemoSeeder = async (ctx, tx, ids) => {
  const logo = await storeFile(ctx, tx.db, { bytes: defaultLogoPng('Kabupaten Contoh'), name: 'logo-kabupaten-contoh.png', mime: MIME.png, createdBy: null });
  const emblem = await storeFile(ctx, tx.db, { bytes: garudaEmblemPng(), name: 'lambang-bupati.png', mime: MIME.png, createdBy: null });
  const rows: Array<typeof letterheads.$inferInsert> = [
    { kind: 'bupati', unitId: ids.units.get('pimpinan')!, name: 'KOP Bupati', lines: [`BUPATI ${REGION.replace('KABUPATEN ', '')}`], address: null, contact: null, logoFileId: emblem.id },
  ];
  for (const u of demoUnits.filter((x) => x.parent === 'pemda' && x.kind !== 'pimpinan')) {
    rows.push({
      kind: u.kind === 'setda' ? 'setda' : 'pd',
      unitId: ids.units.get(u.key)!,
      name: u.kind === 'setda' ? 'KOP Setda' : `KOP ${u.shortName ?? u.name}`,
      lines: [`PEMERINTAH ${REGION}`, u.name.toUpperCase()],
      address: u.address ?? null,
      contact: [u.phone && `Telepon ${u.phone}`, u.email && `Pos-el ${u.email}`, u.website && `Laman ${u.website}`].filter(Boolean).join(', ') || null,
      logoFileId: logo.id,
    });
  }
  await tx.db.insert(letterheads).values(rows);

  const [heads] = await tx.db.insert(recipientGroups).values({ name: 'Seluruh Kepala Perangkat Daerah', description: 'Kepala Dinas dan Sekretaris Daerah', ownerUnitId: ids.units.get('setda')! }).returning();
  await tx.db.insert(recipientGroupMembers).values(
    ['sekda', 'kadis-dukcapil', 'kadis-perkimta', 'kadis-kominfo'].map((p, i) => ({ groupId: heads!.id, kind: 'position' as const, positionId: ids.positions.get(p)!, sortOrder: i })),
  );
  const [camat] = await tx.db.insert(recipientGroups).values({ name: 'Instansi Vertikal di Kabupaten Contoh', description: 'Penerima eksternal', ownerUnitId: ids.units.get('setda')! }).returning();
  await tx.db.insert(recipientGroupMembers).values([
    { groupId: camat!.id, kind: 'external', externalName: 'Kepala Kantor Kementerian Agama Kabupaten Contoh', externalAddress: 'Jl. Veteran No. 3, Contoh', externalEmail: 'kemenag@contoh.example', sortOrder: 0 },
    { groupId: camat!.id, kind: 'external', externalName: 'Kepala Badan Pusat Statistik Kabupaten Contoh', externalAddress: 'Jl. Merdeka No. 9, Contoh', externalEmail: 'bps@contoh.example', sortOrder: 1 },
  ]);
};
