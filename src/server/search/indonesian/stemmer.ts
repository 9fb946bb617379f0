// Dictionary-based Nazief–Adriani stemmer for Indonesian, in the "enhanced confix stripping"
// form Sastrawi popularised (Asian 2007; Arifin et al. 2009): strip inflectional particles,
// possessives and derivational suffixes, then up to three derivational prefixes with the
// disambiguation rules of the morphophonemic prefixes (me-, pe-, ber-, ter- …), checking the
// root-word dictionary after every step; when nothing is found, suffixes are restored one by one
// ("pengembalian akhiran"). A word that never reaches a dictionary root is returned unchanged:
// an unknown word is better kept whole than cut into a false root.
//
// Written for Naskah from the published algorithm; no Sastrawi code or dictionary is used.

export interface RootDictionary {
  has(word: string): boolean;
}

type RemovalKind = 'particle' | 'possessive' | 'suffix' | 'prefix';
interface Removal {
  kind: RemovalKind;
  /** The word before this removal. */
  subject: string;
  /** The word after it. */
  result: string;
  removed: string;
}


/** A prefix rule: candidate roots for `word`, most likely first, or none when it does not apply. */
type PrefixRule = (word: string) => string[];

const re = (pattern: RegExp, build: (m: RegExpMatchArray) => Array<string | null>): PrefixRule => (word) => {
  const m = word.match(pattern);
  if (!m) return [];
  return build(m).filter((s): s is string => !!s && s.length > 0);
};

const C = '[bcdfghjklmnpqrstvwxyz]';
const CnoR = '[bcdfghjklmnpqstvwxyz]';
const Vx = '[aiueo]';

