// .docx -> PDF conversion behind one small interface: a warm native LibreOffice (UNO worker) when
// soffice and python3-uno are installed, else LibreOffice compiled to WebAssembly, so a fresh
// machine still converts. Selected by CONVERTER (auto | libreoffice | wasm).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

export type { ConvertOptions, ConverterStats, Converter, ConverterConfig, ConverterReadiness, ConverterState } from './types.js';
export { startProgress, TYPICAL_START_MS } from './readiness.js';
import type { Converter, ConverterConfig, ConverterReadiness } from './types.js';

export interface CreateConverterOptions {
  /** Start the engine now, in the background, instead of at the first conversion. */
  warm?: boolean;
  /** Start-up times measured before on this installation, per kind (the progress estimate uses them). */
  expectedStartMs?: Partial<Record<Converter['kind'], number>>;
}

/** Readiness of any converter; one without the method is always ready. */
export function readinessOf(converter: Converter): ConverterReadiness {
  if (converter.readiness) return converter.readiness();
  return { kind: converter.kind, state: 'ready', phase: null, startedAt: null, readyAt: null, elapsedMs: null, expectedMs: 0, progress: 1, error: null };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const WELL_KNOWN_SOFFICE = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/snap/bin/libreoffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
];

/** SOFFICE_PATH if set (must exist), else `soffice`/`libreoffice` on PATH, else well-known places. */
export function findSoffice(configured: string | undefined, envPath = process.env.PATH ?? ''): string | null {
  if (configured) return isExecutable(configured) ? configured : null;
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  for (const dir of fs.existsSync('/opt') ? fs.readdirSync('/opt').filter((d) => /^libreoffice/i.test(d)) : []) {
    const candidate = path.join('/opt', dir, 'program', 'soffice');
    if (isExecutable(candidate)) return candidate;
  }
  return WELL_KNOWN_SOFFICE.find(isExecutable) ?? null;
}

/** Whether `python` can import the UNO bridge (Debian: python3-uno). */
export function pythonHasUno(python: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import uno'], { timeout: 15_000 }, (err) => resolve(!err));
  });
}

function unavailable(id: string, en: string, details: Record<string, unknown>): AppError {
  return new AppError('CONVERTER_UNAVAILABLE', details, { id, en });
}

/**
 * Builds the converter the configuration asks for. `auto` prefers native LibreOffice and falls
 * back to WASM (logged); an explicit mode that cannot run fails with CONVERTER_UNAVAILABLE.
 * The engine starts lazily at the first conversion unless `warm` is set.
 */
export async function createConverter(config: ConverterConfig, log: Logger, opts: CreateConverterOptions = {}): Promise<Converter> {
  if (config.mode !== 'wasm') {
    const soffice = findSoffice(config.sofficePath);
    const uno = soffice ? await pythonHasUno(config.python) : false;
    if (soffice && uno) {
      const { LibreOfficeConverter } = await import('./libreOfficeConverter.js');
      const converter = new LibreOfficeConverter({ ...config, sofficePath: soffice }, log, { expectedStartMs: opts.expectedStartMs?.libreoffice });
      if (opts.warm) converter.start().catch((e: unknown) => log.warn({ err: e }, 'LibreOffice warm-up failed; will retry at the first conversion'));
      log.info({ soffice, python: config.python }, 'converter: native LibreOffice (UNO worker)');
      return converter;
    }
    const reason = !soffice
      ? config.sofficePath
        ? `SOFFICE_PATH=${config.sofficePath} tidak ditemukan atau tidak dapat dijalankan`
        : 'soffice tidak ditemukan di PATH'
      : `${config.python} tidak dapat memuat modul uno (pasang paket python3-uno)`;
    if (config.mode === 'libreoffice') {
      throw unavailable(
        `Konverter LibreOffice tidak tersedia: ${reason}. Pasang LibreOffice (libreoffice-writer-nogui, python3-uno) atau setel CONVERTER=wasm.`,
        `LibreOffice converter unavailable: ${reason}.`,
        { mode: 'libreoffice', reason },
      );
    }
    log.warn({ reason }, 'converter: native LibreOffice unavailable, using the WASM build (slower)');
  }
  const { WasmConverter, wasmAvailable } = await import('./wasmConverter.js');
  const missing = wasmAvailable();
  if (missing) {
    throw unavailable(
      `Konverter WASM tidak tersedia: ${missing}. Jalankan "npm ci" atau pasang LibreOffice.`,
      `WASM converter unavailable: ${missing}.`,
      { mode: 'wasm', reason: missing },
    );
  }
  const converter = new WasmConverter(config, log, { expectedStartMs: opts.expectedStartMs?.wasm });
  if (opts.warm) converter.start().catch((e: unknown) => log.warn({ err: e }, 'WASM converter warm-up failed'));
  log.info('converter: LibreOffice WASM');
  return converter;
}
