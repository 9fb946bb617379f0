// TOTP codes for e2e users. The server refuses a code whose 30-second step was already used, and
// accepts one step either side of now, so each call returns a code for a step not yet used,
// waiting for the next step when needed.
import { hotp, totpStep } from '../../../src/server/auth/totp.js';
import { base32Decode } from '../../../src/server/auth/totp.js';

const lastStep = new Map<string, number>();
const secrets = new Map<string, string>();

export function rememberTotpSecret(username: string, secret: string, enrolledAtStep?: number): void {
  secrets.set(username.toLowerCase(), secret.replace(/\s+/g, ''));
  if (enrolledAtStep !== undefined) lastStep.set(username.toLowerCase(), enrolledAtStep);
}

export function totpSecretOf(username: string): string | undefined {
  return secrets.get(username.toLowerCase());
}

/** A fresh, unused code for the user's enrolled secret. */
export async function nextTotpCode(username: string): Promise<string> {
  const key = username.toLowerCase();
  const secret = secrets.get(key);
  if (!secret) throw new Error(`no TOTP secret known for ${username}: enrol through the e2e helpers first`);
  for (;;) {
    const now = totpStep(new Date());
    const last = lastStep.get(key) ?? -Infinity;
    const step = Math.max(now, last + 1);
    if (step <= now + 1) {
      lastStep.set(key, step);
      return hotp(base32Decode(secret), step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The code a user would type right after scanning the QR (enrolment has no replay history). */
export function enrolmentCode(username: string, secret: string): string {
  const step = totpStep(new Date());
  rememberTotpSecret(username, secret, step);
  return hotp(base32Decode(secret.replace(/\s+/g, '')), step);
}
