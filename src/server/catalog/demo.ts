// Demo letterheads (KOP Bupati, KOP Setda, KOP of each Perangkat Daerah) and distribution groups.
import type { DemoSeeder } from '../module.js';
import { MIME, storeFile } from '../files/storeFile.js';
import { demoUnits } from '../org/demoOrg.js';
import { defaultLogoPng, garudaEmblemPng } from '../templates/emblems.js';
import { letterheads, recipientGroupMembers, recipientGroups, sopTimeStandards, type SopStepStandard } from './schema.js';
import { DEFAULT_SOP_STEPS } from './sopStandards.js';

const REGION = 'KABUPATEN CONTOH';

export const catalogDemoSeeder: DemoSeeder = async (ctx, tx, ids) => {
  await sopStandardsDemoSeeder(ctx, tx, ids);
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

/** Each demo office's own SOP rows and times, as its SOP document states them. */
export const DEMO_SOP_STANDARDS: Array<{ unit: string; sopName: string; steps: SopStepStandard[]; statedTotalMinutes?: number }> = [
  { unit: 'setda', sopName: 'SOP Pembuatan Naskah Dinas Keluar Menggunakan TTE Bupati', steps: DEFAULT_SOP_STEPS },
  {
    unit: 'dukcapil',
    sopName: 'IKMT Tata Persuratan (Surat Keluar) dengan TTE',
    statedTotalMinutes: 54,
    steps: [
      { no: 1, activity: 'Pemohon (admin bidang) minta nomor register di unit kearsipan', phase: 'numbering', minutes: 1 },
      { no: 2, activity: 'Penomoran di Subbagian Umum: kode klasifikasi dan nomor surat keluar', phase: 'numbering', minutes: 3 },
      { no: 3, activity: 'Pemohon mengentri undangan atau mengunggah draf surat (PDF)', phase: 'draft', minutes: 3 },
      { no: 4, activity: 'Admin bidang menaikkan surat ke atasan langsung untuk verifikasi', phase: 'review', minutes: 3 },
      { no: 5, activity: 'Atasan langsung / tidak langsung memverifikasi', phase: 'verify', minutes: 3 },
      { no: 8, activity: 'Kepala Dinas membaca surat dan membubuhkan TTE', phase: 'sign', minutes: 5 },
      { no: 9, activity: 'Admin Subbagian Umum mengirimkan surat', phase: 'send', minutes: 2 },
    ],
  },
  {
    unit: 'perkimta',
    sopName: 'SOP Surat Keluar Elektronik',
    steps: [
      { no: 1, activity: 'Membuat konsep surat', phase: 'draft', minutes: 15 },
      { no: 2, activity: 'Mengunggah surat keluar (docx dan lampiran PDF) oleh TU / admin bidang', phase: 'register', minutes: 5 },
      { no: 3, activity: 'Kabid / Kasubag mengoreksi dan menyetujui', phase: 'verify', minutes: 5 },
      { no: 4, activity: 'Sekretaris mengoreksi dan menyetujui', phase: 'verify', minutes: 5 },
      { no: 5, activity: 'Kepala Dinas mengoreksi, menyetujui dan menandatangani', phase: 'sign', minutes: 5 },
      { no: 6, activity: 'Surat terkirim otomatis', phase: 'send', minutes: 5 },
    ],
  },
];

export const sopStandardsDemoSeeder: DemoSeeder = async (ctx, tx, ids) => {
  await tx.db.insert(sopTimeStandards).values(
    DEMO_SOP_STANDARDS.map((d) => ({ unitId: ids.units.get(d.unit)!, documentTypeId: null, sopName: d.sopName, steps: d.steps, statedTotalMinutes: d.statedTotalMinutes ?? null, createdAt: ctx.now(), updatedAt: ctx.now() })),
  );
};
