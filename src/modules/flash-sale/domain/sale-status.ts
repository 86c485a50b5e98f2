export type SaleStatus = 'upcoming' | 'active' | 'sold_out' | 'ended';

export interface SaleWindow {
  startsAtMs: number;
  /** Exclusive. */
  endsAtMs: number;
}

/** Attempts are accepted from `startsAt` (inclusive) until `endsAt` (exclusive). */
export const isOpen = (window: SaleWindow, nowMs: number): boolean =>
  nowMs >= window.startsAtMs && nowMs < window.endsAtMs;

/** The public status: the window first (an ended sale is `ended` even when sold out), then the stock. */
export function saleStatus(window: SaleWindow, nowMs: number, remaining: number): SaleStatus {
  if (nowMs < window.startsAtMs) return 'upcoming';
  if (nowMs >= window.endsAtMs) return 'ended';
  return remaining <= 0 ? 'sold_out' : 'active';
}
