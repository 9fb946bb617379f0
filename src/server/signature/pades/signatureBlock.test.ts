// The signed letter as the product makes it: generated template → final fill → LibreOffice →
// stamp placed in the signature block → signed. The stamp's rectangle must intersect no word
// that `pdftotext -bbox` finds (A4 and F4, one- and three-line titles, a.n./Plt./Plh., two
// signers side by side), the title reads with one comma, and a block without room is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlignmentType, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { createTestPki, type TestCert, type TestPki } from '../../../../test/signature/testPki.js';
import { run } from '../../../../test/signature/tools.js';
import { overlaps, pdfText, stampRects, wordBoxes, type Box } from '../../../../test/helpers/pdfText.js';
import { placeholderValues, type SignerBlock } from '../../outgoing/placeholderValues.js';
import { fillDocx } from '../../templates/fillDocx.js';
import { generateTemplateDocx, type TemplateInput } from '../../templates/generateTemplate.js';
import { isAppError } from '../../errors.js';
import { findSignatureSpace } from './signatureSpace.js';
import { verifyPdf } from '../verify/verifyPdf.js';

const surat: TemplateInput['type'] = { code: 'SD', name: 'Surat Dinas', shape: 'korespondensi', formKind: 'surat' };
const keputusan: TemplateInput['type'] = { code: 'KEP', name: 'Keputusan', shape: 'judul', formKind: null };
const kopBupati: TemplateInput['letterhead'] = { kind: 'bupati', lines: [] };
const kopDinas: TemplateInput['letterhead'] = { kind: 'pd', lines: ['Pemerintah Kabupaten Contoh', 'Dinas Kependudukan dan Pencatatan Sipil'], address: 'Jalan Sudirman 1' };

