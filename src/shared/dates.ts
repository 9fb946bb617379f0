// Calendar dates in the pemda's time zone. Pure: callers pass `now`.

/** "YYYY-MM-DD" of `now` in `timeZone`. */
// Building an Intl.DateTimeFormat costs far more than using one; hot paths (a disposition tree's
// overdue flags, list pages) ask for "today" many times per request.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function isoDateIn(timeZone: string, now: Date): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function yearIn(timeZone: string, now: Date): number {
  return Number(isoDateIn(timeZone, now).slice(0, 4));
}

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "21 November 2026" from "2026-11-21", as letters write their date. */
export function tanggalIndonesia(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d || m < 1 || m > 12) throw new Error(`invalid date ${isoDate}`);
  return `${d} ${BULAN[m - 1]} ${y}`;
}

/** WIB / WITA / WIT for the three Indonesian zones; otherwise the zone's own short name. */
export function zoneAbbreviation(timeZone: string): string {
  const byZone: Record<string, string> = {
    'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA', 'Asia/Ujung_Pandang': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  if (byZone[timeZone]) return byZone[timeZone];
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(0)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "2 Desember 2026 pukul 01.30.05 WIB": a moment as Indonesians read it, in the pemda's zone. */
export function waktuIndonesia(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
  return `${tanggalIndonesia(isoDateIn(timeZone, at))} pukul ${time.replace(/:/g, '.')} ${zoneAbbreviation(timeZone)}`;
}

/** The hour (0–23) of `now` in `timeZone`. */
export function hourIn(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now)) % 24;
}

/** Salam by the hour as Indonesians use it: pagi until 10, siang until 14, sore until 17, malam from 18 to 03. */
export function greetingPart(hour: number): 'morning' | 'noon' | 'afternoon' | 'evening' {
  if (hour >= 4 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 15) return 'noon';
  if (hour >= 15 && hour < 18) return 'afternoon';
  return 'evening';
}
