import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { ISI_GUIDE_EN, ISI_GUIDE_ID } from '../../shared/templateGuide.js';
import { packageRoot } from '../paths.js';
import { describe, expect, it } from 'vitest';
import { paragraphs, partNames, partXml, runsWith } from '../../../test/fixtures/templates/docx.js';
import { defaultLogoPng, garudaEmblemPng, regionInitials } from './emblems.js';
import { generateTemplateDocx, placeName, regionHeadTitle, type TemplateInput } from './generateTemplate.js';
import { checkTemplate, inspectDocxTemplate } from './inspectTemplate.js';
import { requiredPlaceholders, SYSTEM_PLACEHOLDERS } from './placeholders.js';

const pd: TemplateInput['letterhead'] = {
  kind: 'pd',
  lines: ['Pemerintah Kabupaten Contoh', 'Dinas Komunikasi dan Informatika'],
  address: 'Jalan Jenderal Sudirman Nomor 1, Contoh 74662',
  contact: 'Telepon (0532) 2071020, Pos-el diskominfo@contohkab.go.id',
};
const bupati: TemplateInput['letterhead'] = { kind: 'bupati', lines: [] };

const types = {
  surat: { code: 'SD', name: 'Surat Dinas', shape: 'korespondensi', formKind: 'surat' },
  undangan: { code: 'SU', name: 'Surat Undangan', shape: 'korespondensi', formKind: 'undangan' },
  nota: { code: 'ND', name: 'Nota Dinas', shape: 'korespondensi', formKind: 'nota_dinas' },
  keputusan: { code: 'KEP', name: 'Keputusan', shape: 'judul', formKind: null },
  suratTugas: { code: 'ST', name: 'Surat Tugas', shape: 'judul', formKind: null },
} satisfies Record<string, TemplateInput['type']>;

function gen(type: TemplateInput['type'], letterhead = pd, paper: 'A4' | 'F4' = 'A4'): Promise<Buffer> {
  return generateTemplateDocx({ type, letterhead, paper, region: 'Kabupaten Contoh' });
}

