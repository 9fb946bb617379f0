// Reference classification codes shipped with Naskah, loaded at start when missing (see
// ensureReferenceClassifications.ts): the complete first and second levels of Lampiran B of
// Permendagri 83/2022 ("Kode Klasifikasi Arsip di Lingkungan Pemerintah Daerah"), plus the
// deeper codes a kabupaten's everyday letters and the demo use. Names follow the regulation's
// spelling (e.g. "Kawasan Pemukiman", "Catatan Sipil"). A region adds the rest of the lampiran
// and its own JRA (set by peraturan kepala daerah) with the CSV import.
//
// JRA (retention) is left null, shown as "belum ditetapkan", except where the project's domain
// brief gives values; those are starting points for the region to confirm.
import type { Disposition } from './classificationCode.js';

export interface ReferenceClassification {
  code: string;
  name: string;
  description?: string;
  jra?: { active: number; inactive: number; disposition: Disposition; basis: string };
}

const JRA_BASIS = 'Nilai awal bawaan Naskah; sesuaikan dengan Peraturan Kepala Daerah tentang JRA';

export const REFERENCE_SOURCE = 'permendagri_83_2022' as const;

export const referenceClassifications: ReferenceClassification[] = [
  // Level 1
  { code: '000', name: 'Umum' },
  { code: '100', name: 'Pemerintahan' },
  { code: '200', name: 'Politik' },
  { code: '300', name: 'Keamanan dan Ketertiban' },
  { code: '400', name: 'Kesejahteraan Rakyat' },
  { code: '500', name: 'Perekonomian' },
  { code: '600', name: 'Pekerjaan Umum dan Ketenagaan' },
  { code: '700', name: 'Pengawasan' },
  { code: '800', name: 'Kepegawaian' },
  { code: '900', name: 'Keuangan' },

  // Level 2: 000 Umum
  { code: '000.1', name: 'Ketatausahaan dan Kerumahtanggaan' },
  { code: '000.2', name: 'Perlengkapan' },
  { code: '000.3', name: 'Pengadaan' },
  { code: '000.4', name: 'Perpustakaan' },
  { code: '000.5', name: 'Kearsipan' },
  { code: '000.6', name: 'Persandian' },
  { code: '000.7', name: 'Perencanaan Pembangunan' },
  { code: '000.8', name: 'Organisasi dan Tata Laksana' },
  { code: '000.9', name: 'Penelitian, Pengkajian, dan Pengembangan' },
  // 100 Pemerintahan
  { code: '100.1', name: 'Otonomi Daerah' },
  { code: '100.2', name: 'Pemerintahan Umum' },
  { code: '100.3', name: 'Hukum' },
  // 200 Politik
  { code: '200.1', name: 'Kesatuan Bangsa dan Politik' },
  { code: '200.2', name: 'Pemilu' },
  // 300 Keamanan dan Ketertiban
  { code: '300.1', name: 'Satuan Polisi Pamong Praja' },
  { code: '300.2', name: 'Penanggulangan Bencana, Pencarian, dan Pertolongan' },
  // 400 Kesejahteraan Rakyat
  { code: '400.1', name: 'Pembangunan Daerah Tertinggal' },
  { code: '400.2', name: 'Pemberdayaan Perempuan dan Perlindungan Anak' },
  { code: '400.3', name: 'Pendidikan' },
  { code: '400.4', name: 'Keolahragaan' },
  { code: '400.5', name: 'Kepemudaan' },
  { code: '400.6', name: 'Kebudayaan' },
  { code: '400.7', name: 'Kesehatan' },
  { code: '400.8', name: 'Agama dan Kepercayaan' },
  { code: '400.9', name: 'Sosial' },
  { code: '400.10', name: 'Pemberdayaan Masyarakat Desa' },
  { code: '400.11', name: 'Pertamanan dan Pemakaman' },
  { code: '400.12', name: 'Kependudukan dan Catatan Sipil' },
  { code: '400.13', name: 'Keluarga Berencana' },
  { code: '400.14', name: 'Hubungan Masyarakat' },
  // 500 Perekonomian
  { code: '500.1', name: 'Ketahanan Pangan' },
  { code: '500.2', name: 'Perdagangan' },
  { code: '500.3', name: 'Koperasi dan Usaha Kecil Menengah' },
  { code: '500.4', name: 'Kehutanan' },
  { code: '500.5', name: 'Kelautan dan Perikanan' },
  { code: '500.6', name: 'Pertanian' },
  { code: '500.7', name: 'Peternakan' },
  { code: '500.8', name: 'Perkebunan' },
  { code: '500.9', name: 'Perindustrian' },
  { code: '500.10', name: 'Energi dan Sumber Daya Mineral' },
  { code: '500.11', name: 'Perhubungan' },
  { code: '500.12', name: 'Komunikasi dan Informatika' },
  { code: '500.13', name: 'Pariwisata dan Ekonomi Kreatif' },
  { code: '500.14', name: 'Statistik' },
  { code: '500.15', name: 'Ketenagakerjaan' },
  { code: '500.16', name: 'Penanaman Modal' },
  { code: '500.17', name: 'Pertanahan' },
  { code: '500.18', name: 'Transmigrasi' },
  // 600 Pekerjaan Umum dan Ketenagaan
  { code: '600.1', name: 'Pekerjaan Umum' },
  { code: '600.2', name: 'Perumahan Rakyat dan Kawasan Pemukiman' },
  { code: '600.3', name: 'Tata Ruang' },
  { code: '600.4', name: 'Lingkungan Hidup' },
  // 700 Pengawasan
  { code: '700.1', name: 'Pengawasan Internal' },
  // 800 Kepegawaian
  { code: '800.1', name: 'Sumber Daya Manusia' },
  { code: '800.2', name: 'Pendidikan dan Pelatihan' },
  // 900 Keuangan
  { code: '900.1', name: 'Keuangan Daerah' },

  // Deeper levels used by everyday letters and the demo pemda.
  { code: '000.1.1', name: 'Telekomunikasi' },
  { code: '000.1.2', name: 'Perjalanan Dinas Dalam Negeri' },
  { code: '000.1.2.3', name: 'Perjalanan Dinas Pegawai' },
  { code: '000.1.4', name: 'Penggunaan Fasilitas Kantor', description: 'Antara lain: permintaan dan penggunaan ruang rapat, gedung, kendaraan, wisma, rumah dinas dan fasilitas kantor lainnya' },
  { code: '000.1.5', name: 'Rapat Pimpinan', description: 'Antara lain: notula/risalah rapat' },
  { code: '000.1.6', name: 'Penyediaan Konsumsi' },
  { code: '000.5.3', name: 'Pengelolaan Arsip Dinamis' },
  { code: '000.5.3.1', name: 'Penciptaan', description: 'Antara lain: buku registrasi naskah masuk dan keluar, buku agenda, kartu kendali, lembar pengantar/buku ekspedisi' },
  { code: '000.8.3', name: 'Ketatalaksanaan' },
  { code: '000.8.3.3', name: 'Standar Operasional Prosedur', jra: { active: 2, inactive: 3, disposition: 'permanen', basis: JRA_BASIS } },
  { code: '100.3.3', name: 'Keputusan/Ketetapan Pimpinan Pemerintah' },
  { code: '100.3.3.2', name: 'Keputusan/Ketetapan Bupati' },
  { code: '100.3.4', name: 'Instruksi/Surat Edaran' },
  { code: '100.3.4.2', name: 'Instruksi/Surat Edaran Kabupaten' },
  { code: '100.3.5', name: 'Surat Perintah' },
  { code: '100.3.5.2', name: 'Surat Perintah Bupati' },
  { code: '400.12.1', name: 'Kebijakan di Bidang Kependudukan dan Catatan Sipil' },
  { code: '400.12.2', name: 'Pendaftaran Penduduk' },
  { code: '400.12.2.1', name: 'Identitas Penduduk' },
  { code: '400.12.3', name: 'Pencatatan Sipil' },
  { code: '400.12.3.1', name: 'Kelahiran dan Kematian' },
  { code: '400.12.3.2', name: 'Perkawinan dan Perceraian' },
  { code: '400.12.4', name: 'Pengelolaan Informasi Administrasi Kependudukan' },
  { code: '400.14.1', name: 'Keprotokolan' },
  { code: '700.1.1', name: 'Rencana Pengawasan' },
  { code: '700.1.2', name: 'Pelaksanaan Pengawasan' },
  { code: '800.1.11', name: 'Administrasi Pegawai' },
  { code: '800.1.11.1', name: 'Surat Perintah Dinas/Surat Tugas', jra: { active: 1, inactive: 1, disposition: 'musnah', basis: JRA_BASIS } },
  { code: '800.1.11.4', name: 'Cuti Tahunan' },
  { code: '900.1.3', name: 'Pelaksanaan Anggaran' },
];
