// The documents of a pemusnahan / serah arsip statis: the daftar usul (live), the daftar arsip
// musnah / serah and the berita acara (signed with TTE by the head), and the BagIt package of a
// transfer with the PDFs, metadata and audit trail per record.
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Db } from '../db/client.js';
import { auditEvents } from '../audit/schema.js';
import { readFileBytes } from '../files/storeFile.js';
import { units } from '../org/schema.js';
import { isoDateIn, tanggalIndonesia } from '../../shared/dates.js';
import { getSetting } from '../settings/settings.js';
import { bagFiles, safeName, tar } from './bagit.js';
import { lokasiOf, tablePdf } from './daftarArsip.js';
import { canonicalJson } from './declareRecord.js';
import { keptFileId } from './preservation.js';
import { archiveBerkas, archiveDisposalItems, archiveDisposals, archiveRecords } from './schema.js';

type DisposalRow = typeof archiveDisposals.$inferSelect;
type BerkasRow = typeof archiveBerkas.$inferSelect;

export interface Person {
  name: string;
  nip: string | null;
}
export interface SignerBlock extends Person {
  title: string;
}

export interface ItemView {
  berkas: BerkasRow;
  pertimbangan: string | null;
  approved: boolean | null;
}

export async function itemsOf(db: Db, id: string): Promise<ItemView[]> {
  const rows = await db
    .select({ b: archiveBerkas, pertimbangan: archiveDisposalItems.pertimbangan, approved: archiveDisposalItems.approved })
    .from(archiveDisposalItems)
    .innerJoin(archiveBerkas, eq(archiveBerkas.id, archiveDisposalItems.berkasId))
    .where(eq(archiveDisposalItems.disposalId, id))
    .orderBy(asc(archiveBerkas.classificationCode), asc(archiveBerkas.year));
  return rows.map((r) => ({ berkas: r.b, pertimbangan: r.pertimbangan, approved: r.approved }));
}

const kurun = (b: BerkasRow) => {
  const a = b.kurunStart?.slice(0, 4);
  const z = b.kurunEnd?.slice(0, 4);
  return a ? (a === z || !z ? a : `${a}-${z}`) : String(b.year);
};

/** Daftar arsip usul musnah / usul serah (PDF), from the list as it stands. */
const executed = (d: DisposalRow) => d.status === 'dilaksanakan' || d.status === 'selesai';

/** The signature block under a document the head signs: place and date, title, space for the TTE, name, NIP. */
function signatureFooter(s: SignatureFooter): string[] {
  return [`${s.place}, ${tanggalIndonesia(s.signedOn)}`, ...s.signer.title.split('\n'), '', s.signer.name, s.signer.nip ? `NIP. ${s.signer.nip}` : ''];
}

export interface SignatureFooter {
  signer: SignerBlock;
  place: string;
  signedOn: string;
}

/**
 * Daftar arsip usul musnah / usul serah (PDF) from the list as it stands; once executed, the
 * daftar arsip musnah / statis yang diserahkan, with the head's signature block when `sign` is given.
 */
export async function proposalListPdf(db: Db, d: DisposalRow, asOf: string, sign?: SignatureFooter): Promise<Uint8Array> {
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const items = await itemsOf(db, d.id);
  const done = executed(d);
  const title = d.kind === 'musnah' ? (done ? 'DAFTAR ARSIP MUSNAH' : 'DAFTAR ARSIP USUL MUSNAH') : done ? 'DAFTAR ARSIP STATIS YANG DISERAHKAN' : 'DAFTAR ARSIP USUL SERAH';
  const rows = items
    .filter((i) => !(done && d.kind === 'musnah' && i.approved === false))
    .map((i, n) => [
      String(n + 1),
      i.berkas.classificationCode,
      i.berkas.uraian,
      kurun(i.berkas),
      `${i.berkas.itemCount} naskah`,
      'Asli',
      `${i.berkas.retentionActiveYears ?? '-'} + ${i.berkas.retentionInactiveYears ?? '-'} th`,
      d.kind === 'musnah' ? (i.pertimbangan ? `${i.approved ? 'Setuju' : 'Tidak setuju'}: ${i.pertimbangan}` : '') : lokasiOf(i.berkas),
    ]);
  return tablePdf({
    title,
    lines: [(u?.name ?? '').toUpperCase(), `Per ${tanggalIndonesia(asOf)}`, ...(done && d.keputusanNumber ? [`Lampiran Berita Acara berdasarkan Keputusan Nomor ${d.keputusanNumber}`] : [])],
    header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah', 'Tingkat Perkembangan', 'Retensi (aktif + inaktif)', d.kind === 'musnah' ? 'Pertimbangan Panitia' : 'Lokasi'],
    widths: [4, 10, 32, 8, 8, 9, 10, 19],
    rows,
    ...(sign ? { footer: signatureFooter(sign) } : {}),
  });
}

