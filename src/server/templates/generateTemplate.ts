// Generates the default .docx template of a document type × letterhead (KOP) × paper size:
// real Word styles, the KOP as a first-page header, and the ${…} fields Naskah fills at
// numbering/signing time, each in a single highlighted run (see placeholders.ts).
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { FormKind, LetterheadKind, PageShape, PaperSize } from '../catalog/schema.js';
import { defaultLogoPng, garudaEmblemPng } from './emblems.js';
import { field } from './placeholders.js';
import { ISI_GUIDE_ID } from '../../shared/templateGuide.js';

export interface TemplateInput {
  type: { code: string; name: string; shape: PageShape; formKind: FormKind | null };
  letterhead: { kind: LetterheadKind; lines: string[]; address?: string | null; contact?: string | null; logoPng?: Uint8Array | null };
  paper: PaperSize;
  /** e.g. "Kabupaten Contoh" or "Kota Contoh". */
  region: string;
  /** Place printed before the date ("Contoh, …"); defaults to the region's name without "Kabupaten"/"Kota". */
  place?: string;
}

// Units: twips (1/1440 in). 1 cm = 566.93 twips.
const cm = (v: number): number => Math.round(v * 566.929);
const PAPER: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: cm(21), height: cm(29.7) },
  F4: { width: cm(21.5), height: cm(33) },
};
const MARGIN = { top: cm(2), bottom: cm(2), left: cm(3), right: cm(2), header: cm(1), footer: cm(1) };
const FONT = 'Arial'; // Permendagri 1/2023 letters use Arial 12; LibreOffice renders it with the metric-compatible Liberation Sans.
const SIGN_INDENT = cm(8.5); // left edge of the signature block; leaves >= 7 cm for the 6.5 cm stamp
// Blank space below ${ttd_pengirim} so the title-to-name gap holds the 2.5 cm TTE stamp with room
// to spare (the signature module measures the gap and refuses a stamp that would touch text).
const SIGN_SPACE_AFTER_PT = 80;

const SYSTEM_HIGHLIGHT = 'yellow' as const;
const BODY_HIGHLIGHT = 'cyan' as const;

/** A system field: one run, highlighted, so editors and docxtemplater keep it whole. */
function sys(name: string, extra: Omit<IRunOptions, 'text' | 'highlight'> = {}): TextRun {
  return new TextRun({ ...extra, text: field(name), highlight: SYSTEM_HIGHLIGHT });
}

/** A body field filled by the in-app form (or replaced by the drafter in Word). */
function bodyField(name: string): TextRun {
  return new TextRun({ text: field(name), highlight: BODY_HIGHLIGHT });
}

const t = (text: string, extra: Omit<IRunOptions, 'text'> = {}): TextRun => new TextRun({ ...extra, text });

function p(children: IParagraphOptions['children'], opts: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ ...opts, children });
}

const blank = (): Paragraph => new Paragraph({ children: [] });

/** "Kabupaten Contoh" -> "Contoh"; "Kota Contoh" -> "Contoh". */
export function placeName(region: string): string {
  return region.replace(/^\s*(kabupaten|kab\.|kota|provinsi)\s+/i, '').trim() || region.trim();
}

/** "BUPATI CONTOH" / "WALI KOTA CONTOH" for the region's head. */
export function regionHeadTitle(region: string): string {
  const isKota = /^\s*kota\s/i.test(region);
  return `${isKota ? 'WALI KOTA' : 'BUPATI'} ${placeName(region).toUpperCase()}`;
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  return { width: 1, height: 1 };
}

/** Image run `widthCm` wide keeping the aspect ratio (docx sizes images in 96-dpi pixels). */
function image(png: Uint8Array, widthCm: number): ImageRun {
  const { width, height } = pngSize(png);
  const w = (widthCm / 2.54) * 96;
  return new ImageRun({ type: 'png', data: png, transformation: { width: w, height: (w * height) / width } });
}

