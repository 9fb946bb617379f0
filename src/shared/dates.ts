// Calendar dates in the pemda's time zone. Pure: callers pass `now`.

/** "YYYY-MM-DD" of `now` in `timeZone`. */
export function isoDateIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
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