// Numbering follows the ECS rule table (rule 22 was dropped by its authors).
const PREFIX_RULES: PrefixRule[] = [
  // 1: berV -> ber-V | be-rV
  re(new RegExp(`^ber(${Vx}.*)$`), (m) => [m[1]!, `r${m[1]}`]),
  // 2: berCAP -> ber-CAP, C != r, P != er
  re(new RegExp(`^ber(${CnoR})([a-z])(.*)$`), (m) => (m[3]!.startsWith('er') ? [] : [m[1]! + m[2]! + m[3]!])),
  // 3: berCAerV -> ber-CAerV, C != r
  re(new RegExp(`^ber(${CnoR})([a-z])er(${Vx}.*)$`), (m) => [`${m[1]}${m[2]}er${m[3]}`]),
  // 4: belajar -> bel-ajar
  (w) => (w === 'belajar' ? ['ajar'] : []),
  // 5: beC1erC2 -> be-C1erC2, C1 != r, l
  re(new RegExp(`^be([bcdfghjkmnpqstvwxyz])er(${C}.*)$`), (m) => [`${m[1]}er${m[2]}`]),
  // 6: terV -> ter-V | te-rV
  re(new RegExp(`^ter(${Vx}.*)$`), (m) => [m[1]!, `r${m[1]}`]),
  // 7: terCerV -> ter-CerV, C != r
  re(new RegExp(`^ter(${CnoR})er(${Vx}.*)$`), (m) => [`${m[1]}er${m[2]}`]),
  // 8: terCP -> ter-CP, C != r, P != er
  re(new RegExp(`^ter(${CnoR})(.*)$`), (m) => (m[2]!.startsWith('er') ? [] : [m[1]! + m[2]!])),
  // 9: teC1erC2 -> te-C1erC2, C1 != r
  re(new RegExp(`^te(${CnoR})er(${C}.*)$`), (m) => [`${m[1]}er${m[2]}`]),
  // 10: me{l|r|w|y}V -> me-{l|r|w|y}V
  re(new RegExp(`^me([lrwy]${Vx}.*)$`), (m) => [m[1]!]),
  // 11: mem{b|f|v} -> mem-{b|f|v}
  re(/^mem([bfv].*)$/, (m) => [m[1]!]),
  // 12: mempe -> mem-pe
  re(/^mem(pe.*)$/, (m) => [m[1]!]),
  // 13: mem{rV|V} -> me-m{rV|V} | me-p{rV|V}
  re(new RegExp(`^mem((?:r)?${Vx}.*)$`), (m) => [`m${m[1]}`, `p${m[1]}`]),
  // 14: men{c|d|j|s|z} -> men-{c|d|j|s|z}
  re(/^men([cdjsz].*)$/, (m) => [m[1]!]),
  // 15: menV -> me-nV | me-tV
  re(new RegExp(`^men(${Vx}.*)$`), (m) => [`n${m[1]}`, `t${m[1]}`]),
  // 16: meng{g|h|q|k} -> meng-{g|h|q|k}
  re(/^meng([ghqk].*)$/, (m) => [m[1]!]),
  // 17: mengV -> meng-V | meng-kV | menge-C (monosyllabic roots: mengebom)
  re(new RegExp(`^meng(${Vx}.*)$`), (m) => [m[1]!, `k${m[1]}`, m[1]!.startsWith('e') ? m[1]!.slice(1) : null]),
  // 18: menyV -> meny-sV | me-nyV
  re(new RegExp(`^meny(${Vx}.*)$`), (m) => [`s${m[1]}`, `ny${m[1]}`]),
  // 19: mempA -> mem-pA, A != e
  re(/^mem(p[abcdfghijklmnopqrstuvwxyz].*)$/, (m) => [m[1]!]),
  // 20: pe{w|y}V -> pe-{w|y}V
  re(new RegExp(`^pe([wy]${Vx}.*)$`), (m) => [m[1]!]),
  // 21: perV -> per-V | pe-rV
  re(new RegExp(`^per(${Vx}.*)$`), (m) => [m[1]!, `r${m[1]}`]),
  // 23: perCAP -> per-CAP, C != r, P != er
  re(new RegExp(`^per(${CnoR})([a-z])(.*)$`), (m) => (m[3]!.startsWith('er') ? [] : [m[1]! + m[2]! + m[3]!])),
  // 24: perCAerV -> per-CAerV, C != r
  re(new RegExp(`^per(${CnoR})([a-z])er(${Vx}.*)$`), (m) => [`${m[1]}${m[2]}er${m[3]}`]),
  // 25: pem{b|f|v} -> pem-{b|f|v}
  re(/^pem([bfv].*)$/, (m) => [m[1]!]),
  // 26: pem{rV|V} -> pe-m{rV|V} | pe-p{rV|V}
  re(new RegExp(`^pem((?:r)?${Vx}.*)$`), (m) => [`m${m[1]}`, `p${m[1]}`]),
  // 27: pen{c|d|j|s|z} -> pen-{c|d|j|s|z}
  re(/^pen([cdjsz].*)$/, (m) => [m[1]!]),
  // 28: penV -> pe-nV | pe-tV
  re(new RegExp(`^pen(${Vx}.*)$`), (m) => [`n${m[1]}`, `t${m[1]}`]),
  // 29: peng{g|h|q|k} -> peng-{g|h|q|k}
  re(/^peng([ghqk].*)$/, (m) => [m[1]!]),
  // 30: pengV -> peng-V | peng-kV | penge-C
  re(new RegExp(`^peng(${Vx}.*)$`), (m) => [m[1]!, `k${m[1]}`, m[1]!.startsWith('e') ? m[1]!.slice(1) : null]),
  // 31: penyV -> peny-sV | pe-nyV
  re(new RegExp(`^peny(${Vx}.*)$`), (m) => [`s${m[1]}`, `ny${m[1]}`]),
  // 32: pelV -> pe-lV (pelajar -> ajar)
  re(new RegExp(`^pel(${Vx}.*)$`), (m) => (m[0] === 'pelajar' ? ['ajar'] : [`l${m[1]}`])),
  // 33: peCerV -> per-erV, C not in {r,w,y,l,m,n}
  re(new RegExp(`^pe([bcdfghjkpqstvxz])er(${Vx}.*)$`), (m) => [`${m[1]}er${m[2]}`]),
  // 34: peCP -> pe-CP, C not in {r,w,y,l,m,n}, P != er
  re(/^pe([bcdfghjkpqstvxz])(.*)$/, (m) => (m[2]!.startsWith('er') ? [] : [m[1]! + m[2]!])),
  // 35: terC1erC2 -> ter-C1erC2, C1 != r
  re(new RegExp(`^ter(${CnoR})(er${C}.*)$`), (m) => [m[1]! + m[2]!]),
  // 36: peC1erC2 -> pe-C1erC2, C1 not in {r,w,y,l,m,n}
  re(new RegExp(`^pe([bcdfghjkpqstvxz])(er${C}.*)$`), (m) => [m[1]! + m[2]!]),
  // 41, 42: ku-, kau- (proclitic pronouns)
  re(/^kau(.+)$/, (m) => [m[1]!]),
  re(/^ku(.+)$/, (m) => [m[1]!]),
];

/** Confixes that Indonesian morphology never forms (ECS): a prefix is not stripped with such a suffix. */
const DISALLOWED_CONFIX: Record<string, string[]> = { be: ['i'], di: ['an'], ke: ['i', 'kan'], me: ['an'], se: ['i', 'kan'], te: ['an'] };

/** Words for which prefixes are tried before suffixes (ECS precedence adjustment). */
const PREFIX_FIRST = [/^be.*lah$/, /^be.*an$/, /^me.*i$/, /^di.*i$/, /^pe.*i$/, /^ter.*i$/];

class StemRun {
  current: string;
  removals: Removal[] = [];
  constructor(
    readonly original: string,
    readonly dict: RootDictionary,
  ) {
    this.current = original;
  }
  found(): boolean {
    return this.dict.has(this.current);
  }
  remove(kind: RemovalKind, result: string): void {
    this.removals.push({ kind, subject: this.current, result, removed: kind === 'prefix' ? this.current.slice(0, this.current.length - result.length) : this.current.slice(result.length) });
    this.current = result;
  }
}

