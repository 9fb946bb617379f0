// The start-up estimate: elapsed against expected, never "done" before the engine is ready.
import { describe, expect, it } from 'vitest';
import { startProgress, StartTracker } from './readiness.js';

describe('converter start-up progress', () => {
  it('grows with the elapsed time, stays below 100 % until ready, and is 1 once ready', () => {
    expect(startProgress('starting', 'engine', 0, 90_000)).toBe(0);
    expect(startProgress('starting', 'engine', 45_000, 90_000)).toBeCloseTo(0.5);
    expect(startProgress('starting', 'engine', 85_000, 90_000)).toBeLessThan(startProgress('starting', 'engine', 120_000, 90_000));
    expect(startProgress('starting', 'engine', 10 * 90_000, 90_000)).toBeLessThanOrEqual(0.95);
    expect(startProgress('starting', 'warmup', 1_000, 90_000)).toBe(0.9);
    expect(startProgress('ready', null, 0, 90_000)).toBe(1);
    expect(startProgress('idle', null, 0, 90_000)).toBe(0);
  });

  it('tracks idle -> starting -> ready with start and ready times; a retry keeps the first start time', () => {
    let now = new Date('2026-12-03T08:00:00Z');
    const tr = new StartTracker('wasm', 60_000, () => now);
    expect(tr.snapshot()).toMatchObject({ state: 'idle', kind: 'wasm', startedAt: null, progress: 0 });
    tr.begin('engine');
    now = new Date(now.getTime() + 30_000);
    tr.begin('engine'); // a failed attempt retried
    expect(tr.snapshot()).toMatchObject({ state: 'starting', phase: 'engine', elapsedMs: 30_000, progress: 0.5 });
    tr.enter('warmup');
    now = new Date(now.getTime() + 6_000);
    tr.ready();
    now = new Date(now.getTime() + 60_000);
    expect(tr.snapshot()).toMatchObject({ state: 'ready', phase: null, elapsedMs: 36_000, progress: 1, readyAt: new Date('2026-12-03T08:00:36Z') });
    tr.failed(new Error('boom'));
    expect(tr.snapshot()).toMatchObject({ state: 'failed', error: 'boom', progress: 0 });
  });
});
