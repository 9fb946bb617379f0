// The service catalogue as data: each service names its SOP, the office that runs it, its
// steps (who does each, the time standard) and the completeness checklist. Shipped entries are
// loaded at start when missing (never overwritten); a second service is one more entry.

/** Who performs a step. Units are named by their code (stable data, as in letter numbers). */
export type StepActor =
  | { kind: 'applicant' }
  /** The holder (definitif, Plt, Plh) of the head position of the unit. */
  | { kind: 'unit_head'; unitCode: string }
  /** Anyone with the role granted for that unit (or above). */
  | { kind: 'role'; role: 'admin_email'; unitCode: string; mustBeAsn: boolean }
  | { kind: 'system' };

/**
 * request: the applicant files; review: read and dispose onward; check: completeness checklist,
 * may return; provision: create the account (background job); deliver: activation by the
 * applicant; done: the result is in use.
 */
export type StepKind = 'request' | 'review' | 'check' | 'provision' | 'deliver' | 'done';

export interface CatalogueStep {
  no: number;
  kind: StepKind;
  /** Kegiatan, as the SOP says it. */
  name: string;
  /** Pelaksana, as the SOP names it. */
  actorLabel: string;
  actor: StepActor;
  /** Mutu baku: kelengkapan, waktu (minutes; null = none), output. */
  inputs: string;
  standardMinutes: number | null;
  output: string;
}

export interface ChecklistItem {
  key: string;
  label: string;
  /** Filled by Naskah from the ticket (verified number, free address …); else ticked by the checker. */
  automatic: boolean;
}

export interface CatalogueEntry {
  key: string;
  name: string;
  sopNumber: string;
  /** Unit that runs the service; the request becomes one of its incoming letters. */
  unitCode: string;
  /** Ticket numbers: PREFIX-YYYY-NNNN. */
  numberPrefix: string;
  /** Classification of the request letter (and its JRA retention). */
  classificationCode: string;
  steps: CatalogueStep[];
  checklist: ChecklistItem[];
}

export const EMAIL_SERVICE_KEY = 'email-kedinasan';

export const shippedCatalogue: CatalogueEntry[] = [
  {
    key: EMAIL_SERVICE_KEY,
    name: 'Layanan Penerbitan Email Kedinasan',
    sopNumber: '000.8.3.3/839/SOP/406.020/2024',
    unitCode: '406.020',
    numberPrefix: 'EML',
    classificationCode: '000.6',
    steps: [
      { no: 1, kind: 'request', name: 'Menyampaikan Surat Permohonan Penerbitan Email', actorLabel: 'Pemohon/User', actor: { kind: 'applicant' }, inputs: 'Surat Permohonan dilampiri Nomor HP/WA aktif', standardMinutes: 15, output: 'Surat Masuk' },
      { no: 2, kind: 'review', name: 'Menelaah Surat Permohonan Pengajuan Penerbitan Email kemudian didisposisikan', actorLabel: 'Kepala Dinas', actor: { kind: 'unit_head', unitCode: '406.020' }, inputs: 'Disposisi dan Surat Permohonan', standardMinutes: 15, output: 'Surat Permohonan beserta kelengkapannya yang telah didisposisi' },
      { no: 3, kind: 'review', name: 'Menelaah disposisi dan menindaklanjuti disposisi', actorLabel: 'Kabid Statistik dan Persandian', actor: { kind: 'unit_head', unitCode: 'SP/406.020' }, inputs: 'Disposisi dan Surat Permohonan', standardMinutes: 15, output: 'Surat Permohonan beserta kelengkapannya yang telah didisposisi' },
      { no: 4, kind: 'check', name: 'Menelaah disposisi dan surat untuk dilakukan proses pendataan dan memeriksa kelengkapan berkas', actorLabel: 'Kasi Keamanan Informasi dan Persandian', actor: { kind: 'unit_head', unitCode: 'KIP/SP/406.020' }, inputs: 'Disposisi dan Surat Permohonan', standardMinutes: 15, output: 'Surat Permohonan beserta kelengkapannya yang telah didisposisi' },
      { no: 5, kind: 'provision', name: 'Menerima disposisi dan membuat email', actorLabel: 'Admin Email', actor: { kind: 'role', role: 'admin_email', unitCode: '406.020', mustBeAsn: true }, inputs: 'Disposisi Surat Permohonan beserta kelengkapannya yang telah didisposisi', standardMinutes: 15, output: 'Form Permohonan Penerbitan Email Dinas' },
      { no: 6, kind: 'deliver', name: 'Pemohon menerima notifikasi WhatsApp berisi nama pengguna dan tautan aktivasi, lalu mengaktifkan email (kata sandi sendiri dan Google Authenticator)', actorLabel: 'Pemohon/User', actor: { kind: 'applicant' }, inputs: 'Komputer/Laptop, nama pengguna, Google Authenticator dan HP calon pemilik Email Dinas', standardMinutes: 15, output: 'Kata sandi diganti dan kode keamanan Google Authenticator ditambahkan' },
      { no: 7, kind: 'done', name: 'Email Kedinasan sudah aktif dan bisa untuk digunakan', actorLabel: 'Pemohon/User', actor: { kind: 'system' }, inputs: 'Komputer/Laptop, nama pengguna, kata sandi, Google Authenticator dan HP pemilik Email Dinas', standardMinutes: null, output: 'Email dinas yang telah aktif' },
    ],
    checklist: [
      { key: 'letter_signed', label: 'Surat permohonan ditandatangani kepala unit pemohon', automatic: false },
      { key: 'nip_matches', label: 'NIP sesuai data kepegawaian', automatic: true },
      { key: 'whatsapp_verified', label: 'Nomor WhatsApp aktif sudah diverifikasi', automatic: true },
      { key: 'address_free', label: 'Alamat e-mail yang diminta belum dipakai', automatic: true },
    ],
  },
];

export function stepOf(entry: Pick<CatalogueEntry, 'steps'>, no: number): CatalogueStep {
  const s = entry.steps.find((x) => x.no === no);
  if (!s) throw new Error(`step ${no} not in catalogue`);
  return s;
}
