import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a BOM, CRLF lines and the chosen separator', () => {
    expect(toCsv(['a', 'b'], [[1, null]], { separator: ';' })).toBe('\uFEFFa;b\r\n1;\r\n');
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });

  it('quotes cells holding the separator, quotes or line breaks', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps user text from running as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('400.12.2/17/410.20/2026')).toBe('400.12.2/17/410.20/2026');
  });
});
