// The classification CSV as regions keep it (one row per code with its JRA), pure: reading a
// row into fields with Indonesian reasons, and writing rows for the export. The export's
// columns are the import's, so an exported file imports back unchanged.
import { toCsv, type CsvSeparator } from '../../shared/csv.js';
import { classificationCodeProblem, DISPOSITION_LABELS, parseDisposition, parseRetentionYears, type Disposition } from './classificationCode.js';

export const CLASSIFICATION_COLUMNS = ['kode', 'nama', 'keterangan', 'retensi_aktif', 'retensi_inaktif', 'keterangan_akhir', 'dasar_hukum', 'aktif'] as const;
export type ClassificationColumn = (typeof CLASSIFICATION_COLUMNS)[number];
export const REQUIRED_CLASSIFICATION_COLUMNS: ClassificationColumn[] = ['kode', 'nama'];

export interface ParsedClassificationRow {
  code: string;
  /** Only the fields whose column is in the file; an empty cell clears the field (null). */
  fields: {
    name: string;
    description?: string | null;
    retentionActiveYears?: number | null;
    retentionInactiveYears?: number | null;
    finalDisposition?: Disposition | null;
    legalBasis?: string | null;
    active?: boolean;
  };
}

export interface RowProblem {
  column: ClassificationColumn;
  message: string;
}

const YES = new Set(['ya', 'y', 'true', '1', 'aktif']);
const NO = new Set(['tidak', 't', 'n', 'no', 'false', '0', 'nonaktif', 'non-aktif', 'tidak aktif']);

export function parseClassificationRow(header: readonly string[], r: Record<string, string>): { ok: true; row: ParsedClassificationRow } | { ok: false; problems: RowProblem[] } {
  const has = (c: ClassificationColumn) => header.includes(c);
  const cell = (c: ClassificationColumn) => (r[c] ?? '').trim();
  const problems: RowProblem[] = [];
  const code = cell('kode');
  const codeProblem = classificationCodeProblem(code);
  if (codeProblem) problems.push({ column: 'kode', message: codeProblem });
  const name = cell('nama').replace(/\s+/g, ' ');
  if (!name) problems.push({ column: 'nama', message: 'Kolom nama wajib diisi' });
  const fields: ParsedClassificationRow['fields'] = { name };
  if (has('keterangan')) fields.description = cell('keterangan') || null;
  if (has('dasar_hukum')) fields.legalBasis = cell('dasar_hukum') || null;
  for (const [col, key] of [
    ['retensi_aktif', 'retentionActiveYears'],
    ['retensi_inaktif', 'retentionInactiveYears'],
  ] as const) {
    if (!has(col)) continue;
    const y = parseRetentionYears(cell(col));
    if (y.ok) fields[key] = y.years;
    else problems.push({ column: col, message: `Kolom ${col}: ${y.reason}` });
  }
  if (has('keterangan_akhir')) {
    const v = cell('keterangan_akhir');
    if (!v || v === '-') fields.finalDisposition = null;
    else {
      const d = parseDisposition(v);
      if (d) fields.finalDisposition = d;
      else problems.push({ column: 'keterangan_akhir', message: `Keterangan akhir "${v}" tidak dikenal; isi musnah, permanen, atau dinilai kembali` });
    }
  }
  if (has('aktif')) {
    const v = cell('aktif').toLowerCase();
    if (YES.has(v)) fields.active = true;
    else if (NO.has(v)) fields.active = false;
    else if (v) problems.push({ column: 'aktif', message: `Kolom aktif "${cell('aktif')}" harus ya atau tidak` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, row: { code, fields } };
}

export interface ClassificationExportRow {
  code: string;
  name: string;
  description: string | null;
  retentionActiveYears: number | null;
  retentionInactiveYears: number | null;
  finalDisposition: Disposition | null;
  legalBasis: string | null;
  active: boolean;
}

export function classificationsToCsv(rows: ClassificationExportRow[], separator: CsvSeparator = ';'): string {
  return toCsv(
    CLASSIFICATION_COLUMNS,
    rows.map((r) => [
      r.code,
      r.name,
      r.description,
      r.retentionActiveYears,
      r.retentionInactiveYears,
      r.finalDisposition ? DISPOSITION_LABELS[r.finalDisposition].toLowerCase() : '',
      r.legalBasis,
      r.active ? 'ya' : 'tidak',
    ]),
    { separator },
  );
}
