// The demo pemda "Pemerintah Kabupaten Contoh": offices and people covering every role in the
// four SOPs of ../shared/seeds (000 Setda TTE Bupati, 002 Disdukcapil, 003 Disperkimta,
// 004 Diskominfo e-mail service). Fictional people; NIP/NIK are well-formed but invented.
import type { HolderKind, Role, UnitKind } from './schema.js';

export const DEMO_PASSWORD = 'Naskah-Demo-2026';
export const DEMO_INSTANCE_NAME = 'Pemerintah Kabupaten Contoh';

export interface DemoUnit {
  key: string;
  parent: string | null;
  name: string;
  shortName?: string;
  kind: UnitKind;
  code?: string;
  address?: string;
  phone?: string;
  email?: string;
  website?: string;
}

export interface DemoPosition {
  key: string;
  unit: string;
  name: string;
  level: string;
  parent: string | null;
  head?: boolean;
}

export interface DemoUser {
  username: string;
  name: string;
  nip: string | null;
  nik: string;
  pangkat?: string;
  golongan?: string;
  whatsapp: string;
  position: string;
  holder?: HolderKind;
  roles: Array<Role | [Role, string | null]>;
  /** What this account demonstrates, printed in the README and at start. */
  note: string;
}

const ADDR = 'Jl. Jenderal Sudirman No. 1, Contoh 57100';