/**
 * Berita acara pemusnahan / serah terima: what was done, on which keputusan (and, for a
 * destruction of 10 years' retention or more, which approval of the Kepala ANRI), by whom, with
 * the head's signature block.
 */
export async function beritaAcaraPdf(db: Db, d: DisposalRow, items: ItemView[], facts: { executor: Person; executedOn: string } & SignatureFooter): Promise<Uint8Array> {
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  const done = items.filter((i) => d.kind === 'serah' || i.approved);
  const musnah = d.kind === 'musnah';
  const naskah = done.reduce((n, i) => n + i.berkas.itemCount, 0);
  const lines = [
    (u?.name ?? '').toUpperCase(),
    `Pada hari ini, ${tanggalIndonesia(facts.executedOn)}, berdasarkan Keputusan Nomor ${d.keputusanNumber ?? '-'} tanggal ${d.keputusanDate ? tanggalIndonesia(d.keputusanDate) : '-'},`,
    ...(musnah && d.anriApprovalNumber ? [`dan persetujuan Kepala Arsip Nasional Republik Indonesia Nomor ${d.anriApprovalNumber} tanggal ${d.anriApprovalDate ? tanggalIndonesia(d.anriApprovalDate) : '-'},`] : []),
    musnah
      ? `telah dilaksanakan pemusnahan arsip sebanyak ${done.length} berkas (${naskah} naskah) sebagaimana tercantum dalam Daftar Arsip Musnah terlampir.`
      : `telah diserahkan arsip statis sebanyak ${done.length} berkas (${naskah} naskah) kepada Lembaga Kearsipan Daerah, dalam paket BagIt dengan checksum SHA-256.`,
    musnah ? 'Berkas elektronik arsip dihapus; metadata arsip dan berita acara ini tetap disimpan.' : 'Kami menyatakan arsip yang diserahkan autentik, utuh dan terpercaya (pernyataan keaslian).',
    `Dilaksanakan oleh ${facts.executor.name}${facts.executor.nip ? ` (NIP. ${facts.executor.nip})` : ''}, petugas arsip unit.`,
  ];
  return tablePdf({
    title: musnah ? 'BERITA ACARA PEMUSNAHAN ARSIP' : 'BERITA ACARA SERAH TERIMA ARSIP STATIS',
    lines,
    header: ['No', 'Kode Klasifikasi', 'Uraian Informasi Berkas', 'Kurun Waktu', 'Jumlah'],
    widths: [5, 14, 55, 12, 14],
    rows: done.map((i, n) => [String(n + 1), i.berkas.classificationCode, i.berkas.uraian, kurun(i.berkas), `${i.berkas.itemCount} naskah`]),
    footer: signatureFooter(facts),
  });
}

/** The BagIt package of a transfer: per record its PDFs, metadata.json and audit trail. */
export async function transferPackage(ctx: AppContext, db: Db, d: DisposalRow, items: ItemView[], extra: Array<{ path: string; bytes: Uint8Array }>): Promise<Uint8Array> {
  const payload: Array<{ path: string; bytes: Uint8Array }> = [...extra];
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  for (const i of items) {
    const dir = `${safeName(`${i.berkas.classificationCode}-${i.berkas.year}-${i.berkas.id.slice(0, 8)}`)}`;
    payload.push({ path: `${dir}/berkas.json`, bytes: Buffer.from(JSON.stringify(i.berkas, null, 2)) });
    const recs = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, i.berkas.id)).orderBy(asc(archiveRecords.documentDate), asc(archiveRecords.id));
    for (const r of recs) {
      const rdir = `${dir}/${safeName(`${r.documentDate ?? ''}-${r.number ?? r.id}`)}-${r.id.slice(-6)}`;
      const { snapshot, ...meta } = r;
      payload.push({ path: `${rdir}/metadata.json`, bytes: Buffer.from(JSON.stringify({ ...meta, snapshotSha256: r.snapshotSha256 }, null, 2)) });
      const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'archive_record'), eq(auditEvents.entityId, r.id))).orderBy(asc(auditEvents.at));
      payload.push({ path: `${rdir}/audit.json`, bytes: Buffer.from(canonicalJson({ snapshot, archiveAudit: audit })) });
      for (const [n, f] of r.files.entries()) {
        if (!f.fileId) continue;
        const { bytes } = await readFileBytes(ctx, db, await keptFileId(db, r.id, n, f.fileId));
        payload.push({ path: `${rdir}/${n + 1}-${safeName(f.name)}`, bytes });
      }
    }
  }
  const day = isoDateIn(ctx.config.timeZone, ctx.now());
  const files = bagFiles(
    `serah-${safeName(u?.name ?? 'unit')}-${day}`,
    payload,
    { 'Source-Organization': (await getSetting<string>(db, 'instance.name')) ?? 'Pemerintah Daerah', 'Organization-Address': u?.name ?? '', 'External-Description': `Serah arsip statis, Keputusan ${d.keputusanNumber ?? '-'}`, 'External-Identifier': d.id },
    day,
  );
  return tar(files, ctx.now());
}
