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

export interface Converter {
  readonly kind: 'libreoffice' | 'wasm';
  convert(docx: Uint8Array, opts?: ConvertOptions): Promise<Uint8Array>;
  stats(): ConverterStats;
  close(): Promise<void>;
}

export type ConverterConfig = Config['converter'];
