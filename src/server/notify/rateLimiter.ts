// Spaces calls at least 60 000 / perMinute ms apart in this process (WhatsApp providers
// throttle and ban bursts). Several workers each keep their own pace.
export class RateLimiter {
  private next = 0;
  constructor(private readonly perMinute: number) {}

  /** Resolves when the caller may send. */
  async take(now: () => number = Date.now): Promise<void> {
    const gap = 60_000 / this.perMinute;
    const t = now();
    const slot = Math.max(t, this.next);
    this.next = slot + gap;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  }
}
