// Suggestions for an incoming letter's number, date, hal (subject), sifat and lampiran, read
// from its OCR text. Pure: text in, suggestions out. The records officer sees them prefilled
// and corrects them before saving, so a wrong guess costs a keystroke, a missing one nothing.
//
// Indonesian letters (Permendagri 1/2023, korespondensi shape) put "Tempat, tanggal" at the
// right, then a block "Nomor : … / Sifat : … / Lampiran : … / Hal : …"; decrees (judul shape)
// carry "NOMOR …" under the title. OCR adds noise: "Nomer", "N0mor", "No.", ";" for ":", "Ha1",
// "Perihal", broken lines in the hal, "Pebruari"/"Nopember" spellings.

export interface LetterSuggestions {
  /** The sender's letter number, e.g. "800.1.11.1/427/406.020/2026". */
  nomor: string | null;
  /** The letter date as YYYY-MM-DD. */
  tanggal: string | null;
  /** The date as written ("14 Oktober 2026"), to show beside the suggestion. */
  tanggalTertulis: string | null;
  hal: string | null;
  sifat: 'Biasa' | 'Terbatas' | 'Rahasia' | 'Sangat Rahasia' | null;
  lampiran: string | null;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, pebruari: 2, feb: 2, peb: 2, febr: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, agst: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

// A label, optional OCR separator noise, then the value. ":" is often read as ";", "|" or "."
const SEP = String.raw`\s*[:;|.]?\s*[:;|]?\s*`;
const LABEL_NOMOR = new RegExp(String.raw`^\s*(?:n[o0]m[o0e]r|n[o0]\.?)(?![a-z])${SEP}(.+)$`, 'i');
const LABEL_HAL = new RegExp(String.raw`^\s*(?:perihal|ha[l1i|])(?![a-z])${SEP}(.*)$`, 'i');
const LABEL_SIFAT = new RegExp(String.raw`^\s*sifat(?![a-z])${SEP}(.+)$`, 'i');
const LABEL_LAMPIRAN = new RegExp(String.raw`^\s*lamp(?:iran)?(?![a-z])${SEP}(.+)$`, 'i');
const LABEL_TANGGAL = new RegExp(String.raw`^\s*tanggal(?![a-z])${SEP}(.+)$`, 'i');
/** Lines that end a multi-line hal: the next label, the addressee, the salutation. */
const BLOCK_END = /^\s*(?:n[o0]m[o0e]r|sifat|lamp(?:iran)?|kepada|yth|dengan hormat|di\s|tanggal|tembusan)\b/i;

function normaliseLine(l: string): string {
  return l.replace(/[\u00a0\t]/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+$/, '');
}

/** A letter number: slashes between codes; OCR may add spaces around slashes. */
function cleanNomor(raw: string): string | null {
  // OCR reads stray marks before the colon ("Nomor — : 800/…"): start at the first letter or digit.
  let v = raw.trim().replace(/^[^\p{L}\p{N}]+/u, '').replace(/\s*\/\s*/g, '/').replace(/\s{2,}/g, ' ');
  // Stop at a second label on the same line ("Nomor : 123/X/2026   Lampiran : -").
  v = v.split(/\s{2,}|\s(?=(?:lampiran|sifat|hal|perihal|tanggal)\s*[:;])/i)[0]!.trim();
  v = v.replace(/[.,;:]+$/, '');
  if (!/\d/.test(v)) return null;
  if (v.length < 3 || v.length > 80) return null;
  // Letter numbers are codes joined by slashes; "No. Telp. (0355) 791234" is not one.
  if (!v.includes('/') || /^(?:telp|tlp|telepon|hp|fax|faks|wa|rek|kode pos)\b/i.test(v)) return null;
  return v;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** "14 Oktober 2026", "14 Okt. 2026", "14-10-2026", "14/10/2026", "2026-10-14" → ISO. */
export function parseIndonesianDate(text: string): { iso: string; raw: string } | null {
  const named = /(\d{1,2})\s*[-.\s]\s*([A-Za-z]{3,9})\.?\s*[-.\s]\s*((?:19|20)\d{2})/.exec(text);
  if (named) {
    const m = MONTHS[named[2]!.toLowerCase()];
    const d = Number(named[1]);
    const y = Number(named[3]);
    if (m && isValidDate(y, m, d)) return { iso: iso(y, m, d), raw: named[0].replace(/\s+/g, ' ').trim() };
  }
  const dmy = /\b(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})\b/.exec(text);
  if (dmy) {
    const d = Number(dmy[1]);
    const m = Number(dmy[2]);
    const y = Number(dmy[3]);
    if (isValidDate(y, m, d)) return { iso: iso(y, m, d), raw: dmy[0] };
  }
  const ymd = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b/.exec(text);
  if (ymd) {
    const y = Number(ymd[1]);
    const m = Number(ymd[2]);
    const d = Number(ymd[3]);
    if (isValidDate(y, m, d)) return { iso: iso(y, m, d), raw: ymd[0] };
  }
  return null;
}

function parseSifat(raw: string): LetterSuggestions['sifat'] {
  const v = raw.toLowerCase();
  if (/sangat\s*rahasia/.test(v)) return 'Sangat Rahasia';
  if (/rahasia/.test(v)) return 'Rahasia';
  if (/terbatas/.test(v)) return 'Terbatas';
  // "Segera" / "Penting" are urgency words some offices still write under Sifat: not a sifat.
  if (/biasa/.test(v)) return 'Biasa';
  return null;
}

/** The hal value without a right-column word OCR merged into the line ("…  Kepada"). */
function cleanHal(raw: string): string {
  return cleanValue(raw.split(/\s{3,}|\s+(?=(?:kepada|yth)\b)/i)[0]!);
}

function cleanValue(raw: string): string {
  const v = raw.replace(/\s{2,}/g, ' ').trim();
  return v === '-' ? v : v.replace(/^[\s:;|.-]+/, '').trim();
}

export function suggestLetterFields(text: string): LetterSuggestions {
  // Two labels on one line ("Nomor : …      Lampiran : -") become two lines.
  const lines = text
    .split(/\r?\n|\f/)
    .flatMap((l) => l.split(/\s{3,}(?=(?:n[o0]m[o0e]r|sifat|lamp(?:iran)?|ha[l1]|perihal|tanggal)\s*[:;])/i))
    .map(normaliseLine);
  const out: LetterSuggestions = { nomor: null, tanggal: null, tanggalTertulis: null, hal: null, sifat: null, lampiran: null };
  let placeDate: { iso: string; raw: string } | null = null;
  let labelledDate: { iso: string; raw: string } | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;

    if (!out.nomor) {
      const m = LABEL_NOMOR.exec(line);
      if (m) {
        const v = cleanNomor(m[1]!);
        if (v) out.nomor = v;
      }
    }
    if (!out.sifat) {
      const m = LABEL_SIFAT.exec(line);
      if (m) out.sifat = parseSifat(m[1]!);
    }
    if (!out.lampiran) {
      const m = LABEL_LAMPIRAN.exec(line);
      if (m) {
        const v = cleanValue(m[1]!);
        if (v) out.lampiran = v === '-' || /^tidak ada$/i.test(v) ? '-' : v;
      }
    }
    if (!labelledDate) {
      const m = LABEL_TANGGAL.exec(line);
      if (m) labelledDate = parseIndonesianDate(m[1]!);
    }
    if (!out.hal) {
      const m = LABEL_HAL.exec(line);
      if (m) {
        const parts = [cleanHal(m[1]!)];
        // A long hal continues on the next lines (under the value) until a blank line or the
        // next block (Kepada / Yth. / Dengan hormat / another label).
        for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
          const next = lines[j]!;
          if (!next.trim()) {
            if (parts.join('').length === 0) continue;
            break;
          }
          if (BLOCK_END.test(next) || /^[^:]{0,20}:\s*\S/.test(next) || next.trim().length > 90) break;
          parts.push(cleanHal(next));
        }
        const hal = parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
        if (hal.length >= 3) out.hal = hal.slice(0, 500);
      }
    }
    // "Trenggalek, 14 Oktober 2026": a place name, a comma, a date: the letter date.
    if (!placeDate) {
      const m = /^\s*([A-Z][A-Za-z.' -]{2,40}),\s*(.+)$/.exec(line);
      if (m && !/^\s*(?:jalan|jl)\b/i.test(m[1]!)) {
        const d = parseIndonesianDate(m[2]!);
        if (d) placeDate = d;
      }
    }
  }
  // A decree's "NOMOR 12 TAHUN 2026" has no slash: accept it only in that shape.
  if (!out.nomor) {
    const m = /\bNOMOR\s+(\d{1,5}\s+TAHUN\s+(?:19|20)\d{2})\b/.exec(text);
    if (m) out.nomor = m[1]!.replace(/\s+/g, ' ');
  }
  const date = placeDate ?? labelledDate;
  if (date) {
    out.tanggal = date.iso;
    out.tanggalTertulis = date.raw;
  }
  return out;
}
