// The WASM fallback, once (it is slow): CONVERTER=wasm converts a real letter to PDF/A-2b.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { fillDocx } from '../templates/fillDocx.js';
import { generateTemplateDocx } from '../templates/generateTemplate.js';
import { createConverter, type Converter } from './converter.js';
import { wasmAvailable } from './wasmConverter.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-wasm-test-'));
let converter: Converter | undefined;
afterAll(async () => {
  await converter?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('WasmConverter', () => {
  it('is chosen by CONVERTER=wasm and converts a letter to PDF/A-2b with extractable text', { timeout: 600_000 }, async () => {
    expect(wasmAvailable()).toBeNull();
    const config = loadConfig({ CONVERTER: 'wasm' }).converter;
    converter = await createConverter(config, pino({ level: 'silent' }));
    expect(converter.kind).toBe('wasm');
    expect(converter.readiness!()).toMatchObject({ kind: 'wasm', state: 'idle' });

    const template = await generateTemplateDocx({
      type: { code: 'ND', name: 'Nota Dinas', shape: 'korespondensi', formKind: 'nota_dinas' },
      letterhead: { kind: 'setda', lines: ['Pemerintah Kabupaten Contoh', 'Sekretariat Daerah'] },
      paper: 'F4',
      region: 'Kabupaten Contoh',
    });
    const sentence = 'Bersama ini kami laporkan pelaksanaan rapat koordinasi persuratan elektronik.';
    const docx = fillDocx(template, {
      nomor_naskah: '000.1/5/UMUM/2026',
      tanggal_naskah: '3 Desember 2026',
      sifat: 'Segera',
      lampiran: '-',
      hal: 'Laporan Rapat',
      tujuan: ['Sekretaris Daerah'],
      isi: sentence,
      jabatan_pengirim: 'Kepala Bagian Umum',
      nama_pengirim: 'SITI AMINAH',
      nip_pengirim: '198001012005012001',
      tembusan: [],
    });
    const pdf = await converter.convert(docx);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toMatch(/<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/);
    const file = path.join(tmp, 'nota.pdf');
    fs.writeFileSync(file, pdf);
    const extracted = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(extracted).toContain('SITI AMINAH');
    expect(extracted).toContain(sentence);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+(609|610)(\.\d+)? x (935|936)(\.\d+)? pts/); // F4 (215 x 330 mm)
    await expect(converter.convert(Buffer.from('bukan docx'))).rejects.toMatchObject({ code: 'CONVERSION_FAILED' });
    expect(converter.stats().conversions).toBe(1);
    // The first conversion started the engine (lazily): ready, timed, and its worker process known.
    const r = converter.readiness!();
    expect(r).toMatchObject({ state: 'ready', progress: 1 });
    expect(r.elapsedMs).toBeGreaterThan(0);
    const [pid] = converter.processIds!();
    expect(fs.readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/VmRSS:\s+\d+ kB/);
  });
});
