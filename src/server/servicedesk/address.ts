// Official address suggestions from an applicant's name: titles and degrees dropped
// ("Dr. Budi Santoso, S.T., M.Kom." → budi.santoso), diacritics folded, only a-z0-9 . kept.

const PREFIX_TITLES = new Set(['dr', 'drs', 'dra', 'ir', 'h', 'hj', 'prof', 'kh', 'ny', 'tn', 'sdr', 'sdri', 'bpk', 'ibu', 'r', 'rr', 'raden']);

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The name without academic degrees (after the first comma) and honorific prefixes, as words. */
export function nameWords(fullName: string): string[] {
  const beforeDegrees = fullName.split(',')[0] ?? '';
  return fold(beforeDegrees)
    .replace(/['’]/g, '')
    .split(/[\s.-]+/)
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w.length > 0 && !PREFIX_TITLES.has(w));
}

/** Candidate local parts, best first: first.last, first.middle.last, firstlast, f.last, first.last2 … */
export function suggestLocalParts(fullName: string, max = 6): string[] {
  const w = nameWords(fullName);
  if (w.length === 0) return [];
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const out: string[] = [];
  const add = (s: string) => {
    const clean = s.replace(/\.{2,}/g, '.').replace(/^\.|\.$/g, '').slice(0, 64);
    if (clean.length >= 3 && !out.includes(clean)) out.push(clean);
  };
  if (w.length === 1) add(first);
  else {
    add(`${first}.${last}`);
    if (w.length > 2) add(w.join('.'));
    add(`${first}${last}`);
    add(`${first[0]}.${last}`);
    add(`${first}.${last[0]}`);
  }
  for (let n = 2; out.length < max; n++) add(`${w.length > 1 ? `${first}.${last}` : first}${n}`);
  return out.slice(0, max);
}

const LOCAL_RE = /^[a-z0-9](?:[a-z0-9._-]{1,62}[a-z0-9])?$/;

/** A local part the directories accept (lower-case letters, digits, . _ -; no dot at the ends, no ".."). */
export function validLocalPart(local: string): boolean {
  return LOCAL_RE.test(local) && !local.includes('..');
}
