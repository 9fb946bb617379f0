import { describe, expect, it } from 'vitest';
import { declaredPdfA } from './pdfaRendition.js';

const pdf = (xmp: string) => new Uint8Array(Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Metadata /Subtype /XML >>\nstream\n${xmp}\nendstream\nendobj\n%%EOF\n`, 'latin1'));

describe('declaredPdfA', () => {
  it('reads the PDF/A identification in both XMP spellings', () => {
    expect(declaredPdfA(pdf('<rdf:Description pdfaid:part="2" pdfaid:conformance="B"/>'))).toBe('2B');
    expect(declaredPdfA(pdf('<pdfaid:part>1</pdfaid:part><pdfaid:conformance>a</pdfaid:conformance>'))).toBe('1A');
    expect(declaredPdfA(pdf('<pdfaid:part>3</pdfaid:part>'))).toBe('3');
  });
  it('a PDF without it is no PDF/A', () => {
    expect(declaredPdfA(pdf('<dc:title>Surat</dc:title>'))).toBeNull();
    expect(declaredPdfA(pdf(''))).toBeNull();
  });
});
