/**
 * A campaign's draw gate keys, all under the hash tag {ld:<campaignId>} (one Redis Cluster slot, so one script
 * touches them all), behind the deployment's prefix:
 *   ready                          the generation (epoch) the keys were built for; absent: not loaded
 *   e<epoch>:awarded:<prizeId>     units of a limited prize awarded (loaded for every limited prize by a rebuild)
 *   e<epoch>:day:<day>:<shopperId> hash {used, shares}: the shopper's day, loaded from Postgres on its first draw
 *   draws                          stream of accepted draws, deleted once written to Postgres
 *   rebuild                        the lock of the one instance rebuilding the keys from Postgres
 * Counters carry their generation in their names: a rebuild starts new ones, and what the lost generation left
 * (a shopper's day that survived a partial loss) is never read again.
 */
export interface DrawKeys {
  ready: string;
  stream: string;
  rebuild: string;
  awarded: (epoch: number, prizeId: string) => string;
  day: (epoch: number, day: string, shopperId: string) => string;
}

export function drawKeys(prefix: string, campaignId: string): DrawKeys {
  const tag = `${prefix}{ld:${campaignId}}:`;
  return {
    ready: `${tag}ready`,
    stream: `${tag}draws`,
    rebuild: `${tag}rebuild`,
    awarded: (epoch, prizeId) => `${tag}e${epoch}:awarded:${prizeId}`,
    day: (epoch, day, shopperId) => `${tag}e${epoch}:day:${day}:${shopperId}`,
  };
}

/** A shopper's day outlives its day by this much (days are counted in any time zone). */
export const DAY_KEY_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** Campaign keys outlive its end by a day, and never expire within the hour. */
export const drawKeysExpireAt = (endsAtMs: number, nowMs: number): number =>
  Math.max(endsAtMs + 24 * 60 * 60 * 1000, nowMs + 60 * 60 * 1000);
