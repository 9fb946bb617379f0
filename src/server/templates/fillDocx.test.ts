import { describe, expect, it } from 'vitest';
import { makeDocx, para, paragraphs, partXml, run, runsWith } from '../../../test/fixtures/templates/docx.js';
import { fillDocx, formatList, splitParagraphs } from './fillDocx.js';
import { generateTemplateDocx } from './generateTemplate.js';
import { inspectDocxTemplate } from './inspectTemplate.js';

const HL = '<w:highlight w:val="yellow"/>';
const surat = () =>
  generateTemplateDocx({
    type: { code: 'SD', name: 'Surat Dinas', shape: 'korespondensi', formKind: 'surat' },
    letterhead: { kind: 'pd', lines: ['Pemerintah Kabupaten Contoh', 'Dinas Komunikasi dan Informatika'] },
    paper: 'A4',
    region: 'Kabupaten Contoh',
  });

const values = {
  nomor_naskah: '000.1.2.3/17/DISKOMINFO/2026',
  tanggal_naskah: '21 November 2026',
  sifat: 'Biasa',
  lampiran: '1 (satu) berkas',
  hal: 'Undangan Rapat "Koordinasi" <TTE> & Arsip',
  tujuan: ['Kepala Dinas Pendidikan', 'Kepala Dinas Kesehatan'],
  isi: 'Sehubungan dengan penerapan tanda tangan elektronik, kami mengundang Saudara.\n\nDemikian disampaikan, atas perhatiannya diucapkan terima kasih.',
  jabatan_pengirim: 'Kepala Dinas Komunikasi dan Informatika',
  nama_pengirim: 'Dr. BUDI SANTOSO, S.Kom., M.T.',
  nip_pengirim: '19771027 200312 1 005',
  tembusan: ['Bupati Contoh (sebagai laporan)', 'Sekretaris Daerah'],
  ttd_pengirim: 'anything',
};

describe('formatList and splitParagraphs', () => {
  it('prints one item plainly, several numbered, none as "-"', () => {
    expect(formatList([])).toBe('-');
    expect(formatList(['  ', ''])).toBe('-');
    expect(formatList(['Bupati Contoh'])).toBe('Bupati Contoh');
    expect(formatList(['A', ' B '])).toBe('1. A\n2. B');
  });

  it('splits body text at blank lines, keeping single line breaks', () => {
    expect(splitParagraphs('Satu\nbaris dua\n\n \nTiga\r\n\r\nEmpat\n')).toEqual(['Satu\nbaris dua', 'Tiga', 'Empat']);
  });
});

