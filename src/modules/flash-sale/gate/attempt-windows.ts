import { RATE_LIMIT_ATTEMPTS, RATE_LIMIT_WINDOW_MS } from './flash-stock-gate';

/**
 * Fixed-window attempt counter per (sale, shopper) in process memory: the Postgres adapter's rate limit (the
 * Redis adapter counts inside its script, across instances). Old windows are swept when the map grows.
 */
export class AttemptWindows {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(
    private readonly limit = RATE_LIMIT_ATTEMPTS,
    private readonly windowMs = RATE_LIMIT_WINDOW_MS,
    private readonly maxEntries = 100_000,
  ) {}

  /** Counts an attempt; returns 0 when allowed, else the ms until the window ends. */
  hit(key: string, nowMs: number): number {
    let window = this.windows.get(key);
    if (!window || nowMs - window.startedAt >= this.windowMs) {
      if (!window && this.windows.size >= this.maxEntries) this.sweep(nowMs);
      window = { startedAt: nowMs, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits++;
    return window.hits > this.limit ? Math.max(1, window.startedAt + this.windowMs - nowMs) : 0;
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows) {
      if (nowMs - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
    if (this.windows.size >= this.maxEntries) this.windows.clear();
  }
}
