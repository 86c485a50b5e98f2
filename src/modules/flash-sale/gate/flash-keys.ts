/**
 * A sale's gate keys, all under the hash tag {fs:<saleId>} (one Redis Cluster slot, so one script can touch
 * them all), behind the deployment's prefix:
 *   ready      the generation (epoch) the keys were built for; absent: not loaded, nothing is decided
 *   stock      units left
 *   quota      hash shopperId -> units held (plus a placeholder field, so the hash never vanishes)
 *   res        stream of accepted reservations, read by the `persist` consumer group
 *   pending    hash reservationId -> shopperId: accepted, not persisted yet
 *   idem       hash shopperId \n Idempotency-Key -> "reservationId quantity"
 *   released   set of reservation ids already given back and of stock changes already applied ('stock:' + change
 *              id), so each is counted once
 *   rebuild    the lock of the one instance rebuilding the keys from Postgres
 *   rl:<shopperId>  attempts in the current rate-limit window
 */
export interface SaleKeys {
  ready: string;
  stock: string;
  quota: string;
  stream: string;
  pending: string;
  idem: string;
  released: string;
  rebuild: string;
  rateLimitPrefix: string;
}

/** Field that keeps a hash or set alive (and its expiry with it) when every real entry is gone. */
export const PLACEHOLDER = '_';

/** The consumer group persisting a sale's stream. */
export const PERSIST_GROUP = 'persist';

export function saleKeys(prefix: string, saleId: string): SaleKeys {
  const tag = `${prefix}{fs:${saleId}}:`;
  return {
    ready: `${tag}ready`,
    stock: `${tag}stock`,
    quota: `${tag}quota`,
    stream: `${tag}res`,
    pending: `${tag}pending`,
    idem: `${tag}idem`,
    released: `${tag}released`,
    rebuild: `${tag}rebuild`,
    rateLimitPrefix: `${tag}rl:`,
  };
}

/** Keys that a rebuild replaces (everything but its own lock and the short-lived rate counters). */
export const rebuiltKeys = (keys: SaleKeys): string[] => [
  keys.ready,
  keys.stock,
  keys.quota,
  keys.stream,
  keys.pending,
  keys.idem,
  keys.released,
];

/** Keys outlive the sale's close by this much (releases of orders still awaiting payment keep arriving). */
const KEEP_AFTER_CLOSE_MS = 24 * 60 * 60 * 1000;

/** When a sale's keys expire: a day past its close, and never within the hour (a sale edited or rebuilt late). */
export const keysExpireAt = (closesAtMs: number, nowMs: number): number =>
  Math.max(closesAtMs + KEEP_AFTER_CLOSE_MS, nowMs + KEEP_AFTER_CLOSE_MS / 24);

/** Pub/sub channel on which a sale that got units back is announced, so every instance drops its sold-out flag. */
export const restockChannel = (prefix: string): string => `${prefix}flash-sale:restock`;
