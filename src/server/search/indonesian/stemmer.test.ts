import { describe, expect, it } from 'vitest';
import { fold, rootDictionary, stemOf, stems, tokenize, tsvectorLiteral } from './analyzer.js';

// Word pairs that a search for one must find the other by (same stem), and pairs that must stay
// apart. The first rows are the failures of PostgreSQL's rule-only `indonesian` configuration.
const MUST_MATCH: Array<[string, string]> = [
  ['pemusnahan', 'musnah'],
  ['pengiriman', 'kirim'],
  ['didisposisikan', 'disposisi'],
  ['kepegawaian', 'pegawai'],
  ['pengangkatan', 'angkat'],
  ['pemberkasan', 'berkas'],
  ['penyusutan', 'susut'],
  ['peminjaman', 'pinjam'],
  ['pengembalian', 'kembali'],
  ['keputusan', 'putus'],
  ['perencanaan', 'rencana'],
  ['pelaksanaan', 'laksana'],
  ['penyelesaian', 'selesai'],
  ['permohonan', 'mohon'],
  ['pelayanan', 'layanan'],
  ['pendaftaran', 'daftar'],
  ['kependudukan', 'penduduk'],
  ['pembangunan', 'bangun'],
  ['keuangan', 'uang'],
  ['undangan', 'mengundang'],
  ['kegiatan', 'giat'],
  ['pertimbangan', 'menimbang'],
  ['dimusnahkan', 'pemusnahan'],
  ['ditandatangani', 'tandatangan'],
  ['menindaklanjuti', 'tindaklanjut'],
  ['kearsipan', 'arsip'],
  ['diarsipkan', 'arsip'],
  ['penyerahan', 'serah'],
  ['diserahkan', 'menyerahkan'],
  ['pemeriksaan', 'periksa'],
  ['pengadaan', 'ada'],
  ['surat-surat', 'surat'],
  ['suratnya', 'surat'],
  ['mengirimkan', 'kiriman'],
  ['verifikasi', 'verifikasi'],
  ['Pemusnahan', 'MUSNAH'],
  ['menyetujui', 'persetujuan'],
  ['mengetahui', 'diketahui'],
  ['pemerintah', 'pemerintahan'],
  ['bertanya-tanya', 'tanya'],
];
const MUST_NOT_MATCH: Array<[string, string]> = [
  ['perangkat', 'pengangkatan'],
  ['perangkat', 'angkat'],
  ['disposisi', 'posisi'],
  ['pegawai', 'gawai'],
  ['berkas', 'kas'],
  ['pemerintah', 'mata'],
  ['pelajar', 'lajar'],
  ['kirim', 'irim'],
  ['musnah', 'usnah'],
  ['arsip', 'sip'],
];

describe('Indonesian stemmer (dictionary-based Nazief–Adriani)', () => {
  it('loads the root-word list', () => {
    const d = rootDictionary();
    expect(d.has('musnah')).toBe(true);
    expect(d.has('pemusnahan')).toBe(false);
  });

  it.each(MUST_MATCH)('%s matches %s', (a, b) => {
    expect(stemOf(fold(a))).toBe(stemOf(fold(b)));
  });

  it.each(MUST_NOT_MATCH)('%s does not match %s', (a, b) => {
    expect(stemOf(fold(a))).not.toBe(stemOf(fold(b)));
  });

  it('keeps unknown words, codes and numbers whole', () => {
    expect(stemOf('xqzwv')).toBe('xqzwv');
    expect(stemOf('000.8.3.3')).toBe('000.8.3.3');
    expect(stems('Nomor 000.8.3.3/839/SOP/406.020/2024')).toEqual(['nomor', '000.8.3.3', '839', 'sop', '406.020', '2024']);
  });

  it('drops stopwords and folds case and marks', () => {
    expect(stems('Surat yang DIKIRIMKAN kepada Bupati')).toEqual(['surat', 'kirim', 'bupati']);
    expect(fold('Café RÉSUMÉ')).toBe('cafe resume');
  });

  it('tokens keep offsets into the original text', () => {
    const text = 'Hal: Pemusnahan Arsip';
    const t = tokenize(text);
    expect(t.map((x) => text.slice(x.start, x.end))).toEqual(['Hal', 'Pemusnahan', 'Arsip']);
  });

  it('builds tsvector literals with weights and positions', () => {
    expect(tsvectorLiteral([{ terms: ['surat', 'musnah'], weight: 'A' }, { terms: ['surat'], weight: 'D' }])).toBe("'surat':1A,13 'musnah':2A");
  });
});