const bupati: SignerBlock = { positionName: 'Bupati Contoh', actingAs: 'definitif', name: 'H. Ahmad Santoso, S.H., M.H.', nip: null };
const kadis: SignerBlock = { positionName: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh', actingAs: 'plt', name: 'Dra. Sri Wahyuni, M.Si.', nip: '197003151995032001' };
const sekdaAn: SignerBlock = { positionName: 'Sekretaris Daerah', actingAs: 'definitif', onBehalfOfPositionName: 'Bupati Contoh', name: 'Ir. Bambang Wijaya, M.T.', nip: '196805121994031002' };
const plh: SignerBlock = { positionName: 'Kepala Dinas Kependudukan dan Pencatatan Sipil', actingAs: 'plh', name: 'Agus Salim, S.Sos.', nip: '197511202000121003' };

interface Case {
  label: string;
  type: TemplateInput['type'];
  letterhead: TemplateInput['letterhead'];
  paper: 'A4' | 'F4';
  signer: SignerBlock;
  /** Printed rows within 80 pt above the stamp: the title's lines (+ "Ditetapkan di …" lines). */
  titleLines: number;
}

const cases: Case[] = [
  { label: 'A4, one-line title (Bupati)', type: surat, letterhead: kopBupati, paper: 'A4', signer: bupati, titleLines: 1 },
  { label: 'F4, one-line title (Bupati)', type: surat, letterhead: kopBupati, paper: 'F4', signer: bupati, titleLines: 1 },
  { label: 'A4, three-line Plt. title', type: surat, letterhead: kopDinas, paper: 'A4', signer: kadis, titleLines: 3 },
  { label: 'F4, three-line Plt. title', type: surat, letterhead: kopDinas, paper: 'F4', signer: kadis, titleLines: 3 },
  { label: 'A4, a.n. Bupati (Sekda)', type: surat, letterhead: kopBupati, paper: 'A4', signer: sekdaAn, titleLines: 2 },
  { label: 'F4, Plh. on a Keputusan (judul)', type: keputusan, letterhead: kopDinas, paper: 'F4', signer: plh, titleLines: 4 },
];

let dir: string;
let pki: TestPki;
let alice: TestCert;
let bob: TestCert;
const pdfs = new Map<string, Buffer>();

function finalDocx(c: Case): Promise<Buffer> {
  return generateTemplateDocx({ type: c.type, letterhead: c.letterhead, paper: c.paper, region: 'Kabupaten Contoh' }).then((tpl) =>
    fillDocx(
      tpl,
      {
        ...placeholderValues({ number: '400.12/17/410.01/2026', date: '2026-12-02', sifat: 'biasa', lampiran: '-', hal: 'Penunjukan Operator TTE', tujuan: ['Kepala Dinas Komunikasi dan Informatika'], tembusan: ['Sekretaris Daerah'], signer: c.signer }, { final: true }),
        isi: 'Dengan hormat, bersama ini kami sampaikan penunjukan operator tanda tangan elektronik.\n\nDemikian disampaikan.',
      },
      { dropSampleParagraphs: true },
    ),
  );
}

const block = (lines: string[], name: string, gapPt: number) => [
  ...lines.map((l) => new Paragraph({ children: [new TextRun(l)] })),
  new Paragraph({ children: [], spacing: { after: gapPt * 20 } }),
  new Paragraph({ children: [new TextRun({ text: name, bold: true })] }),
];

/** Two signers side by side (a joint letter / berita acara), each block in its own cell. */
async function twoSignerDocx(): Promise<Buffer> {
  const cell = (children: Paragraph[]) => new TableCell({ width: { size: 4800, type: WidthType.DXA }, borders: TableBorders.NONE, children });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'BERITA ACARA SERAH TERIMA', bold: true })] }),
          ...Array.from({ length: 8 }, (_, i) => new Paragraph({ children: [new TextRun(`${i + 1}. Pada hari ini para pihak telah melaksanakan serah terima barang sesuai daftar terlampir.`)] })),
          new Table({
            width: { size: 9600, type: WidthType.DXA },
            columnWidths: [4800, 4800],
            borders: TableBorders.NONE,
            rows: [new TableRow({ children: [cell(block(['PIHAK PERTAMA,', 'KEPALA BAGIAN UMUM'], 'Alice Pratiwi, S.Kom.', 80)), cell(block(['PIHAK KEDUA,', 'KEPALA DINAS KOMINFO'], 'Bambang Setiawan, M.M.', 80))] })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A block whose drafter deleted the blank lines: title directly above the name. */
async function crampedDocx(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Isi surat.')] }), ...block(['KEPALA DINAS KOMINFO,'], 'Edi Hariyanto, S.Sos., M.Si.', 6)] }] });
  return Packer.toBuffer(doc);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-sigblock-'));
  pki = await createTestPki();
  alice = await pki.newSigner({ name: 'Alice Pratiwi, S.Kom.' });
  bob = await pki.newSigner({ name: 'Bambang Setiawan, M.M.', nip: '198001012005011002', nik: '3372010101800002' });
  const names: string[] = [];
  for (const [i, c] of cases.entries()) {
    fs.writeFileSync(path.join(dir, `case${i}.docx`), await finalDocx(c));
    names.push(`case${i}.docx`);
  }
  fs.writeFileSync(path.join(dir, 'two.docx'), await twoSignerDocx());
  fs.writeFileSync(path.join(dir, 'cramped.docx'), await crampedDocx());
  names.push('two.docx', 'cramped.docx');
  // One LibreOffice run converts them all.
  const r = run('soffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => path.join(dir, n))]);
  for (const n of names) {
    const pdf = path.join(dir, n.replace(/\.docx$/, '.pdf'));
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${n}: ${r.out}`);
    pdfs.set(n.replace(/\.docx$/, ''), fs.readFileSync(pdf));
  }
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const content = (name: string, title: string) => ({ verificationUrl: 'https://naskah.example/verifikasi/ABCDEFGH2345', signerName: name, signerTitle: title, nip: null });

const inside = (w: Box, s: Box) => w.page === s.page && w.x >= s.x - 0.5 && w.y >= s.y - 0.5 && w.x + w.width <= s.x + s.width + 0.5 && w.y + w.height <= s.y + s.height + 0.5;

/**
 * No word of the letter (the PDF before signing) touches a stamp, and no word of the signed PDF
 * (the legal footer, other stamps) straddles one; pdftotext also reads the stamps' own text,
 * which lies wholly inside them.
 */
function assertClear(unsigned: Uint8Array, signed: Uint8Array): { stamps: Box[]; words: Box[] } {
  const words = wordBoxes(unsigned);
  const after = wordBoxes(signed);
  const stamps = stampRects(signed);
  expect(stamps.length).toBeGreaterThan(0);
  expect(words.length).toBeGreaterThan(20);
  for (const s of stamps) {
    expect(words.filter((w) => overlaps(s, w)).map((w) => w.text), `stamp ${JSON.stringify(s)} covers text`).toEqual([]);
    expect(after.filter((w) => overlaps(s, w) && !inside(w, s)).map((w) => w.text), `stamp ${JSON.stringify(s)} straddles text`).toEqual([]);
  }
  return { stamps, words };
}

describe('the TTE stamp sits in the blank signature space, never over text', () => {
  it.each(cases.map((c, i) => [c.label, i] as const))('%s', async (_label, i) => {
    const c = cases[i]!;
    const pdf = pdfs.get(`case${i}`)!;
    const box = await findSignatureSpace(pdf, c.signer.name);
    const signed = await pki.sign(pdf, alice, { level: 'B-B', stamp: { box, content: content(c.signer.name, 'x') }, footer: 'Dokumen ini telah ditandatangani secara elektronik.' });
    const { stamps, words } = assertClear(pdf, signed);
    const [stamp] = stamps;
    // Between the title's last line and the printed name, on the page of the name.
    const nameWords = c.signer.name.split(' ');
    const nameBox = words.filter((w) => w.page === stamp!.page && w.text === nameWords[0]).at(-1)!;
    const titleLast = words.filter((w) => w.page === stamp!.page && w.y > nameBox.y + nameBox.height && w.x >= stamp!.x - 1 && w.x < stamp!.x + stamp!.width).sort((a, b) => a.y - b.y)[0]!;
    expect(stamp!.y).toBeGreaterThanOrEqual(nameBox.y + nameBox.height);
    expect(stamp!.y + stamp!.height).toBeLessThanOrEqual(titleLast.y);
    expect(stamp!.height).toBeGreaterThanOrEqual(60);
    expect(stamp!.x).toBeCloseTo(nameBox.x, 0);
    // Title lines as printed, with one comma at the end.
    const text = pdfText(signed);
    expect(text).not.toContain(',,');
    const titleRows = words.filter((w) => w.page === stamp!.page && w.x >= stamp!.x - 1 && w.y > stamp!.y + stamp!.height && w.y < stamp!.y + stamp!.height + 80);
    expect(new Set(titleRows.map((w) => Math.round(w.y))).size).toBe(c.titleLines);
    expect(text).toMatch(new RegExp(`${c.signer.positionName.split(' ').at(-1)!.toUpperCase()},`));
    expect((await verifyPdf(null, signed, { extraTrustPem: [pki.root.pem] })).verdict).toBe('valid');
  });

  it('two signers side by side: each stamp in its own block, clear of text and of each other', async () => {
    const unsigned = pdfs.get('two')!;
    let pdf: Uint8Array = unsigned;
    const a = await findSignatureSpace(pdf, 'Alice Pratiwi, S.Kom.');
    pdf = await pki.sign(pdf, alice, { level: 'B-B', stamp: { box: a, content: content('Alice Pratiwi, S.Kom.', 'Kepala Bagian Umum') } });
    const b = await findSignatureSpace(pdf, 'Bambang Setiawan, M.M.');
    pdf = await pki.sign(pdf, bob, { level: 'B-B', stamp: { box: b, content: content('Bambang Setiawan, M.M.', 'Kepala Dinas Kominfo') } });
    const { stamps } = assertClear(unsigned, pdf);
    expect(stamps).toHaveLength(2);
    expect(overlaps(stamps[0]!, stamps[1]!)).toBe(false);
    expect(stamps[0]!.x).toBeLessThan(stamps[1]!.x);
    const report = await verifyPdf(null, pdf, { extraTrustPem: [pki.root.pem] });
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid']);
  });

  it('a block without room for the stamp is refused with a message for the drafter', async () => {
    const e = await findSignatureSpace(pdfs.get('cramped')!, 'Edi Hariyanto, S.Sos., M.Si.').catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('SIGNATURE_SPACE_TOO_SMALL');
    if (!isAppError(e)) throw e;
    expect(e.userMessage('id')).toMatch(/Ruang kosong untuk tanda tangan elektronik .* hanya [\d,]+ cm; perlu paling sedikit [\d,]+ cm\. Konseptor perlu menambah baris kosong/);
  });

  it('the filled letter carries no marker text and no double comma', async () => {
    for (const [i] of cases.entries()) {
      const text = pdfText(pdfs.get(`case${i}`)!);
      expect(text).not.toMatch(/\[\[|TTE-NASKAH/);
      expect(text).not.toContain(',,');
    }
  });
});