describe('fillDocx', () => {
  it('fills a generated letter completely, escaping XML and keeping Indonesian text', async () => {
    const out = fillDocx(await surat(), values);
    expect(inspectDocxTemplate(out).placeholders).toEqual([]);
    const xml = partXml(out);
    const text = paragraphs(xml);
    expect(text).toContain('Hal\t:\tUndangan Rapat "Koordinasi" <TTE> & Arsip');
    expect(xml).toContain('&lt;TTE&gt; &amp; Arsip');
    expect(text).toContain('Contoh, 21 November 2026');
    expect(text).toContain('Yth.\t1. Kepala Dinas Pendidikan\n2. Kepala Dinas Kesehatan');
    expect(text).toContain('1. Bupati Contoh (sebagai laporan)\n2. Sekretaris Daerah');
    expect(text).toContain('NIP. 19771027 200312 1 005');
    expect(xml).not.toContain('\uE000');
    expect(xml).not.toContain('\uE001');
  });

  it('drops the "NIP." line for a signer without a NIP (an elected official), and only then', async () => {
    const bupati = paragraphs(partXml(fillDocx(await surat(), { ...values, jabatan_pengirim: 'BUPATI CONTOH', nama_pengirim: 'H. Ahmad Santoso', nip_pengirim: '' })));
    expect(bupati.some((p) => p.startsWith('NIP'))).toBe(false);
    expect(bupati).toContain('H. Ahmad Santoso');
    const preview = paragraphs(partXml(fillDocx(await surat(), { hal: 'X' }, { keepUnknown: true })));
    expect(preview).toContain('NIP. ${nip_pengirim}');
  });

  it('turns the body field into real paragraphs with the body style, and drops no other text', async () => {
    const xml = partXml(fillDocx(await surat(), values));
    const bodies = xml.match(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="IsiNaskah"\/>[\s\S]*?<\/w:p>/g)!.map((p) => paragraphs(p)[0]);
    expect(bodies).toEqual([
      'Sehubungan dengan penerapan tanda tangan elektronik, kami mengundang Saudara.',
      'Demikian disampaikan, atas perhatiannya diucapkan terima kasih.',
    ]);
  });

  it('removes the highlight from filled fields only', async () => {
    const out = fillDocx(await surat(), { nomor_naskah: 'X/1/2026' }, { keepUnknown: true });
    const xml = partXml(out);
    expect(runsWith(xml, 'X/1/2026')[0]).not.toContain(HL);
    const kept = runsWith(xml, '${hal}');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toContain(HL);
    expect(inspectDocxTemplate(out).placeholders).not.toContain('nomor_naskah');
    expect(inspectDocxTemplate(out).placeholders).toContain('ttd_pengirim');
  });

  it('leaves ${ttd_pengirim} blank (no marker text): the stamp goes into that space', async () => {
    const xml = partXml(fillDocx(await surat(), { ...values, ttd_pengirim: '' }));
    expect(xml).not.toContain('TTE-NASKAH');
    expect(xml).not.toContain('${ttd_pengirim}');
    expect(paragraphs(xml)).toContain('');
    const plain = partXml(fillDocx(await surat(), values));
    expect(plain).not.toContain('TTE-NASKAH');
  });

  it('for the preview, draws ${ttd_pengirim} as a bordered box with a label', async () => {
    const xml = partXml(fillDocx(await surat(), { ...values, ttd_pengirim: undefined }, { signatureBox: 'Tempat tanda tangan elektronik (TTE)' }));
    expect(xml).not.toContain('${ttd_pengirim}');
    const box = xml.split('<w:p>').find((p) => p.includes('Tempat tanda tangan elektronik (TTE)')) ?? /<w:p\b(?:(?!<w:p\b)[\s\S])*Tempat tanda tangan elektronik \(TTE\)[\s\S]*?<\/w:p>/.exec(xml)?.[0];
    expect(box).toMatch(/<w:pBdr><w:top w:val="dashed"/);
    expect(box).toContain('<w:pStyle w:val="TandaTangan"/>');
  });

  it('without keepUnknown empties unknown fields and removes an unfilled body paragraph', async () => {
    const docx = makeDocx(para(run('A ${custom} B')) + para(run('${isi}')) + para(run('akhir')));
    const text = paragraphs(partXml(fillDocx(docx, {})));
    expect(text).toEqual(['A  B', 'akhir']);
  });

  it('with keepUnknown leaves unknown fields as they were', () => {
    const docx = makeDocx(para(run('A ${custom} B')) + para(run('${isi}')));
    expect(paragraphs(partXml(fillDocx(docx, {}, { keepUnknown: true })))).toEqual(['A ${custom} B', '${isi}']);
  });

  it('an empty list prints "-"', () => {
    const docx = makeDocx(para(run('Tembusan:')) + para(run('${tembusan}')));
    expect(paragraphs(partXml(fillDocx(docx, { tembusan: [] })))).toEqual(['Tembusan:', '-']);
  });

  it('fills fields in headers (the KOP) too', () => {
    const header = 'word/header1.xml';
    const docx = makeDocx(para(run('isi')), {
      files: { [header]: '<?xml version="1.0"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>No. ${nomor_naskah}</w:t></w:r></w:p></w:hdr>' },
      overrides: { [header]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml' },
    });
    expect(inspectDocxTemplate(docx).placeholders).toEqual(['nomor_naskah']);
    expect(paragraphs(partXml(fillDocx(docx, { nomor_naskah: '12/2026' }), header))).toEqual(['No. 12/2026']);
  });
});
