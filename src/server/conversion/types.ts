// The converter interface every adapter implements (LibreOffice pool, WASM).
import type { Config } from '../config.js';

export interface ConvertOptions {
  /** PDF/A-2b (default true): fonts embedded, XMP metadata; what gets signed and archived. */
  pdfa?: boolean;
  /** Per-job limit; defaults to config.converter.timeoutMs. */
  timeoutMs?: number;
}

export interface ConverterStats {
  conversions: number;
  restarts: number;
  lastRestartReason?: string;
}

/** idle: not started yet (lazy); starting: the engine boots, conversions wait; failed: the last start gave up. */
export type ConverterState = 'idle' | 'starting' | 'ready' | 'failed';

/** Whether the engine is up, and if not how far its start-up is (what a drafter waiting for a preview is told). */
export interface ConverterReadiness {
  kind: 'libreoffice' | 'wasm';
  state: ConverterState;
  /** Observable step of the start-up (WASM: engine, then warmup; LibreOffice: starting). */
  phase: string | null;
  startedAt: Date | null;
  readyAt: Date | null;
  /** Since startedAt (until readyAt once ready). */
  elapsedMs: number | null;
  /** How long a start of this kind takes (the last measured one, else a typical figure). */
  expectedMs: number;
  /** Estimated 0..1 (1 once ready); elapsed against expected, never 1 before ready. */
  progress: number;
  error: string | null;
}

export interface Converter {
  readonly kind: 'libreoffice' | 'wasm';
  convert(docx: Uint8Array, opts?: ConvertOptions): Promise<Uint8Array>;
  stats(): ConverterStats;
  close(): Promise<void>;
  /** Starts the engine now instead of at the first conversion (resolves when ready). */
  start?(): Promise<void>;
  /** Start-up state; an adapter without one is taken to be always ready. */
  readiness?(): ConverterReadiness;
  /** Pids of the engine's own processes (python + soffice, the WASM worker), for memory figures. */
  processIds?(): number[];
}

export type ConverterConfig = Config['converter'];
