// Suggestions from the text of real Indonesian letters: as tesseract (ind+eng) returned them
// for scanned letters, with their OCR noise, and a few shapes offices use.
import { describe, expect, it } from 'vitest';
import { parseIndonesianDate, suggestLetterFields } from './suggestLetterFields.js';

// The sidecar text ocrmypdf produced for a 200 dpi scan of a request letter (seed 004 shape).
const TESSERACT_REQUEST_LETTER = `PEMERINTAH KABUPATEN TRENGGALEK

DINAS PERUMAHAN, KAWASAN PERMUKIMAN DAN LINGKUNGAN HIDUP
Jalan Dr. Soetomo No. 12, Trenggalek 66311

Trenggalek, 14 Oktober 2026
Nomor  : 800.1.11.1/427/406.020/2026
Sifat : Biasa
Lampiran : 1 (satu) berkas
Hal : Permohonan Pembuatan Akun Surat
Elektronik Dinas

Yth. Kepala Dinas Komunikasi dan Informatika

di Trenggalek

Dengan hormat, bersama ini kami mengajukan permohonan pembuatan akun e-mail dinas

untuk pegawai kami. Nomor WhatsApp yang dapat dihubungi 0812-3456-7890.
`;

// An invitation with the kop's phone line, "Perihal", "Pebruari" and sifat "Penting".
const UNDANGAN_BANTUL = `PEMERINTAH KABUPATEN BANTUL
DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL
Jl. Lingkar Timur, Manding, Trirenggo, Bantul
No. Telp. (0274) 367509 Kode Pos 55714

Bantul, 5 Pebruari 2024
Nomor : 005/ 123 /Dukcapil/2024
Sifat : Penting
Lampiran : -
Perihal : Undangan Rapat Koordinasi Pelayanan Adminduk

Kepada
Yth. Camat se-Kabupaten Bantul
di -
Bantul
`;

// OCR of a skewed, low-contrast scan: "N0mor ;", "Ha1", spaces around slashes, "Nop", a right
// column merged into the hal line, the hal continuing on the next line.
const NOISY_CILACAP = `PEMERINTAH KABUPATEN CILACAP
DINAS PERUMAHAN DAN KAWASAN PERMUKIMAN

Cilacap, 2 Nop 2026
N0mor ; 600.1.15 / 0871 / 35.01 / 2026
Sifat ; Rahasia
Lamp : 2 (dua) lembar
Ha1 : Permohonan Data Rumah Tidak Layak        Kepada
Huni Tahun 2026
Yth. Kepala Dinas Sosial
`;

// A decree in the judul shape.
const KEPUTUSAN = `BUPATI TRENGGALEK
PROVINSI JAWA TIMUR

KEPUTUSAN BUPATI TRENGGALEK
NOMOR 188.45/ 231 /406.001/2026

TENTANG

PEMBENTUKAN TIM PENGELOLA NASKAH DINAS ELEKTRONIK

Ditetapkan di Trenggalek
pada tanggal 3 Maret 2026
`;

const PERATURAN = `PERATURAN BUPATI CONTOH
NOMOR 12 TAHUN 2026
TENTANG
TATA NASKAH DINAS
`;

describe('suggestLetterFields', () => {
  it('reads number, date, sifat, lampiran and a two-line hal from tesseract output', () => {
    expect(suggestLetterFields(TESSERACT_REQUEST_LETTER)).toEqual({
      nomor: '800.1.11.1/427/406.020/2026',
      tanggal: '2026-10-14',
      tanggalTertulis: '14 Oktober 2026',
      hal: 'Permohonan Pembuatan Akun Surat Elektronik Dinas',
      sifat: 'Biasa',
      lampiran: '1 (satu) berkas',
    });
  });

  it('ignores the kop phone line, reads "Perihal", old spellings, and does not take urgency for sifat', () => {
    const s = suggestLetterFields(UNDANGAN_BANTUL);
    expect(s.nomor).toBe('005/123/Dukcapil/2024');
    expect(s.tanggal).toBe('2024-02-05');
    expect(s.hal).toBe('Undangan Rapat Koordinasi Pelayanan Adminduk');
    expect(s.sifat).toBeNull();
    expect(s.lampiran).toBe('-');
  });

  it('tolerates OCR noise in labels and separators', () => {
    const s = suggestLetterFields(NOISY_CILACAP);
    expect(s.nomor).toBe('600.1.15/0871/35.01/2026');
    expect(s.tanggal).toBe('2026-11-02');
    expect(s.sifat).toBe('Rahasia');
    expect(s.lampiran).toBe('2 (dua) lembar');
    expect(s.hal).toBe('Permohonan Data Rumah Tidak Layak Huni Tahun 2026');
  });

  it('reads a decree number under the title and its "pada tanggal"', () => {
    const s = suggestLetterFields(KEPUTUSAN);
    expect(s.nomor).toBe('188.45/231/406.001/2026');
    expect(s.hal).toBeNull();
    const p = suggestLetterFields(PERATURAN);
    expect(p.nomor).toBe('12 TAHUN 2026');
  });

  it('suggests nothing for text that is not a letter', () => {
    expect(suggestLetterFields('Struk belanja\nTotal Rp 45.000\nTerima kasih')).toEqual({
      nomor: null,
      tanggal: null,
      tanggalTertulis: null,
      hal: null,
      sifat: null,
      lampiran: null,
    });
    expect(suggestLetterFields('')).toMatchObject({ nomor: null, hal: null });
  });

  it('skips stray marks tesseract read before the colon', () => {
    // Seen in a run on a loaded machine: "Nomor — : 800.1.11.1/427/406.020/2026".
    expect(suggestLetterFields('Nomor — : 800.1.11.1/427/406.020/2026').nomor).toBe('800.1.11.1/427/406.020/2026');
    expect(suggestLetterFields('Nomor _: 005/12/2026').nomor).toBe('005/12/2026');
  });

  it('keeps a same-line second label out of the number', () => {
    expect(suggestLetterFields('Nomor : 470/12/2026      Lampiran : -').nomor).toBe('470/12/2026');
    expect(suggestLetterFields('Nomor : 470/12/2026      Lampiran : -').lampiran).toBe('-');
  });
});

describe('parseIndonesianDate', () => {
  it('reads written and numeric dates, rejects impossible ones', () => {
    expect(parseIndonesianDate('14 Okt. 2026')?.iso).toBe('2026-10-14');
    expect(parseIndonesianDate('1 Agustus 2025')?.iso).toBe('2025-08-01');
    expect(parseIndonesianDate('31 Desember 2025')?.iso).toBe('2025-12-31');
    expect(parseIndonesianDate('05-02-2024')?.iso).toBe('2024-02-05');
    expect(parseIndonesianDate('05/02/2024')?.iso).toBe('2024-02-05');
    expect(parseIndonesianDate('2026-03-01')?.iso).toBe('2026-03-01');
    expect(parseIndonesianDate('30 Februari 2026')).toBeNull();
    expect(parseIndonesianDate('32-01-2026')).toBeNull();
    expect(parseIndonesianDate('tidak ada tanggal')).toBeNull();
  });
});
