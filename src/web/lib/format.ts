// Display formats civil servants expect: NIP with spaces, "Plt." before acting positions,
// dates in local time and the UI language.
import { formatNip as formatNip18 } from '../../shared/identity';
import i18n from '../i18n';
import type { HolderKind } from '../api/client';

export function formatNip(nip: string | null | undefined): string {
  if (!nip) return '–';
  return /^\d{18}$/.test(nip) ? formatNip18(nip) : nip;
}

/** "Plt." / "Plh." / "Pj." prefix for acting holders; nothing for definitif. */
export function holderPrefix(kind: HolderKind): string {
  return kind === 'plt' ? 'Plt.' : kind === 'plh' ? 'Plh.' : kind === 'pj' ? 'Pj.' : '';
}

export function positionTitle(kind: HolderKind, positionName: string): string {
  const p = holderPrefix(kind);
  return p ? `${p} ${positionName}` : positionName;
}

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'id-ID';
}

/** "21 November 2026" (dates from the API are YYYY-MM-DD calendar dates). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment in the user's local time: "21 Nov 2026 14.05". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '–';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

export function formatTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** "Chrome di Linux" from a user-agent string, good enough to recognise one's devices. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return i18n.t('profile.sessions.unknownDevice');
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\/|Chromium\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (!browser && !os) return ua.slice(0, 60);
  return i18n.t('profile.sessions.deviceDescr', { browser: browser ?? '?', os: os ?? '?' });
}

/** Secret in groups of four, as authenticator apps show and accept it. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

export function initials(name: string): string {
  const words = name
    .replace(/^(H|Hj|Dr|Drs|Dra|Ir|Prof)\.\s*/i, '')
    .split(/[\s,]+/)
    .filter((w) => w && !/\./.test(w));
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '?';
}
