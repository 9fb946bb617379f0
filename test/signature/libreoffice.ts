// A letter as the product makes them: a .docx (generated with `docx`) converted by LibreOffice,
// carrying the signature marker in tiny white text.
import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { SIGNATURE_MARKER } from '../../src/shared/markers.js';
import { run } from './tools.js';

export async function libreOfficeLetter(dir: string, paragraphs = 70): Promise<Buffer> {
  fs.mkdirSync(dir, { recursive: true });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'PEMERINTAH KABUPATEN CONTOH', bold: true, size: 28 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'DINAS KOMUNIKASI DAN INFORMATIKA', bold: true, size: 24 })] }),
          new Paragraph({ children: [new TextRun('Nomor: 000.1/123/406.020/2026')] }),
          ...Array.from({ length: paragraphs }, (_, i) => new Paragraph({ children: [new TextRun(`${i + 1}. Dengan hormat, bersama ini kami mengundang Bapak/Ibu untuk menghadiri rapat koordinasi tata naskah dinas elektronik.`)] })),
          new Paragraph({ indent: { left: 4800 }, children: [new TextRun('Kepala Dinas Komunikasi dan Informatika,')] }),
          new Paragraph({ indent: { left: 4800 }, children: [new TextRun({ text: SIGNATURE_MARKER, size: 4, color: 'FFFFFF' })] }),
          new Paragraph({ indent: { left: 4800 }, children: [new TextRun('Edi Hariyanto, S.Sos., M.Si.')] }),
        ],
      },
    ],
  });
  const docx = path.join(dir, 'surat.docx');
  fs.writeFileSync(docx, await Packer.toBuffer(doc));
  const r = run('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, docx]);
  const pdf = path.join(dir, 'surat.pdf');
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice conversion failed: ${r.out}`);
  return fs.readFileSync(pdf);
}