/** Font size (pt) so a capitalised heading line fits `widthCm` (Arial Bold caps ≈ 0.7 em per char). */
function fitSize(text: string, base: number, widthCm: number, min = 11): number {
  const widthPt = (widthCm / 2.54) * 72;
  const fit = Math.floor((widthPt / (Math.max(1, text.length) * 0.7)) * 2) / 2;
  return Math.max(min, Math.min(base, fit));
}

const noBorders = TableBorders.NONE;

function kopHeader(input: TemplateInput, textWidth: number): Header {
  const lh = input.letterhead;
  if (lh.kind === 'bupati') {
    // KOP jabatan (Permendagri 1/2023): the emblem centred above the title, no address, no rule.
    const emblem = lh.logoPng && lh.logoPng.length ? lh.logoPng : garudaEmblemPng();
    const title = (lh.lines.length ? lh.lines : [regionHeadTitle(input.region)]).map((l) => l.toUpperCase());
    return new Header({
      children: [
        p([image(emblem, 2.3)], { style: 'Kop', spacing: { after: 60 } }),
        ...title.map((line) => p([t(line, { size: fitSize(line, 16, 15) * 2 })], { style: 'Kop' })),
        p([], { style: 'KopAlamat', spacing: { after: 120 } }),
      ],
    });
  }
  const logo = lh.logoPng && lh.logoPng.length ? lh.logoPng : defaultLogoPng(input.region);
  const logoCol = cm(2.7);
  const textCol = textWidth - logoCol;
  const textColCm = textCol / 566.929 - 0.4;
  const lines = lh.lines.map((l) => l.toUpperCase());
  const heading = lines.map((line, i) =>
    // The government line is smaller; the office name is the largest.
    p([t(line, { size: fitSize(line, i === 0 && lines.length > 1 ? 14 : 16, textColCm) * 2 })], { style: 'Kop' }),
  );
  const details = [lh.address, lh.contact].filter((s): s is string => !!s && !!s.trim());
  return new Header({
    children: [
      new Table({
        width: { size: textWidth, type: WidthType.DXA },
        columnWidths: [logoCol, textCol],
        layout: TableLayoutType.FIXED,
        borders: noBorders,
        rows: [
          new TableRow({
            children: [
              new TableCell({
                width: { size: logoCol, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                borders: noBorders,
                children: [p([image(logo, 2.2)], { alignment: AlignmentType.LEFT })],
              }),
              new TableCell({
                width: { size: textCol, type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.CENTER,
                borders: noBorders,
                children: [...heading, ...details.map((d) => p([t(d)], { style: 'KopAlamat' }))],
              }),
            ],
          }),
        ],
      }),
      // The double rule (thick over thin) that closes every KOP.
      p([], {
        style: 'KopAlamat',
        border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: '000000', space: 1 } },
        spacing: { after: 0 },
      }),
    ],
  });
}

function laterPagesHeader(): Header {
  return new Header({
    children: [p([t('- '), new TextRun({ children: [PageNumber.CURRENT] }), t(' -')], { alignment: AlignmentType.CENTER })],
  });
}

const NOTE_ID = 0;

/** The drafter's instructions, as a Word comment (never printed in the PDF). */
function noteParagraphs(input: TemplateInput): Paragraph[] {
  const lines = [
    'Petunjuk templat Naskah:',
    '• Teks bersorot KUNING (nomor, tanggal, sifat, lampiran, hal, tujuan, tanda tangan, nama, NIP, jabatan, tembusan) diisi otomatis oleh sistem saat penomoran dan penandatanganan. Jangan diubah, dipindah, atau dihapus.',
    input.type.shape === 'korespondensi' && input.type.formKind === 'undangan'
      ? '• Teks bersorot BIRU adalah isian undangan (pembuka, hari/tanggal, waktu, tempat, acara, penutup): ganti dengan isi undangan Anda, atau isi melalui formulir di aplikasi.'
      : `• ${ISI_GUIDE_ID}`,
    '• Ruang kosong di bawah tanda tangan disediakan untuk tanda tangan elektronik (TTE); jangan diisi.',
  ];
  return lines.map((l) => p([t(l)]));
}

