// Interop tests against the real LibreOffice (Debian libreoffice-writer-nogui + python3-uno) and
// poppler (pdfinfo, pdffonts, pdftotext), as CI installs them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, para, run } from '../../../test/fixtures/templates/docx.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { fillDocx } from '../templates/fillDocx.js';
import { generateTemplateDocx } from '../templates/generateTemplate.js';
import { createConverter, findSoffice, pythonHasUno } from './converter.js';
import { groupPids, LibreOfficeConverter } from './libreOfficeConverter.js';

const log = pino({ level: 'silent' });
const baseConfig = loadConfig({}).converter;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-conv-test-'));
const SENTENCE = 'Sehubungan dengan penerapan tanda tangan elektronik, kami mengundang Saudara hadir.';

let letter: Buffer;
let template: Buffer;

function tool(cmd: string, args: string[], pdf: Uint8Array): string {
  const file = path.join(tmp, `${cmd}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync(cmd, [...args, file, ...(cmd === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLed processes take a moment to disappear from /proc. */
async function gone(pgid: number, ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  let pids = groupPids(pgid);
  while (pids.length && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    pids = groupPids(pgid);
  }
  return pids;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

function native(overrides: Partial<typeof baseConfig> = {}): LibreOfficeConverter {
  const soffice = findSoffice(baseConfig.sofficePath);
  if (!soffice) throw new Error('LibreOffice (soffice) is required for these tests; CI installs libreoffice-writer-nogui');
  return new LibreOfficeConverter({ ...baseConfig, ...overrides, sofficePath: soffice }, log, { tmpDir: tmp });
}

beforeAll(async () => {
  template = await generateTemplateDocx({
    type: { code: 'SD', name: 'Surat Dinas', shape: 'korespondensi', formKind: 'surat' },
    letterhead: { kind: 'pd', lines: ['Pemerintah Kabupaten Contoh', 'Dinas Komunikasi dan Informatika'], address: 'Jalan Merdeka Nomor 1' },
    paper: 'A4',
    region: 'Kabupaten Contoh',
  });
  letter = fillDocx(template, {
    nomor_naskah: '000.1/17/DISKOMINFO/2026',
    tanggal_naskah: '21 November 2026',
    sifat: 'Biasa',
    lampiran: '-',
    hal: 'Sosialisasi TTE',
    tujuan: ['Kepala Dinas Pendidikan'],
    isi: SENTENCE,
    jabatan_pengirim: 'Kepala Dinas Komunikasi dan Informatika',
    nama_pengirim: 'BUDI SANTOSO',
    nip_pengirim: '197710272003121005',
    tembusan: [],
  });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('createConverter', () => {
  it('picks native LibreOffice on this machine and refuses an explicit but missing one', async () => {
    const c = await createConverter({ ...baseConfig, mode: 'auto' }, log);
    expect(c.kind).toBe('libreoffice');
    await c.close();
    const e = await failure(createConverter({ ...baseConfig, mode: 'libreoffice', sofficePath: '/nonexistent/soffice' }, log));
    expect(e.code).toBe('CONVERTER_UNAVAILABLE');
    expect(e.userMessage('id')).toContain('SOFFICE_PATH=/nonexistent/soffice');
    expect(await pythonHasUno('/nonexistent/python3')).toBe(false);
    expect(await pythonHasUno(baseConfig.python)).toBe(true);
    expect(findSoffice(undefined, '')).toMatch(/soffice$/); // well-known locations without PATH
  });
});

describe('LibreOfficeConverter (warm UNO worker)', () => {
  const conv = native();
  afterAll(() => conv.close());

  it('converts a filled letter to PDF/A-2b with embedded fonts and extractable text', async () => {
    const pdf = await conv.convert(letter);
    const xmp = Buffer.from(pdf).toString('latin1');
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>|pdfaid:conformance="B"/);
    const fonts = tool('pdffonts', [], pdf).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line.split(/\s+/).at(-5), line).toBe('yes'); // "emb" column
    const info = tool('pdfinfo', [], pdf);
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = tool('pdftotext', [], pdf).replace(/\s+/g, ' ');
    expect(text).toContain('NIP');
    expect(text).toContain(SENTENCE);
    expect(text).toContain('DINAS KOMUNIKASI DAN INFORMATIKA');
    expect(text).toContain('Contoh, 21 November 2026');
  });

  it('exports plain PDF when PDF/A is not wanted, and converts templates carrying Word comments', async () => {
    const pdf = await conv.convert(template, { pdfa: false });
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('pdfaid:part');
    expect(tool('pdftotext', [], pdf)).toContain('${nomor_naskah}');
  });

  it('refuses broken input with CONVERSION_FAILED and keeps serving', async () => {
    const before = conv.stats();
    const notDocx = await failure(conv.convert(Buffer.from('bukan docx')));
    expect(notDocx.code).toBe('CONVERSION_FAILED');
    expect(notDocx.userMessage('id')).toContain('bukan dokumen Word');
    // A package LibreOffice cannot read: document.xml replaced by non-XML.
    const zip = new PizZip(makeDocx(para(run('x'))));
    zip.file('word/document.xml', 'ini <bukan> xml &&&');
    const broken = await failure(conv.convert(zip.generate({ type: 'nodebuffer' })));
    expect(broken.code).toBe('CONVERSION_FAILED');
    expect(broken.details?.reason).toBe('dokumen_tidak_terbaca');
    expect(tool('pdftotext', [], await conv.convert(letter)).replace(/\s+/g, ' ')).toContain(SENTENCE);
    expect(conv.stats().restarts).toBe(before.restarts);
  });

  it('queues concurrent conversions on one soffice', async () => {
    const before = conv.stats().conversions;
    const pdfs = await Promise.all(Array.from({ length: 4 }, () => conv.convert(letter)));
    for (const pdf of pdfs) expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(conv.stats().conversions).toBe(before + 4);
    const { workerPid } = conv.processInfo();
    expect(groupPids(workerPid!).length).toBeGreaterThanOrEqual(2); // python + soffice (+ oosplash)
  });

  it('recovers when soffice is killed: the next conversion succeeds', async () => {
    const before = conv.stats().restarts;
    const { sofficePid, workerPid } = conv.processInfo();
    expect(sofficePid).toBeGreaterThan(0);
    for (const pid of groupPids(workerPid!)) if (pid !== workerPid) process.kill(pid, 'SIGKILL');
    const pdf = await conv.convert(letter);
    expect(tool('pdftotext', [], pdf).replace(/\s+/g, ' ')).toContain(SENTENCE);
    expect(conv.stats().restarts).toBeGreaterThan(before);
    expect(['crash', 'exited']).toContain(conv.stats().lastRestartReason);
    expect(alive(workerPid!)).toBe(false);
  });

  it('times out a job by killing the process group, then converts again', async () => {
    const { workerPid } = conv.processInfo();
    const e = await failure(conv.convert(letter, { timeoutMs: 1 }));
    expect(e.code).toBe('CONVERSION_TIMEOUT');
    expect(conv.stats().lastRestartReason).toBe('timeout');
    expect(await gone(workerPid!)).toEqual([]);
    expect(tool('pdftotext', [], await conv.convert(letter))).toContain(SENTENCE.slice(0, 40));
  });
});

describe('LibreOfficeConverter restarts and shutdown', () => {
  it('restarts every N conversions and when soffice memory passes the limit', async () => {
    const every = native({ restartEvery: 2 });
    try {
      for (let i = 0; i < 3; i++) await every.convert(letter);
      expect(every.stats()).toMatchObject({ conversions: 3, restarts: 1, lastRestartReason: 'restartEvery' });
    } finally {
      await every.close();
    }
    const rss = native({ maxRssMb: 1 });
    try {
      await rss.convert(letter);
      await rss.convert(letter);
      expect(rss.stats()).toMatchObject({ conversions: 2, lastRestartReason: 'rss' });
      expect(rss.stats().restarts).toBeGreaterThanOrEqual(1);
    } finally {
      await rss.close();
    }
  });

  it('reports its start-up: idle, starting while soffice boots, ready with the time it took; its pids are python and soffice', async () => {
    const c = native();
    try {
      expect(c.readiness()).toMatchObject({ kind: 'libreoffice', state: 'idle', progress: 0 });
      expect(c.processIds()).toEqual([]);
      const started = c.start();
      await new Promise((r) => setTimeout(r, 20)); // start() queues behind earlier calls
      expect(c.readiness()).toMatchObject({ state: 'starting', phase: 'starting' });
      expect(c.readiness().progress).toBeLessThan(1);
      await started;
      const r = c.readiness();
      expect(r).toMatchObject({ state: 'ready', progress: 1, error: null });
      expect(r.elapsedMs).toBeGreaterThan(0);
      expect(r.readyAt!.getTime() - r.startedAt!.getTime()).toBe(r.elapsedMs);
      const { workerPid, sofficePid } = c.processInfo();
      expect(c.processIds()).toEqual(expect.arrayContaining([workerPid, sofficePid]));
    } finally {
      await c.close();
    }
  });

  it('close() leaves no process and no temporary profile behind', async () => {
    const c = native();
    await c.start();
    const { workerPid, sofficePid } = c.processInfo();
    const dirs = () => fs.readdirSync(tmp).filter((d) => d.startsWith('naskah-lo-'));
    expect(dirs().length).toBeGreaterThan(0);
    await c.close();
    expect(await gone(workerPid!)).toEqual([]);
    expect(alive(sofficePid!)).toBe(false);
    await expect(c.convert(letter)).rejects.toMatchObject({ code: 'CONVERTER_UNAVAILABLE' });
    expect(dirs().length).toBe(0);
  });
});
