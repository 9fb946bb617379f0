// Start-up state of a converter engine and its estimated progress (pure; the clock is passed in).
import type { ConverterReadiness, ConverterState } from './types.js';

/** Typical start-up on two busy cores: soffice with the warm-up letter; the WASM build's load and LibreOfficeKit init. */
export const TYPICAL_START_MS = { libreoffice: 4_000, wasm: 90_000 } as const;

/** Floor of the estimate once a phase is reached (the WASM warm-up comes after ~95 % of the time). */
const PHASE_FLOOR: Record<string, number> = { warmup: 0.9 };

/** Elapsed against expected, held below 1 until ready (a start slower than expected creeps to 95 %). */
export function startProgress(state: ConverterState, phase: string | null, elapsedMs: number, expectedMs: number): number {
  if (state === 'ready') return 1;
  if (state !== 'starting') return 0;
  const byTime = expectedMs > 0 ? elapsedMs / expectedMs : 0;
  const p = byTime <= 0.9 ? byTime : 0.9 + 0.05 * (1 - Math.exp(-(byTime - 0.9) * 4));
  return Math.min(0.95, Math.max(PHASE_FLOOR[phase ?? ''] ?? 0, p));
}

/** What an adapter keeps: begin/phase/ready/failed as its engine boots; snapshot() for readers. */
export class StartTracker {
  private state: ConverterState = 'idle';
  private phase: string | null = null;
  private startedAt: Date | null = null;
  private readyAt: Date | null = null;
  private error: string | null = null;

  constructor(
    private readonly kind: 'libreoffice' | 'wasm',
    private expectedMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A (re)start begins; a retry while already starting keeps the first start time. */
  begin(phase: string): void {
    if (this.state !== 'starting') {
      this.state = 'starting';
      this.startedAt = this.now();
      this.readyAt = null;
      this.error = null;
    }
    this.phase = phase;
  }

  enter(phase: string): void {
    if (this.state === 'starting') this.phase = phase;
  }

  ready(): void {
    if (this.state !== 'starting') return;
    this.state = 'ready';
    this.phase = null;
    this.readyAt = this.now();
  }

  failed(e: unknown): void {
    this.state = 'failed';
    this.phase = null;
    this.error = String((e as Error)?.message ?? e);
  }

  /** The last measured start-up, once it is known (from an earlier run). */
  expect(ms: number): void {
    if (ms > 0) this.expectedMs = ms;
  }

  snapshot(): ConverterReadiness {
    const end = this.state === 'ready' ? this.readyAt : this.now();
    const elapsedMs = this.startedAt && end ? end.getTime() - this.startedAt.getTime() : null;
    return {
      kind: this.kind,
      state: this.state,
      phase: this.phase,
      startedAt: this.startedAt,
      readyAt: this.readyAt,
      elapsedMs,
      expectedMs: this.expectedMs,
      progress: startProgress(this.state, this.phase, elapsedMs ?? 0, this.expectedMs),
      error: this.error,
    };
  }
}