function withNote(children: TextRun[]): Paragraph['root'][number][] {
  return [new CommentRangeStart(NOTE_ID), ...children, new CommentRangeEnd(NOTE_ID), new TextRun({ children: [new CommentReference(NOTE_ID)] })];
}

/** Signature block: jabatan, the stamp space at ${ttd_pengirim}, name and NIP. */
function signatureBlock(dateLines: Paragraph[]): Paragraph[] {
  const opts = { style: 'TandaTangan', keepNext: true, keepLines: true } as const;
  return [
    ...dateLines,
    p([sys('jabatan_pengirim'), t(',')], opts),
    // Left blank at signing: the stamp goes into the space between the title and the name.
    p([sys('ttd_pengirim')], { ...opts, spacing: { before: 60, after: SIGN_SPACE_AFTER_PT * 20 } }),
    p([sys('nama_pengirim', { bold: true, underline: {} })], opts),
    p([t('NIP. '), sys('nip_pengirim')], { style: 'TandaTangan', keepLines: true }),
  ];
}

function tembusanBlock(): Paragraph[] {
  return [blank(), p([t('Tembusan:')], { style: 'Tembusan', keepNext: true }), p([sys('tembusan')], { style: 'Tembusan' })];
}

/** "Label : value" lines with aligned colons and wrapped values. */
function labelled(label: string, value: (TextRun | string)[], labelCm = 2.6): Paragraph {
  const colon = cm(labelCm);
  const valueAt = colon + cm(0.4);
  return p([t(label), t('\t:\t'), ...value.map((v) => (typeof v === 'string' ? t(v) : v))], {
    tabStops: [
      { type: TabStopType.LEFT, position: colon },
      { type: TabStopType.LEFT, position: valueAt },
    ],
    indent: { left: valueAt, hanging: valueAt },
  });
}

interface Guidance {
  /** Sample paragraphs; tabs lay out "Label : a. text" lists; a leading "^" centres the line. */
  paragraphs: string[];
}

function kindOf(type: TemplateInput['type']): 'penetapan' | 'perintah' | 'instruksi' | 'edaran' | 'lainnya' {
  const n = `${type.code} ${type.name}`.toLowerCase();
  if (/keputusan|peraturan|\bsk\b|perbup|perwal/.test(n)) return 'penetapan';
  if (/surat perintah|surat tugas|\bsprint\b|\bst\b/.test(n)) return 'perintah';
  if (/instruksi/.test(n)) return 'instruksi';
  if (/edaran/.test(n)) return 'edaran';
  return 'lainnya';
}

function korespondensiGuidance(formKind: FormKind | null): Guidance {
  if (formKind === 'nota_dinas') {
    return {
      paragraphs: [
        'Menindaklanjuti [dasar/rujukan], bersama ini kami sampaikan [pokok persoalan yang dilaporkan atau diusulkan kepada atasan].',
        '[Uraian singkat: fakta, analisis, dan saran atau usulan tindak lanjut.]',
        'Demikian kami sampaikan, mohon arahan lebih lanjut.',
      ],
    };
  }
  return {
    paragraphs: [
      'Sehubungan dengan [dasar atau latar belakang surat], dengan ini kami sampaikan [maksud surat].',
      '[Isi pokok surat: uraikan hal yang diminta, diberitahukan, atau dilaporkan secara singkat, jelas, dan lugas.]',
      'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
    ],
  };
}