export const demoUnits: DemoUnit[] = [
  { key: 'pemda', parent: null, name: DEMO_INSTANCE_NAME, kind: 'pemda', address: ADDR },
  { key: 'pimpinan', parent: 'pemda', name: 'Pimpinan Daerah', kind: 'pimpinan', code: '100', address: ADDR },
  { key: 'setda', parent: 'pemda', name: 'Sekretariat Daerah', shortName: 'Setda', kind: 'setda', code: '410.01', address: ADDR, phone: '(0271) 123456', email: 'setda@contohkab.go.id', website: 'setda.contohkab.go.id' },
  { key: 'asisten-umum', parent: 'setda', name: 'Asisten Administrasi Umum', kind: 'lainnya', code: 'ADM/410.01' },
  { key: 'bagian-umum', parent: 'asisten-umum', name: 'Bagian Umum', kind: 'bagian', code: 'UM/410.01' },
  { key: 'subbag-tu', parent: 'bagian-umum', name: 'Subbagian Tata Usaha, Staf Ahli dan Kepegawaian', shortName: 'Subbag TU', kind: 'subbagian', code: 'TU/UM/410.01' },

  { key: 'dukcapil', parent: 'pemda', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', kind: 'dinas', code: '410.20', address: 'Jl. Pemuda No. 10, Contoh 57101', phone: '(0271) 223344', email: 'dukcapil@contohkab.go.id', website: 'dukcapil.contohkab.go.id' },
  { key: 'dukcapil-sek', parent: 'dukcapil', name: 'Sekretariat Disdukcapil', kind: 'sekretariat', code: 'SEK/410.20' },
  { key: 'dukcapil-umum', parent: 'dukcapil-sek', name: 'Subbagian Umum dan Kepegawaian Disdukcapil', kind: 'subbagian', code: 'UMP/410.20' },
  { key: 'dukcapil-dafduk', parent: 'dukcapil', name: 'Bidang Pelayanan Pendaftaran Penduduk', shortName: 'Bidang Dafduk', kind: 'bidang', code: 'DAFDUK/410.20' },

  { key: 'perkimta', parent: 'pemda', name: 'Dinas Perumahan, Kawasan Permukiman dan Pertanahan', shortName: 'Disperkimta', kind: 'dinas', code: '410.30', address: 'Jl. Kalimantan No. 5, Contoh 57102', phone: '(0271) 334455', email: 'disperkimta@contohkab.go.id', website: 'disperkimta.contohkab.go.id' },
  { key: 'perkimta-sek', parent: 'perkimta', name: 'Sekretariat Disperkimta', kind: 'sekretariat', code: 'SEK/410.30' },
  { key: 'perkimta-umum', parent: 'perkimta-sek', name: 'Subbagian Umum dan Kepegawaian Disperkimta', kind: 'subbagian', code: 'UMP/410.30' },
  { key: 'perkimta-perumahan', parent: 'perkimta', name: 'Bidang Perumahan', kind: 'bidang', code: 'PRM/410.30' },

  { key: 'kominfo', parent: 'pemda', name: 'Dinas Komunikasi dan Informatika', shortName: 'Diskominfo', kind: 'dinas', code: '406.020', address: 'Jl. Diponegoro No. 8, Contoh 57103', phone: '(0271) 445566', email: 'diskominfo@contohkab.go.id', website: 'diskominfo.contohkab.go.id' },
  { key: 'kominfo-sek', parent: 'kominfo', name: 'Sekretariat Diskominfo', kind: 'sekretariat', code: 'SEK/406.020' },
  { key: 'kominfo-statistik', parent: 'kominfo', name: 'Bidang Statistik dan Persandian', kind: 'bidang', code: 'SP/406.020' },
  { key: 'kominfo-ikp', parent: 'kominfo', name: 'Bidang Informasi dan Komunikasi Publik', kind: 'bidang', code: 'IKP/406.020' },
  { key: 'kominfo-kamsinfo', parent: 'kominfo-statistik', name: 'Seksi Keamanan Informasi dan Persandian', kind: 'seksi', code: 'KIP/SP/406.020' },
];

export const demoPositions: DemoPosition[] = [
  { key: 'bupati', unit: 'pimpinan', name: 'Bupati Contoh', level: 'kepala_daerah', parent: null, head: true },
  { key: 'wabup', unit: 'pimpinan', name: 'Wakil Bupati Contoh', level: 'kepala_daerah', parent: 'bupati' },
  { key: 'sekda', unit: 'setda', name: 'Sekretaris Daerah', level: 'II.a', parent: 'wabup', head: true },
  { key: 'asisten-umum', unit: 'asisten-umum', name: 'Asisten Administrasi Umum', level: 'II.b', parent: 'sekda', head: true },
  { key: 'kabag-umum', unit: 'bagian-umum', name: 'Kepala Bagian Umum', level: 'III.a', parent: 'asisten-umum', head: true },
  { key: 'kasubag-tu', unit: 'subbag-tu', name: 'Kepala Subbagian Tata Usaha, Staf Ahli dan Kepegawaian', level: 'IV.a', parent: 'kabag-umum', head: true },
  // Seed 000: "Staf adalah Pelaksana dan JF pada Bagian Umum"; the chain starts at the Kabag.
  { key: 'staf-umum', unit: 'bagian-umum', name: 'Pelaksana Bagian Umum', level: 'pelaksana', parent: 'kabag-umum' },
  { key: 'arsiparis-setda', unit: 'subbag-tu', name: 'Arsiparis Ahli Pertama', level: 'JF', parent: 'kasubag-tu' },

  { key: 'kadis-dukcapil', unit: 'dukcapil', name: 'Kepala Dinas Kependudukan dan Pencatatan Sipil', level: 'II.b', parent: 'sekda', head: true },
  { key: 'sekdis-dukcapil', unit: 'dukcapil-sek', name: 'Sekretaris Dinas Kependudukan dan Pencatatan Sipil', level: 'III.a', parent: 'kadis-dukcapil', head: true },
  { key: 'kasubag-dukcapil', unit: 'dukcapil-umum', name: 'Kepala Subbagian Umum dan Kepegawaian', level: 'IV.a', parent: 'sekdis-dukcapil', head: true },
  { key: 'arsip-dukcapil', unit: 'dukcapil-umum', name: 'Pengadministrasi Umum (Admin e-Surat)', level: 'pelaksana', parent: 'kasubag-dukcapil' },
  { key: 'kabid-dafduk', unit: 'dukcapil-dafduk', name: 'Kepala Bidang Pelayanan Pendaftaran Penduduk', level: 'III.b', parent: 'kadis-dukcapil', head: true },
  { key: 'admin-dafduk', unit: 'dukcapil-dafduk', name: 'Admin Bidang Pelayanan Pendaftaran Penduduk', level: 'pelaksana', parent: 'kabid-dafduk' },

  { key: 'kadis-perkimta', unit: 'perkimta', name: 'Kepala Dinas Perumahan, Kawasan Permukiman dan Pertanahan', level: 'II.b', parent: 'sekda', head: true },
  { key: 'sekdis-perkimta', unit: 'perkimta-sek', name: 'Sekretaris Dinas Perumahan, Kawasan Permukiman dan Pertanahan', level: 'III.a', parent: 'kadis-perkimta', head: true },
  { key: 'kasubag-perkimta', unit: 'perkimta-umum', name: 'Kepala Subbagian Umum dan Kepegawaian', level: 'IV.a', parent: 'sekdis-perkimta', head: true },
  // Seed 003 routes a Kabid's letters through the Sekretaris before the Kepala Dinas.
  { key: 'kabid-perumahan', unit: 'perkimta-perumahan', name: 'Kepala Bidang Perumahan', level: 'III.b', parent: 'sekdis-perkimta', head: true },
  { key: 'staf-perumahan', unit: 'perkimta-perumahan', name: 'Pelaksana Bidang Perumahan', level: 'pelaksana', parent: 'kabid-perumahan' },

  { key: 'kadis-kominfo', unit: 'kominfo', name: 'Kepala Dinas Komunikasi dan Informatika', level: 'II.b', parent: 'sekda', head: true },
  { key: 'sekdis-kominfo', unit: 'kominfo-sek', name: 'Sekretaris Dinas Komunikasi dan Informatika', level: 'III.a', parent: 'kadis-kominfo', head: true },
  { key: 'arsip-kominfo', unit: 'kominfo-sek', name: 'Pengadministrasi Umum Diskominfo', level: 'pelaksana', parent: 'sekdis-kominfo' },
  { key: 'kabid-sp', unit: 'kominfo-statistik', name: 'Kepala Bidang Statistik dan Persandian', level: 'III.b', parent: 'kadis-kominfo', head: true },
  { key: 'kabid-ikp', unit: 'kominfo-ikp', name: 'Kepala Bidang Informasi dan Komunikasi Publik', level: 'III.b', parent: 'kadis-kominfo', head: true },
  { key: 'kasi-kip', unit: 'kominfo-kamsinfo', name: 'Kepala Seksi Keamanan Informasi dan Persandian', level: 'IV.a', parent: 'kabid-sp', head: true },
  { key: 'admin-email', unit: 'kominfo-kamsinfo', name: 'Pranata Komputer (Admin Email)', level: 'JF', parent: 'kasi-kip' },
  { key: 'petugas-pii', unit: 'kominfo-kamsinfo', name: 'Petugas Khusus Pengelola Data Pribadi', level: 'pelaksana', parent: 'kasi-kip' },
  { key: 'sandiman', unit: 'kominfo-kamsinfo', name: 'Sandiman Ahli Muda (Otoritas Pendaftaran TTE)', level: 'JF', parent: 'kasi-kip' },
];

const drafterVerifier: Role[] = ['drafter', 'verifier'];

export const demoUsers: DemoUser[] = [
  { username: 'admin', name: 'Administrator Sistem', nip: '198501012010011001', nik: '3372010101850001', pangkat: 'Penata', golongan: 'III/c', whatsapp: '081200000001', position: 'arsiparis-setda', roles: [['system_admin', null]], note: 'Admin sistem (wajib 2FA)' },

  { username: 'bupati', name: 'H. Ahmad Santoso, S.H., M.H.', nip: null, nik: '3372010505700001', whatsapp: '081200000010', position: 'bupati', roles: ['signer'], note: 'Bupati: penandatangan, SOP TTE Bupati (Setda) langkah 9 (wajib 2FA)' },
  { username: 'wabup', name: 'Dr. Siti Rahmawati, M.Si.', nip: null, nik: '3372014612720001', whatsapp: '081200000011', position: 'wabup', roles: ['verifier', 'signer'], note: 'Wakil Bupati: verifikator terakhir, SOP TTE Bupati (Setda)' },
  { username: 'sekda', name: 'Dr. Bambang Wijaya, S.P., M.P.', nip: '197710272003121005', nik: '3372012710770001', pangkat: 'Pembina Utama Muda', golongan: 'IV/c', whatsapp: '081200000012', position: 'sekda', roles: ['verifier', 'signer', 'drafter'], note: 'Sekda: verifikator, SOP TTE Bupati (Setda); penanda tangan a.n. Bupati' },
  { username: 'asisten.umum', name: 'Drs. Hendra Kusuma, M.M.', nip: '197203151998031004', nik: '3372011503720001', pangkat: 'Pembina Tingkat I', golongan: 'IV/b', whatsapp: '081200000013', position: 'asisten-umum', holder: 'plt', roles: drafterVerifier, note: 'Plt. Asisten Administrasi Umum: verifikator, SOP TTE Bupati (Setda)' },
  { username: 'kabag.umum', name: 'Rina Marlina, S.Sos., M.AP.', nip: '197908122005012003', nik: '3372015208790001', pangkat: 'Pembina', golongan: 'IV/a', whatsapp: '081200000014', position: 'kabag-umum', roles: [...drafterVerifier, 'records_officer'], note: 'Kabag Umum Setda: verifikator pertama, SOP TTE Bupati' },
  { username: 'kasubag.tu', name: 'Agus Prasetyo, S.E.', nip: '198402202009011002', nik: '3372012002840001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000015', position: 'kasubag-tu', roles: [...drafterVerifier, 'records_officer'], note: 'Kasubag TU Setda: pencatat/pengirim naskah Setda' },
  { username: 'staf.umum', name: 'Dewi Lestari, A.Md.', nip: '199306082019032011', nik: '3372014806930001', pangkat: 'Pengatur', golongan: 'II/c', whatsapp: '081200000016', position: 'staf-umum', roles: ['drafter'], note: 'Pelaksana Bagian Umum Setda: konseptor, SOP TTE Bupati' },

  { username: 'kadis.dukcapil', name: 'Sahabiq Purnomo, S.H., M.H.', nip: '197105061996031003', nik: '3402010605710001', pangkat: 'Pembina Utama Muda', golongan: 'IV/c', whatsapp: '081200000020', position: 'kadis-dukcapil', roles: ['signer', 'verifier', 'drafter'], note: 'Kepala Disdukcapil: penanda tangan, IKMT Surat Keluar TTE (wajib 2FA)' },
  { username: 'sekdis.dukcapil', name: 'Yuliani Safitri, S.IP., M.Si.', nip: '197607142000032002', nik: '3402015407760001', pangkat: 'Pembina', golongan: 'IV/a', whatsapp: '081200000021', position: 'sekdis-dukcapil', roles: drafterVerifier, note: 'Sekretaris Disdukcapil' },
  { username: 'kasubag.dukcapil', name: 'Teguh Raharjo, S.E.', nip: '198011032006041007', nik: '3402010311800001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000022', position: 'kasubag-dukcapil', roles: [...drafterVerifier, 'records_officer'], note: 'Kasubag Umum Disdukcapil' },
  { username: 'arsip.dukcapil', name: 'Nur Hidayah', nip: '199001152015032004', nik: '3402015501900001', pangkat: 'Pengatur Tingkat I', golongan: 'II/d', whatsapp: '081200000023', position: 'arsip-dukcapil', roles: ['records_officer', 'drafter'], note: 'Petugas arsip/admin e-surat Disdukcapil: memberi nomor dan mengirim, IKMT Surat Keluar TTE' },
  { username: 'kabid.dafduk', name: 'Wahyu Hidayat, S.Kom., M.M.', nip: '198205172008011004', nik: '3402011705820001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000024', position: 'kabid-dafduk', roles: drafterVerifier, note: 'Kabid Dafduk Disdukcapil: atasan langsung (verifikator), IKMT Surat Keluar TTE' },
  { username: 'admin.dafduk', name: 'Fajar Nugroho', nip: '199508232020121005', nik: '3402012308950001', pangkat: 'Pengatur', golongan: 'II/c', whatsapp: '081200000025', position: 'admin-dafduk', roles: ['drafter'], note: 'Admin bidang Dafduk: konseptor (pemohon), IKMT Surat Keluar TTE' },

  { username: 'kadis.perkimta', name: 'Ir. Joko Susilo, M.T.', nip: '196909121995031002', nik: '3301011209690001', pangkat: 'Pembina Utama Muda', golongan: 'IV/c', whatsapp: '081200000030', position: 'kadis-perkimta', roles: ['signer', 'verifier', 'drafter'], note: 'Kepala Disperkimta: penanda tangan, SOP Surat Keluar Elektronik (wajib 2FA)' },
  { username: 'sekdis.perkimta', name: 'Endang Sulistyowati, S.T., M.Si.', nip: '197503082001122003', nik: '3301014803750001', pangkat: 'Pembina', golongan: 'IV/a', whatsapp: '081200000031', position: 'sekdis-perkimta', roles: drafterVerifier, note: 'Sekretaris Disperkimta: verifikator, SOP Surat Keluar Elektronik' },
  { username: 'kasubag.perkimta', name: 'Rudi Hartono, S.E.', nip: '198107252009011003', nik: '3301012507810001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000032', position: 'kasubag-perkimta', roles: [...drafterVerifier, 'records_officer'], note: 'Kasubag Umum Disperkimta: verifikator/TU, SOP Surat Keluar Elektronik' },
  { username: 'kabid.perumahan', name: 'Ani Wulandari, S.T.', nip: '198304112008012005', nik: '3301015104830001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000033', position: 'kabid-perumahan', roles: drafterVerifier, note: 'Kabid Perumahan Disperkimta: verifikator pertama, SOP Surat Keluar Elektronik' },
  { username: 'staf.perumahan', name: 'Slamet Riyadi', nip: '199202142017081001', nik: '3301011402920001', pangkat: 'Pengatur Tingkat I', golongan: 'II/d', whatsapp: '081200000034', position: 'staf-perumahan', roles: ['drafter'], note: 'Pelaksana Bidang Perumahan: konseptor, SOP Surat Keluar Elektronik; pemohon, SOP Penerbitan Email Kedinasan' },

  { username: 'kadis.kominfo', name: 'Edi Hariyanto, S.Sos., M.Si.', nip: '197106091992011002', nik: '3503010906710001', pangkat: 'Pembina Utama Muda', golongan: 'IV/c', whatsapp: '081200000040', position: 'kadis-kominfo', roles: ['signer', 'verifier', 'drafter'], note: 'Kepala Diskominfo: menelaah dan mendisposisikan, SOP Penerbitan Email Kedinasan langkah 2 (wajib 2FA)' },
  { username: 'sekdis.kominfo', name: 'Lina Kartika, S.Kom., M.T.', nip: '197812052003122004', nik: '3503014512780001', pangkat: 'Pembina', golongan: 'IV/a', whatsapp: '081200000041', position: 'sekdis-kominfo', roles: drafterVerifier, note: 'Sekretaris Diskominfo' },
  { username: 'arsip.kominfo', name: 'Maya Sari', nip: '199107182014022003', nik: '3503015807910001', pangkat: 'Pengatur Tingkat I', golongan: 'II/d', whatsapp: '081200000042', position: 'arsip-kominfo', roles: ['records_officer', 'drafter'], note: 'Petugas arsip Diskominfo: mencatat surat masuk, SOP Penerbitan Email Kedinasan' },
  { username: 'kabid.persandian', name: 'Bayu Aji Pratama, S.Kom., M.Kom.', nip: '198306152008011006', nik: '3503011506830001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000043', position: 'kabid-sp', roles: drafterVerifier, note: 'Kabid Statistik dan Persandian: menindaklanjuti dan mendisposisikan, SOP Penerbitan Email Kedinasan langkah 3' },
  { username: 'kabid.ikp', name: 'Nanda Kurniawan, S.I.Kom.', nip: '198502212010011009', nik: '3503012102850001', pangkat: 'Penata Tingkat I', golongan: 'III/d', whatsapp: '081200000047', position: 'kabid-ikp', roles: drafterVerifier, note: 'Kabid Informasi dan Komunikasi Publik: penerima disposisi kedua' },
  { username: 'kasi.kamsinfo', name: 'Dian Permata, S.T.', nip: '198812102011012007', nik: '3503015012880001', pangkat: 'Penata', golongan: 'III/c', whatsapp: '081200000044', position: 'kasi-kip', roles: drafterVerifier, note: 'Kasi Keamanan Informasi: memeriksa kelengkapan, SOP Penerbitan Email Kedinasan langkah 4' },
  { username: 'admin.email', name: 'Rizky Firmansyah, S.Kom.', nip: '199403282019031008', nik: '3503012803940001', pangkat: 'Penata Muda', golongan: 'III/a', whatsapp: '081200000045', position: 'admin-email', roles: ['admin_email', 'drafter'], note: 'Admin Email (ASN): membuat akun e-mail, SOP Penerbitan Email Kedinasan langkah 5' },
  { username: 'ra.persandian', name: 'Hendro Wibisono, S.Kom.', nip: '198805162014031002', nik: '3503011605880001', pangkat: 'Penata', golongan: 'III/c', whatsapp: '081200000048', position: 'sandiman', roles: [['registration_authority', null]], note: 'Otoritas pendaftaran (RA) TTE: menyetujui pendaftaran ulang kunci TTE setelah admin mengatur ulang akun, sebagai orang kedua (wajib 2FA)' },
  { username: 'petugas.pii', name: 'Sri Handayani', nip: '198907072012122002', nik: '3503014707890001', pangkat: 'Penata Muda Tingkat I', golongan: 'III/b', whatsapp: '081200000046', position: 'petugas-pii', roles: ['pii_officer'], note: 'Petugas khusus penyimpan berkas data pribadi, SOP Penerbitan Email Kedinasan' },
];
