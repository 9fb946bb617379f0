// The `separator` query parameter of every CSV export.
import { z } from 'zod';

export const CsvSeparatorQuery = z
  .enum(['semicolon', 'comma'])
  .default('semicolon')
  .transform((v) => (v === 'comma' ? (',' as const) : (';' as const)))
  .describe('Pemisah kolom: semicolon (bawaan, cocok untuk Excel berbahasa Indonesia) atau comma');
