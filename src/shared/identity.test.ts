import { describe, expect, it } from 'vitest';
import { formatNip, normaliseWhatsapp, parseNik, parseNip } from './identity.js';
import { demoUsers } from '../server/org/demoOrg.js';

describe('NIP', () => {
  it('accepts the printed form with spaces and decodes it', () => {
    const r = parseNip('19771027 200312 1 005');
    expect(r).toEqual({ ok: true, nip: '197710272003121005', parts: { birthDate: '1977-10-27', appointedMonth: '2003-12', sex: 'L', sequence: '005' } });
    expect(formatNip('197710272003121005')).toBe('19771027 200312 1 005');
  });
  it.each([
    ['12345', 'NIP harus 18 digit angka'],
    ['197713272003121005', 'Tanggal lahir pada NIP tidak valid'],
    ['197710272003131005', 'TMT pengangkatan pada NIP tidak valid'],
    ['197710272003123005', 'Digit jenis kelamin pada NIP harus 1 atau 2'],
    ['197710272003121000', 'Nomor urut pada NIP tidak boleh 000'],
  ])('refuses %s: %s', (nip, reason) => {
    expect(parseNip(nip)).toEqual({ ok: false, reason });
  });
  it('every demo account has a valid NIP and NIK', () => {
    for (const u of demoUsers) {
      if (u.nip) expect(parseNip(u.nip).ok, u.username).toBe(true);
      expect(parseNik(u.nik).ok, u.username).toBe(true);
    }
  });
});

describe('NIK and WhatsApp', () => {
  it('accepts women’s NIK (day + 40) and refuses bad dates', () => {
    expect(parseNik('3372014806930001').ok).toBe(true);
    expect(parseNik('3372019906930001')).toEqual({ ok: false, reason: 'Tanggal lahir pada NIK tidak valid' });
    expect(parseNik('33720148069300')).toEqual({ ok: false, reason: 'NIK harus 16 digit angka' });
  });
  it('normalises Indonesian mobile numbers to 62…', () => {
    expect(normaliseWhatsapp('0812-3456-7890')).toEqual({ ok: true, number: '6281234567890' });
    expect(normaliseWhatsapp('+62 812 3456 7890')).toEqual({ ok: true, number: '6281234567890' });
    expect(normaliseWhatsapp('0271123456').ok).toBe(false);
  });
});