function judulGuidance(type: TemplateInput['type'], head: string): Guidance {
  switch (kindOf(type)) {
    case 'penetapan':
      return {
        paragraphs: [
          'Menimbang\t:\ta.\tbahwa [pertimbangan filosofis/sosiologis];',
          '\t\tb.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan [judul];',
          'Mengingat\t:\t1.\t[Undang-Undang/Peraturan yang menjadi dasar];',
          '\t\t2.\t[Peraturan Daerah/Peraturan Kepala Daerah terkait];',
          '^MEMUTUSKAN:',
          `Menetapkan\t:\t[JUDUL ${type.name.toUpperCase()}].`,
          'KESATU\t:\t[Diktum pertama].',
          'KEDUA\t:\t[Diktum kedua].',
          'KETIGA\t:\t[Keputusan ini mulai berlaku pada tanggal ditetapkan.]',
        ],
      };
    case 'perintah':
      return {
        paragraphs: [
          'Dasar\t:\t[Peraturan, surat, atau disposisi yang menjadi dasar penugasan].',
          '^MEMERINTAHKAN:',
          'Kepada\t:\t1.\tNama\t: [nama pegawai]',
          '\t\t\tNIP\t: [NIP]',
          '\t\t\tJabatan\t: [jabatan]',
          'Untuk\t:\t1.\t[Tugas yang harus dilaksanakan, tempat, dan waktu];',
          '\t\t2.\tMelaporkan hasil pelaksanaan tugas kepada pemberi tugas.',
        ],
      };
    case 'instruksi':
      return {
        paragraphs: [
          `Dalam rangka [latar belakang], dengan ini ${head} menginstruksikan:`,
          'Kepada\t:\t[pejabat/pihak yang diinstruksikan]',
          'Untuk\t:',
          'KESATU\t:\t[Instruksi pertama].',
          'KEDUA\t:\t[Instruksi ini mulai berlaku pada tanggal dikeluarkan.]',
        ],
      };
    case 'edaran':
      return {
        paragraphs: [
          '1.\tLatar Belakang',
          '\t[Alasan surat edaran ini diterbitkan.]',
          '2.\tMaksud dan Tujuan',
          '\t[Maksud dan tujuan surat edaran.]',
          '3.\tIsi Edaran',
          '\t[Hal yang diedarkan dan perlu dilaksanakan.]',
          'Demikian Surat Edaran ini untuk dilaksanakan dengan penuh tanggung jawab.',
        ],
      };
    default:
      return {
        paragraphs: [
          `[Isi ${type.name}: tuliskan uraian sesuai ketentuan tata naskah dinas untuk jenis naskah ini.]`,
          '[Gunakan paragraf, daftar bernomor, atau tabel sesuai kebutuhan.]',
          `Demikian ${type.name} ini dibuat untuk dipergunakan sebagaimana mestinya.`,
        ],
      };
  }
}

function guidanceParagraphs(g: Guidance, withComment: boolean): Paragraph[] {
  const tabs = [cm(2.6), cm(3.0), cm(3.6), cm(5.5)].map((position) => ({ type: TabStopType.LEFT, position }));
  return g.paragraphs.map((raw, i) => {
    const centred = raw.startsWith('^');
    const text = centred ? raw.slice(1) : raw;
    const listish = text.includes('\t');
    const run = t(text);
    const next = g.paragraphs[i + 1];
    const tight = listish && !!next && next.includes('\t');
    return p(i === 0 && withComment ? withNote([run]) : [run], {
      style: 'Panduan',
      ...(centred ? { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: { before: 120, after: 120 } } : {}),
      ...(listish ? { tabStops: tabs, indent: { left: cm(3.6), hanging: cm(3.6) }, alignment: AlignmentType.LEFT } : {}),
      ...(tight ? { spacing: { after: 0 } } : {}),
    });
  });
}

