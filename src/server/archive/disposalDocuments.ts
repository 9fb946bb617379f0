// The documents of a pemusnahan / serah arsip statis: the daftar usul (live), the daftar arsip
// musnah / serah and the berita acara (signed with TTE by the head), and the BagIt package of a
// transfer with the PDFs, metadata and audit trail per record.
import path from 'node:path';
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
import { pdfaRendition } from './pdfaRendition.js';
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

/** Seconds one PDF/A conversion may take (a long scanned record takes a while). */
const PDFA_TIMEOUT_MS = 180_000;

const isPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 1024)).includes('%PDF-');

/** How one PDF of the package is preserved (metadata.json "preservation"). */
interface Preservation {
  file: string;
  /** The PDF/A part and conformance the file itself declares ("2B"). */
  pdfa: string | null;
  /** The PDF/A-2b rendition beside it. */
  rendition: string | null;
  renditionFailed: string | null;
}

function renditionSummary(rs: Preservation[]): Record<string, string> {
  const asIs = rs.filter((r) => r.pdfa).length;
  const converted = rs.filter((r) => r.rendition).length;
  const failed = rs.filter((r) => r.renditionFailed).length;
  return { 'PDF-A-Files': String(asIs), 'PDF-A-Renditions': String(converted), ...(failed ? { 'PDF-A-Missing': String(failed) } : {}) };
}

/**
 * The BagIt package of a transfer: per record its PDFs (each PDF/A, or kept as signed with a
 * PDF/A rendition beside it), metadata.json (with what is PDF/A how) and audit trail. Slow
 * (conversions): built outside any transaction.
 */
export async function transferPackage(ctx: AppContext, db: Db, d: DisposalRow, items: ItemView[], extra: Array<{ path: string; bytes: Uint8Array }>): Promise<Uint8Array> {
  const payload: Array<{ path: string; bytes: Uint8Array }> = [...extra];
  const renditions: Preservation[] = [];
  /** A PDF/A file as it is, or a PDF/A rendition added beside it; null for what is no PDF. */
  const preserve = async (file: string, bytes: Uint8Array): Promise<Preservation | null> => {
    if (!isPdf(bytes)) return null;
    const rendition = await pdfaRendition(bytes, { ocrmypdfPath: ctx.config.ocr.ocrmypdfPath, timeoutMs: PDFA_TIMEOUT_MS, signal: ctx.shutdown.signal });
    const name = path.posix.basename(file);
    if (rendition.kind === 'as_is') return { file: name, pdfa: rendition.pdfa, rendition: null, renditionFailed: null };
    if (rendition.kind === 'converted') {
      const renditionPath = `${file.replace(/\.pdf$/i, '')}-pdfa.pdf`;
      payload.push({ path: renditionPath, bytes: rendition.bytes });
      return { file: name, pdfa: null, rendition: path.posix.basename(renditionPath), renditionFailed: null };
    }
    ctx.log.warn({ file, reason: rendition.reason }, 'no PDF/A rendition for a transferred file');
    return { file: name, pdfa: null, rendition: null, renditionFailed: rendition.reason };
  };
  const top: Preservation[] = [];
  for (const e of extra) {
    const p = await preserve(e.path, e.bytes);
    if (p) top.push(p);
  }
  renditions.push(...top);
  payload.push({ path: 'preservation.json', bytes: Buffer.from(JSON.stringify(top, null, 2)) });
  const [u] = await db.select({ name: units.name }).from(units).where(eq(units.id, d.unitId));
  for (const i of items) {
    const dir = `${safeName(`${i.berkas.classificationCode}-${i.berkas.year}-${i.berkas.id.slice(0, 8)}`)}`;
    payload.push({ path: `${dir}/berkas.json`, bytes: Buffer.from(JSON.stringify(i.berkas, null, 2)) });
    const recs = await db.select().from(archiveRecords).where(eq(archiveRecords.berkasId, i.berkas.id)).orderBy(asc(archiveRecords.documentDate), asc(archiveRecords.id));
    for (const r of recs) {
      const rdir = `${dir}/${safeName(`${r.documentDate ?? ''}-${r.number ?? r.id}`)}-${r.id.slice(-6)}`;
      const { snapshot, ...meta } = r;
      const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'archive_record'), eq(auditEvents.entityId, r.id))).orderBy(asc(auditEvents.at));
      payload.push({ path: `${rdir}/audit.json`, bytes: Buffer.from(canonicalJson({ snapshot, archiveAudit: audit })) });
      // Per file: the original, and whether it is PDF/A itself or has a PDF/A rendition beside it.
      const preservation: Preservation[] = [];
      for (const [n, f] of r.files.entries()) {
        if (!f.fileId) continue;
        const { bytes } = await readFileBytes(ctx, db, await keptFileId(db, r.id, n, f.fileId));
        const file = `${rdir}/${n + 1}-${safeName(f.name)}`;
        payload.push({ path: file, bytes });
        const p = await preserve(file, bytes);
        if (p) preservation.push(p);
      }
      renditions.push(...preservation);
      payload.push({ path: `${rdir}/metadata.json`, bytes: Buffer.from(JSON.stringify({ ...meta, snapshotSha256: r.snapshotSha256, preservation }, null, 2)) });
    }
  }
  const day = isoDateIn(ctx.config.timeZone, ctx.now());
  const files = bagFiles(
    `serah-${safeName(u?.name ?? 'unit')}-${day}`,
    payload,
    { 'Source-Organization': (await getSetting<string>(db, 'instance.name')) ?? 'Pemerintah Daerah', 'Organization-Address': u?.name ?? '', 'External-Description': `Serah arsip statis, Keputusan ${d.keputusanNumber ?? '-'}`, 'External-Identifier': d.id, ...renditionSummary(renditions) },
    day,
  );
  return tar(files, ctx.now());
}
