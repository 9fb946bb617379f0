// Warm .docx -> PDF/A-2b conversion through the Converter (UNO worker pool) against a cold
// `soffice --headless --convert-to pdf` per document, on the same letter, in the same run; and for
// both converters (native LibreOffice, WASM) the start-up time, the first conversion after it and
// the resident memory of the converter's own processes after each.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import { createConverter, type Converter } from '../src/server/conversion/converter.js';
import { fillDocx } from '../src/server/templates/fillDocx.js';
import { generateTemplateDocx } from '../src/server/templates/generateTemplate.js';
import { percentile, round, type Bench } from './lib.js';

const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 60);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
/** BENCH_CONVERSION_WASM=0 skips the WASM start-up (a minute and more, 1.5 GB). */
const WITH_WASM = process.env.BENCH_CONVERSION_WASM !== '0';

/** VmRSS of the converter's processes (python + soffice, or the WASM worker), in MB. */
function childRssMb(converter: Converter): number {
  let kb = 0;
  for (const pid of converter.processIds?.() ?? []) {
    try {
      kb += Number(/VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return round(kb / 1024, 0);
}

/** Start-up (explicit start(), as the warm-up at server start does), first conversion, memory after each. */
async function startAndFirst(mode: 'libreoffice' | 'wasm', docx: Buffer) {
  const config = loadConfig({ ...process.env, CONVERTER: mode }).converter;
  const converter = await createConverter(config, pino({ level: 'silent' }));
  try {
    const t0 = performance.now();
    await converter.start!();
    const initMs = performance.now() - t0;
    const rssAfterInit = childRssMb(converter);
    const t1 = performance.now();
    await converter.convert(docx);
    const firstMs = performance.now() - t1;
    const rssAfterFirst = childRssMb(converter);
    return { init_ms: round(initMs, 0), first_conversion_ms: round(firstMs, 0), rss_after_init_mb: rssAfterInit, rss_after_first_mb: rssAfterFirst, processes: converter.processIds?.().length ?? 0 };
  } finally {
    await converter.close();
  }
}

async function letter(): Promise<Buffer> {
  const template = await generateTemplateDocx({
    type: { code: 'SD', name: 'Surat Dinas', shape: 'korespondensi', formKind: 'surat' },
    letterhead: {
      kind: 'pd',
      lines: ['Pemerintah Kabupaten Contoh', 'Dinas Komunikasi dan Informatika'],
      address: 'Jalan Jenderal Sudirman Nomor 1, Contoh 74662',
      contact: 'Telepon (0532) 2071020, Pos-el diskominfo@contohkab.go.id',
    },
    paper: 'A4',
    region: 'Kabupaten Contoh',
  });
  const isi = [
    'Sehubungan dengan penerapan Tata Naskah Dinas Elektronik di lingkungan Pemerintah Kabupaten Contoh, bersama ini kami sampaikan bahwa seluruh naskah dinas keluar wajib ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh Balai Besar Sertifikasi Elektronik.',
    'Untuk itu, kami mohon Saudara menugaskan operator persuratan pada perangkat daerah masing-masing untuk mengikuti bimbingan teknis yang akan dilaksanakan pada pekan depan, serta memastikan setiap pejabat penandatangan telah memiliki akun dan passphrase yang aktif.',
    'Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih.',
  ].join('\n\n');
  return fillDocx(template, {
    nomor_naskah: '000.1.2.3/417/DISKOMINFO/2026',
    tanggal_naskah: '21 November 2026',
    sifat: 'Biasa',
    lampiran: '1 (satu) berkas',
    hal: 'Penerapan Tanda Tangan Elektronik pada Naskah Dinas',
    tujuan: ['Kepala Perangkat Daerah se-Kabupaten Contoh', 'Camat se-Kabupaten Contoh'],
    isi,
    jabatan_pengirim: 'Kepala Dinas Komunikasi dan Informatika',
    nama_pengirim: 'Dr. BUDI SANTOSO, S.Kom., M.T.',
    nip_pengirim: '19771027 200312 1 005',
    tembusan: ['Bupati Contoh (sebagai laporan)', 'Sekretaris Daerah Kabupaten Contoh'],
  });
}

const bench: Bench = {
  name: 'conversion',
  description: 'Warm .docx -> PDF/A-2b p50 through the UNO worker vs cold soffice --convert-to (same letter); start-up, first conversion and RSS of both converters',
  async run() {
    const config = loadConfig({ ...process.env, CONVERTER: 'libreoffice' }).converter;
    const log = pino({ level: 'silent' });
    const docx = await letter();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-bench-conv-'));
    try {
      const native = await startAndFirst('libreoffice', docx);
      const wasm = WITH_WASM ? await startAndFirst('wasm', docx) : null;

      const converter = await createConverter(config, log);
      const startAt = performance.now();
      for (let i = 0; i < 5; i++) await converter.convert(docx); // the first includes start-up
      const startupAndFirst5 = performance.now() - startAt;
      const warm: number[] = [];
      let pages = 0;
      for (let i = 0; i < WARM_RUNS; i++) {
        const t = performance.now();
        const pdf = await converter.convert(docx);
        warm.push(performance.now() - t);
        if (i === 0) {
          fs.writeFileSync(path.join(dir, 'warm.pdf'), pdf);
          pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, 'warm.pdf')], { encoding: 'utf8' }))?.[1]);
        }
      }
      const stats = converter.stats();
      await converter.close();

      // Cold: one soffice process per document, as `soffice --convert-to` is commonly used. The
      // profile exists already (first-ever start is slower still and measured separately).
      const soffice = config.sofficePath ?? 'soffice';
      const input = path.join(dir, 'surat.docx');
      fs.writeFileSync(input, docx);
      const profile = pathToFileURL(path.join(dir, 'profile')).href;
      const filter = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}';
      const coldOnce = (): number => {
        const t = performance.now();
        execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', filter, '--outdir', dir, input], { stdio: 'ignore' });
        const ms = performance.now() - t;
        if (!fs.existsSync(path.join(dir, 'surat.pdf'))) throw new Error('cold soffice produced no PDF');
        fs.rmSync(path.join(dir, 'surat.pdf'));
        return ms;
      };
      const pipesBefore = new Set(fs.readdirSync('/tmp').filter((f) => f.startsWith('OSL_PIPE_')));
      const firstEver = coldOnce();
      const cold: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) cold.push(coldOnce());
      // soffice --convert-to leaves its single-instance pipe behind (one per profile).
      for (const f of fs.readdirSync('/tmp')) if (f.startsWith('OSL_PIPE_') && !pipesBefore.has(f)) fs.rmSync(path.join('/tmp', f), { force: true });

      const warmP50 = percentile(warm, 50);
      const coldP50 = percentile(cold, 50);
      return {
        metrics: {
          warm_p50_ms: round(warmP50, 1),
          warm_p90_ms: round(percentile(warm, 90), 1),
          warm_p99_ms: round(percentile(warm, 99), 1),
          warm_runs: warm.length,
          cold_p50_ms: round(coldP50, 0),
          cold_min_ms: round(Math.min(...cold), 0),
          cold_first_start_ms: round(firstEver, 0),
          cold_runs: cold.length,
          speedup_p50: round(coldP50 / warmP50, 1),
          startup_plus_first5_ms: round(startupAndFirst5, 0),
          pages,
          docx_bytes: docx.length,
          restarts: stats.restarts,
          ...Object.fromEntries(Object.entries(native).map(([k, v]) => [`libreoffice_${k}`, v])),
          ...(wasm ? Object.fromEntries(Object.entries(wasm).map(([k, v]) => [`wasm_${k}`, v])) : {}),
        },
        goals: { warm_p50_ms: '<= 100', speedup_p50: '>= 15' },
        notes:
          'PDF/A-2b both ways. Warm = Converter.convert() end to end (comment stripping, temp file, UNO load + export, read back). ' +
          'Cold = soffice --headless --convert-to with an existing profile, per document. ' +
          '<kind>_init_ms = converter.start() (what the warm-up at server start does; includes a one-paragraph warm-up document), ' +
          '<kind>_first_conversion_ms = the letter right after; rss = VmRSS summed over the converter processes (python + soffice; the WASM worker).',
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
