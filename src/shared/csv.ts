// CSV for spreadsheets: Excel opens a UTF-8 file correctly only with a byte-order mark, and in
// Indonesian locales (decimal comma) it splits columns on ';'. Pure: rows in, text out.

export type CsvSeparator = ',' | ';';

export interface CsvOptions {
  separator?: CsvSeparator;
  /** Prefix "\uFEFF" so Excel reads UTF-8 (default true). */
  bom?: boolean;
}

/**
 * A cell that starts with = + - @ (or a tab/CR) is a formula to Excel; prefixing an apostrophe
 * keeps user text (a letter's subject) from running as one (CSV injection).
 */
function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown, separator: CsvSeparator = ','): string {
  if (value === null || value === undefined) return '';
  const text = neutralise(String(value));
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>, opts: CsvOptions = {}): string {
  const sep = opts.separator ?? ',';
  const lines = [header, ...rows].map((r) => r.map((v) => csvCell(v, sep)).join(sep));
  return `${opts.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}
