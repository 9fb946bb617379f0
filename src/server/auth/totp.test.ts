import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUrl, totpCode, verifyTotp } from './totp.js';

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 SHA-1 test vectors (8 digits)', () => {
    const secret = Buffer.from('12345678901234567890');
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [t, code] of vectors) expect(hotp(secret, Math.floor(t / 30), 8)).toBe(code);
  });

  it('agrees with Debian oathtool for random secrets and times', () => {
    for (let i = 0; i < 20; i++) {
      const secret = generateTotpSecret();
      const t = new Date(Date.UTC(2026, 0, 1) + i * 7_777_777);
      const ours = totpCode(secret, t);
      const theirs = execFileSync('oathtool', ['--totp', '-b', `--now=${t.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`, secret], { encoding: 'utf8' }).trim();
      expect(ours).toBe(theirs);
    }
  });

  it('accepts one step of drift either way and nothing further', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-21T08:00:10Z');
    const code = (offsetSteps: number) => totpCode(secret, new Date(now.getTime() + offsetSteps * 30_000));
    expect(verifyTotp(secret, code(0), now)).not.toBeNull();
    expect(verifyTotp(secret, code(-1), now)).not.toBeNull();
    expect(verifyTotp(secret, code(1), now)).not.toBeNull();
    expect(verifyTotp(secret, code(-2), now)).toBeNull();
    expect(verifyTotp(secret, code(2), now)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('refuses a replayed code (step not after the last used one)', () => {
    const secret = generateTotpSecret();
    const now = new Date('2026-11-21T08:00:10Z');
    const step = verifyTotp(secret, totpCode(secret, now), now);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now), now, step)).toBeNull();
  });

  it('base32 round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...base32Decode(base32Encode(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('builds a Google Authenticator URI', () => {
    const url = otpauthUrl({ secret: 'JBSWY3DPEHPK3PXP', account: 'bupati', issuer: 'Naskah Kab Contoh' });
    expect(url).toBe('otpauth://totp/Naskah%20Kab%20Contoh%3Abupati?secret=JBSWY3DPEHPK3PXP&issuer=Naskah+Kab+Contoh&algorithm=SHA1&digits=6&period=30');
  });
});