function korespondensiBody(input: TemplateInput): Paragraph[] {
  const place = input.place ?? placeName(input.region);
  const formKind = input.type.formKind;
  const dateLine = p([t(`${place}, `), sys('tanggal_naskah')], { alignment: AlignmentType.RIGHT, spacing: { before: 240, after: 240 } });

  if (formKind === 'nota_dinas') {
    return [
      p([t('NOTA DINAS')], { style: 'Heading1', spacing: { before: 120, after: 240 } }),
      labelled('Yth.', [sys('tujuan')]),
      labelled('Dari', [sys('jabatan_pengirim')]),
      labelled('Tembusan', [sys('tembusan')]),
      labelled('Tanggal', [sys('tanggal_naskah')]),
      labelled('Nomor', [sys('nomor_naskah')]),
      labelled('Sifat', [sys('sifat')]),
      labelled('Lampiran', [sys('lampiran')]),
      p([t('Hal'), t('\t:\t'), sys('hal')], {
        tabStops: [
          { type: TabStopType.LEFT, position: cm(2.6) },
          { type: TabStopType.LEFT, position: cm(3.0) },
        ],
        indent: { left: cm(3.0), hanging: cm(3.0) },
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: '000000', space: 6 } },
        spacing: { after: 240 },
      }),
      p([bodyField('isi')], { style: 'IsiNaskah' }),
      ...guidanceParagraphs(korespondensiGuidance(formKind), true),
      blank(),
      ...signatureBlock([]),
    ];
  }

  const head = [
    dateLine,
    labelled('Nomor', [sys('nomor_naskah')]),
    labelled('Sifat', [sys('sifat')]),
    labelled('Lampiran', [sys('lampiran')]),
    labelled('Hal', [sys('hal', { bold: false })]),
    blank(),
    p([t('Yth.\t'), sys('tujuan')], { tabStops: [{ type: TabStopType.LEFT, position: cm(1) }], indent: { left: cm(1), hanging: cm(1) } }),
    p([t('di')], { indent: { left: cm(1) } }),
    p([t('Tempat')], { indent: { left: cm(1.6) }, spacing: { after: 240 } }),
  ];

  let body: Paragraph[];
  if (formKind === 'undangan') {
    const row = (label: string, name: string): Paragraph =>
      p([t(label), t('\t:\t'), bodyField(name)], {
        tabStops: [
          { type: TabStopType.LEFT, position: cm(4.5) },
          { type: TabStopType.LEFT, position: cm(4.9) },
        ],
        indent: { left: cm(4.9), hanging: cm(3.6) },
        keepNext: true,
      });
    body = [
      p(withNote([bodyField('pembuka')]), { style: 'IsiNaskah' }),
      row('hari, tanggal', 'hari_tanggal'),
      row('waktu', 'waktu'),
      row('tempat', 'tempat'),
      p([t('acara'), t('\t:\t'), bodyField('acara')], {
        tabStops: [
          { type: TabStopType.LEFT, position: cm(4.5) },
          { type: TabStopType.LEFT, position: cm(4.9) },
        ],
        indent: { left: cm(4.9), hanging: cm(3.6) },
        spacing: { after: 120 },
      }),
      p([bodyField('penutup')], { style: 'IsiNaskah' }),
    ];
  } else {
    body = [p([bodyField('isi')], { style: 'IsiNaskah' }), ...guidanceParagraphs(korespondensiGuidance(formKind), true)];
  }
  return [...head, ...body, blank(), ...signatureBlock([]), ...tembusanBlock()];
}

function judulTitle(input: TemplateInput): string {
  const typeName = input.type.name.toUpperCase();
  const kind = kindOf(input.type);
  if (kind === 'perintah' || kind === 'lainnya') return typeName;
  const lh = input.letterhead;
  const region = input.region.toUpperCase();
  if (lh.kind === 'bupati') return `${typeName} ${lh.lines[0]?.toUpperCase() ?? regionHeadTitle(input.region)}`;
  if (lh.kind === 'setda') return `${typeName} SEKRETARIS DAERAH ${region}`;
  const office = lh.lines[lh.lines.length - 1]?.toUpperCase() ?? 'PERANGKAT DAERAH';
  return `${typeName} KEPALA ${office} ${region}`;
}