function removeSuffixes(r: StemRun): void {
  const steps: Array<[RemovalKind, RegExp]> = [
    // "-tah" is left out: archaic, and it turns pemerin-tah into a false root.
    ['particle', /-?(lah|kah|pun)$/],
    ['possessive', /-?(ku|mu|nya)$/],
    ['suffix', /(kan|an|i)$/],
  ];
  for (const [kind, pattern] of steps) {
    const next = r.current.replace(pattern, '');
    // Never leave fewer than 3 letters ("kami" is not "kam" + "-i").
    if (next !== r.current && next.length >= 3) {
      r.remove(kind, next);
      if (r.found()) return;
    }
  }
}

function removedSuffix(r: StemRun): string | undefined {
  return r.removals.find((x) => x.kind === 'suffix')?.removed;
}

function prefixAllowed(r: StemRun, prefix: string): boolean {
  const sfx = removedSuffix(r);
  const bad = DISALLOWED_CONFIX[prefix];
  if (sfx && bad?.includes(sfx)) return false;
  // The same prefix twice ("di-di-") is not Indonesian.
  return !r.removals.some((x) => x.kind === 'prefix' && x.removed === prefix);
}

/** One prefix removal: plain di-/ke-/se-, else the first rule that applies (preferring a dictionary root). */
function removeOnePrefix(r: StemRun): boolean {
  const w = r.current;
  const plain = w.match(/^(di|ke|se)(.{3,})$/);
  if (plain && prefixAllowed(r, plain[1]!)) {
    r.remove('prefix', plain[2]!);
    return true;
  }
  const family = w.slice(0, 2);
  if (!prefixAllowed(r, family) && (family === 'be' || family === 'me' || family === 'te')) return false;
  for (const rule of PREFIX_RULES) {
    const candidates = rule(w).filter((c) => c.length >= 3);
    if (!candidates.length) continue;
    // A root now, else a root once a suffix goes (menyetujui: nyetujui / setujui -> setuju), else the first.
    const pick = candidates.find((c) => r.dict.has(c)) ?? candidates.find((c) => r.dict.has(c.replace(/(kan|an|i)$/, ''))) ?? candidates[0]!;
    r.remove('prefix', pick);
    return true;
  }
  return false;
}

function removePrefixes(r: StemRun): void {
  for (let i = 0; i < 3; i++) {
    if (r.current.length <= 3) return;
    if (!removeOnePrefix(r)) return;
    if (r.found()) return;
    // A root is one suffix away (menyetujui -> setujui): the suffix step takes it from here.
    const bare = r.current.replace(/(kan|an|i)$/, '');
    if (bare !== r.current && bare.length >= 3 && r.dict.has(bare)) return;
  }
}

/** ECS "loop pengembalian akhiran": give back prefixes, then put suffixes back one at a time. */
function restoreSuffixes(r: StemRun): void {
  const firstPrefix = r.removals.find((x) => x.kind === 'prefix');
  if (firstPrefix) {
    r.current = firstPrefix.subject;
    r.removals = r.removals.filter((x) => x.kind !== 'prefix');
  }
  const saved = [...r.removals];
  const savedWord = r.current;
  for (const removal of [...saved].reverse()) {
    if (removal.kind === 'prefix') continue;
    // The suffix given back no longer counts for the confix check.
    const others = saved.filter((x) => x !== removal);
    if (removal.removed === 'kan') {
      // "-kan" may have been "-k" of the root + "-an" (kependuduk-an).
      r.removals = [...others, { ...removal, result: `${removal.result}k`, removed: 'an' }];
      r.current = `${removal.result}k`;
      removePrefixes(r);
      if (r.found()) return;
      r.current = `${removal.result}kan`;
    } else {
      r.current = removal.subject;
    }
    r.removals = others;
    removePrefixes(r);
    if (r.found()) return;
    r.removals = [...saved];
    r.current = savedWord;
  }
}

function stemSingular(word: string, dict: RootDictionary): string {
  if (word.length <= 3 || dict.has(word)) return word;
  const r = new StemRun(word, dict);
  if (PREFIX_FIRST.some((p) => p.test(word))) {
    removePrefixes(r);
    if (r.found()) return r.current;
    removeSuffixes(r);
    if (r.found()) return r.current;
    r.current = word;
    r.removals = [];
  }
  removeSuffixes(r);
  if (r.found()) return r.current;
  removePrefixes(r);
  if (r.found()) return r.current;
  restoreSuffixes(r);
  return r.found() ? r.current : word;
}

/**
 * The root of one lower-case word. Reduplications ("surat-surat", "bertanya-tanya") stem to the
 * shared root when both halves agree.
 */
export function stemWord(word: string, dict: RootDictionary): string {
  if (!/^[a-z]+(-[a-z]+)*$/.test(word)) return word;
  if (word.includes('-')) {
    if (dict.has(word)) return word;
    const parts = word.split('-');
    // "bertanya-tanya", "surat-menyurat": the root the halves share, else the first half's.
    const last = stemSingular(parts[parts.length - 1]!, dict);
    return dict.has(last) ? last : stemSingular(parts[0]!, dict);
  }
  return stemSingular(word, dict);
}
