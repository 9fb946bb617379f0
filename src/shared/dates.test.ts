import { describe, expect, it } from 'vitest';
import { greetingPart, hourIn, tanggalIndonesia, waktuIndonesia, zoneAbbreviation } from './dates.js';

describe('dates in the pemda zone', () => {
  it('long Indonesian dates and times, with the zone Indonesians name', () => {
    expect(tanggalIndonesia('2026-12-02')).toBe('2 Desember 2026');
    const at = new Date('2026-12-01T18:30:05Z');
    expect(waktuIndonesia(at, 'Asia/Jakarta')).toBe('2 Desember 2026 pukul 01.30.05 WIB');
    expect(waktuIndonesia(at, 'Asia/Makassar')).toBe('2 Desember 2026 pukul 02.30.05 WITA');
    expect(waktuIndonesia(at, 'Asia/Jayapura')).toBe('2 Desember 2026 pukul 03.30.05 WIT');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
  });

  it('greets by the hour in the pemda zone, not the browser zone: 01:30 WIB is malam', () => {
    const at = new Date('2026-12-01T18:30:00Z'); // 01:30 WIB, 18:30 UTC
    expect(hourIn('Asia/Jakarta', at)).toBe(1);
    expect(greetingPart(hourIn('Asia/Jakarta', at))).toBe('evening');
    expect(greetingPart(hourIn('Asia/Jakarta', new Date('2026-12-02T00:30:00Z')))).toBe('morning'); // 07:30
    expect(greetingPart(12)).toBe('noon');
    expect(greetingPart(16)).toBe('afternoon');
    expect(greetingPart(0)).toBe('evening');
  });
});