function judulBody(input: TemplateInput): Paragraph[] {
  const place = input.place ?? placeName(input.region);
  const title = judulTitle(input);
  const kind = kindOf(input.type);
  const head = title.replace(/^\S+(\s+\S+)?\s+/, '').trim() || title;
  const centred = { alignment: AlignmentType.CENTER } as const;
  const dateLines =
    kind === 'penetapan' || kind === 'instruksi' || kind === 'edaran'
      ? [
          p([t(`${kind === 'penetapan' ? 'Ditetapkan' : 'Dikeluarkan'} di ${place}`)], { style: 'TandaTangan', keepNext: true }),
          p([t('pada tanggal '), sys('tanggal_naskah')], { style: 'TandaTangan', keepNext: true, spacing: { after: 120 } }),
        ]
      : [p([t(`${place}, `), sys('tanggal_naskah')], { style: 'TandaTangan', keepNext: true, spacing: { after: 120 } })];
  return [
    p([t(title, kind === 'perintah' || kind === 'lainnya' ? { underline: {} } : {})], { style: 'Heading1', spacing: { before: 120 } }),
    p([t('NOMOR '), sys('nomor_naskah')], { ...centred, spacing: { after: 120 } }),
    p([t('TENTANG')], { ...centred, spacing: { after: 120 } }),
    p([sys('hal', { allCaps: true })], { ...centred, spacing: { after: 360 } }),
    p([bodyField('isi')], { style: 'IsiNaskah' }),
    ...guidanceParagraphs(judulGuidance(input.type, head), true),
    blank(),
    ...signatureBlock(dateLines),
    ...tembusanBlock(),
  ];
}

/** The .docx template of a document type on a letterhead and paper size. */
export async function generateTemplateDocx(input: TemplateInput): Promise<Buffer> {
  const paper = PAPER[input.paper];
  const textWidth = paper.width - MARGIN.left - MARGIN.right;
  const children = input.type.shape === 'korespondensi' ? korespondensiBody(input) : judulBody(input);
  const doc = new Document({
    title: `Templat ${input.type.name}`,
    subject: `${input.type.name} — KOP ${input.letterhead.kind.toUpperCase()} — ${input.paper}`,
    creator: 'Naskah',
    description: 'Templat naskah dinas Naskah. Teks bersorot kuning diisi otomatis oleh sistem; jangan diubah.',
    comments: { children: [{ id: NOTE_ID, author: 'Naskah', initials: 'NK', date: new Date(0), children: noteParagraphs(input) }] },
    styles: {
      default: {
        document: { run: { font: FONT, size: 24 }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
        heading1: {
          run: { font: FONT, size: 24, bold: true, color: '000000', allCaps: true },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: 24, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: 'Kop',
          name: 'KOP Naskah',
          basedOn: 'Normal',
          run: { font: FONT, bold: true, size: 32 },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
        {
          id: 'KopAlamat',
          name: 'KOP Alamat',
          basedOn: 'Normal',
          run: { font: FONT, size: 20 },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
        },
        {
          id: 'IsiNaskah',
          name: 'Isi Naskah',
          basedOn: 'Normal',
          next: 'IsiNaskah',
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: cm(1.25) }, spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        {
          // Sample text the drafter types over; the in-app form route removes these paragraphs.
          id: 'Panduan',
          name: 'Isi Naskah (contoh)',
          basedOn: 'IsiNaskah',
          next: 'IsiNaskah',
        },
        {
          id: 'TandaTangan',
          name: 'Tanda Tangan',
          basedOn: 'Normal',
          paragraph: { indent: { left: SIGN_INDENT }, keepNext: true },
        },
        {
          id: 'Tembusan',
          name: 'Tembusan',
          basedOn: 'Normal',
          run: { size: 22 },
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: paper.width, height: paper.height }, margin: MARGIN },
        },
        headers: { first: kopHeader(input, textWidth), default: laterPagesHeader() },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
