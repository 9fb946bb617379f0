import { describe, expect, it } from 'vitest';
import { formatNip, groupSecret, initials, positionTitle } from './format';

describe('display formats', () => {
  it('prints a NIP as under a signature, leaves anything else alone', () => {
    expect(formatNip('197710272003121005')).toBe('19771027 200312 1 005');
    expect(formatNip(null)).toBe('–');
    expect(formatNip('12345')).toBe('12345');
  });

  it('puts Plt./Plh./Pj. before acting positions only', () => {
    expect(positionTitle('plt', 'Asisten Administrasi Umum')).toBe('Plt. Asisten Administrasi Umum');
    expect(positionTitle('plh', 'Kepala Dinas')).toBe('Plh. Kepala Dinas');
    expect(positionTitle('pj', 'Sekretaris Daerah')).toBe('Pj. Sekretaris Daerah');
    expect(positionTitle('definitif', 'Kepala Dinas')).toBe('Kepala Dinas');
  });

  it('groups a TOTP key by four for typing', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('takes initials without academic titles', () => {
    expect(initials('Dr. Bambang Wijaya, S.P., M.P.')).toBe('BW');
    expect(initials('Sahabiq Purnomo, S.H., M.H.')).toBe('SP');
    expect(initials('Nur Hidayah')).toBe('NH');
  });
});
