// Quiet hours: notices wait until the recipient's quiet period ends. Pure (pass `now`).

function minutesOfDay(timeZone: string, now: Date): { minutes: number; seconds: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { minutes: get('hour') * 60 + get('minute'), seconds: get('second') };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When `now` lies in the quiet period [start, end) (which may wrap past midnight, e.g.
 * 21:00–06:00) in `timeZone`, the instant it ends; otherwise null.
 */
export function quietUntil(now: Date, timeZone: string, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const s = toMinutes(start);
  const e = toMinutes(end);
  const { minutes, seconds } = minutesOfDay(timeZone, now);
  const inside = s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
  if (!inside) return null;
  const wait = (e - minutes + 24 * 60) % (24 * 60);
  return new Date(now.getTime() + wait * 60_000 - seconds * 1000 - now.getMilliseconds());
}