/** Decodes an 8-bit RGBA PNG made by our encoder (filter 0 rows). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o);
    if (png.toString('latin1', o + 4, o + 8) === 'IDAT') idat.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

describe('generateTemplateDocx', () => {
  it.each([
    ['surat', types.surat, ['isi']],
    ['undangan', types.undangan, ['pembuka', 'hari_tanggal', 'waktu', 'tempat', 'acara', 'penutup']],
    ['nota dinas', types.nota, ['isi']],
  ])('korespondensi %s carries every system field and its body fields', async (_label, type, body) => {
    const docx = await gen(type);
    const { placeholders, unknown } = inspectDocxTemplate(docx);
    expect(unknown).toEqual([]);
    expect([...placeholders].sort()).toEqual([...SYSTEM_PLACEHOLDERS, ...body].sort());
    expect(checkTemplate(docx, 'korespondensi').ok).toBe(true);
  });

  it('judul templates carry the judul fields, a centred title, NOMOR and TENTANG', async () => {
    const docx = await gen(types.keputusan, bupati, 'F4');
    const { placeholders } = inspectDocxTemplate(docx);
    for (const name of requiredPlaceholders('judul')) expect(placeholders).toContain(name);
    expect(placeholders).toContain('isi');
    expect(placeholders).not.toContain('sifat');
    const text = paragraphs(partXml(docx));
    expect(text).toContain('KEPUTUSAN BUPATI CONTOH');
    expect(text).toContain('NOMOR ${nomor_naskah}');
    expect(text).toContain('TENTANG');
    expect(text).toContain('pada tanggal ${tanggal_naskah}');
    expect(text.some((t) => t.startsWith('Menimbang'))).toBe(true);
    expect(checkTemplate(docx, 'judul').ok).toBe(true);
  });

  it('Surat Tugas gets the assignment layout and a plain place/date line', async () => {
    const text = paragraphs(partXml(await gen(types.suratTugas)));
    expect(text).toContain('SURAT TUGAS');
    expect(text).toContain('MEMERINTAHKAN:');
    expect(text).toContain('Contoh, ${tanggal_naskah}');
  });

  it('puts each field in one highlighted run, so Word and docxtemplater keep it whole', async () => {
    const xml = partXml(await gen(types.surat));
    for (const name of SYSTEM_PLACEHOLDERS) {
      const runs = runsWith(xml, `\${${name}}`);
      expect(runs.length, name).toBeGreaterThan(0);
      for (const r of runs) {
        expect(r).toMatch(new RegExp(`<w:t[^>]*>\\$\\{${name}\\}</w:t>`));
        expect(r).toContain('<w:highlight w:val="yellow"/>');
      }
    }
    expect(runsWith(xml, '${isi}')[0]).toContain('<w:highlight w:val="cyan"/>');
  });

  it('lays out the korespondensi page in the usual order', async () => {
    const text = paragraphs(partXml(await gen(types.surat))).filter(Boolean);
    const order = ['Contoh, ${tanggal_naskah}', 'Nomor\t:\t${nomor_naskah}', 'Sifat\t:\t${sifat}', 'Lampiran\t:\t${lampiran}', 'Hal\t:\t${hal}', 'Yth.\t${tujuan}', '${isi}', '${jabatan_pengirim},', '${ttd_pengirim}', '${nama_pengirim}', 'NIP. ${nip_pengirim}', 'Tembusan:', '${tembusan}'];
    const positions = order.map((line) => text.indexOf(line));
    expect(positions.every((p) => p >= 0), JSON.stringify(text)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('nota dinas uses the memo table (Yth./Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal)', async () => {
    const text = paragraphs(partXml(await gen(types.nota)));
    const labels = ['Yth.', 'Dari', 'Tembusan', 'Tanggal', 'Nomor', 'Sifat', 'Lampiran', 'Hal'];
    const idx = labels.map((l) => text.findIndex((t) => t.startsWith(`${l}\t:\t\${`)));
    expect(idx.every((i) => i >= 0)).toBe(true);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(text).toContain('NOTA DINAS');
  });

  it('sets A4 and F4 page sizes with letter margins and a first-page KOP header', async () => {
    const a4 = partXml(await gen(types.surat, pd, 'A4'));
    expect(a4).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const f4 = partXml(await gen(types.surat, pd, 'F4'));
    expect(f4).toMatch(/<w:pgSz w:w="12189" w:h="18709"/);
    expect(f4).toMatch(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/);
    expect(f4).toContain('<w:titlePg/>');
    expect(f4).toMatch(/<w:headerReference w:type="first"/);
  });

  it('draws the KOP: logo, capitalised heading lines, address and the double rule', async () => {
    const docx = await gen(types.surat);
    const headers = partNames(docx).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => partXml(docx, n));
    const kop = headers.find((h) => h.includes('PEMERINTAH KABUPATEN CONTOH'));
    expect(kop).toBeDefined();
    expect(kop).toContain('DINAS KOMUNIKASI DAN INFORMATIKA');
    expect(kop).toContain('Jalan Jenderal Sudirman Nomor 1, Contoh 74662');
    expect(kop).toContain('<w:drawing>');
    expect(kop).toMatch(/<w:bottom w:val="thickThinSmallGap"/);
    expect(partNames(docx).some((n) => /^word\/media\/.*\.png$/.test(n))).toBe(true);
  });

  it('KOP Bupati is the emblem over "BUPATI <REGION>" with no address or rule', async () => {
    const docx = await gen(types.keputusan, bupati);
    const headers = partNames(docx).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => partXml(docx, n));
    const kop = headers.find((h) => h.includes('BUPATI CONTOH'))!;
    expect(kop).toContain('<w:drawing>');
    expect(kop).not.toContain('thickThinSmallGap');
    expect(paragraphs(kop).filter(Boolean)).toEqual(['BUPATI CONTOH']);
  });

  it('uses the given logo instead of the default emblem', async () => {
    const logo = defaultLogoPng('Kota Lain');
    const docx = await generateTemplateDocx({ type: types.surat, letterhead: { ...pd, logoPng: logo }, paper: 'A4', region: 'Kabupaten Contoh' });
    const zip = partNames(docx).filter((n) => n.startsWith('word/media/'));
    const { default: PizZip } = await import('pizzip');
    const media = zip.map((n) => new PizZip(docx).file(n)!.asNodeBuffer());
    expect(media.some((m) => m.equals(logo))).toBe(true);
  });

  it('defines real Word styles and tells the drafter (in a comment) not to edit the fields', async () => {
    const docx = await gen(types.surat);
    const styles = partXml(docx, 'word/styles.xml');
    for (const id of ['Kop', 'KopAlamat', 'IsiNaskah', 'Panduan', 'TandaTangan', 'Tembusan', 'Heading1']) {
      expect(styles, id).toContain(`w:styleId="${id}"`);
    }
    expect(styles).toContain('w:ascii="Arial"');
    const comments = partXml(docx, 'word/comments.xml');
    expect(comments).toContain('Jangan diubah');
    expect(partXml(docx)).toContain('<w:commentReference');
  });
});

describe('names and emblems', () => {
  it('derives place, head title and initials from the region', () => {
    expect(placeName('Kabupaten Contoh')).toBe('Contoh');
    expect(placeName('Kota Bandar Lampung')).toBe('Bandar Lampung');
    expect(regionHeadTitle('Kabupaten Lamandau')).toBe('BUPATI LAMANDAU');
    expect(regionHeadTitle('Kota Contoh')).toBe('WALI KOTA CONTOH');
    expect(regionInitials('Kabupaten Contoh')).toBe('KC');
    expect(regionInitials('Kota Bandar Lampung')).toBe('KBL');
  });

  it('draws an opaque shield with transparent corners, different per region', () => {
    const a = decodePng(defaultLogoPng('Kabupaten Contoh'));
    const b = decodePng(defaultLogoPng('Kota Bandar Lampung'));
    expect([a.width, a.height]).toEqual([300, 360]);
    const alpha = (img: typeof a, x: number, y: number) => img.rgba[(y * img.width + x) * 4 + 3]!;
    expect(alpha(a, 2, 2)).toBe(0); // outside the shield
    expect(alpha(a, 150, 250)).toBe(255); // inside
    const px = (img: typeof a, x: number, y: number) => img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3).toString('hex');
    expect(px(a, 150, 300)).toBe('18683a'); // green field
    expect(a.rgba.equals(b.rgba)).toBe(false); // the initials differ
  });

  it('draws the Garuda placeholder emblem', () => {
    const g = decodePng(garudaEmblemPng());
    expect([g.width, g.height]).toEqual([360, 380]);
    let opaque = 0;
    for (let i = 3; i < g.rgba.length; i += 4) if (g.rgba[i] === 255) opaque++;
    expect(opaque / (g.width * g.height)).toBeGreaterThan(0.2);
    expect(opaque / (g.width * g.height)).toBeLessThan(0.8);
  });
});

describe('one instruction about ${isi}', () => {
  it('the template’s Word comment and the compose page say the same', async () => {
    const comments = partXml(await gen(types.surat), 'word/comments.xml').replace(/<[^>]+>/g, '');
    expect(comments).toContain(ISI_GUIDE_ID);
    const id = JSON.parse(fs.readFileSync(path.join(packageRoot, 'src/web/i18n/id.json'), 'utf8'));
    const en = JSON.parse(fs.readFileSync(path.join(packageRoot, 'src/web/i18n/en.json'), 'utf8'));
    expect(id.compose.templateHint).toContain(ISI_GUIDE_ID);
    expect(en.compose.templateHint).toContain(ISI_GUIDE_EN);
  });
});
