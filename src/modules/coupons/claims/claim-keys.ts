/**
 * A public template's claim gate keys, all under the hash tag {cp:<templateId>} (one Redis Cluster slot, so one
 * script touches them all), behind the deployment's prefix:
 *   ready    the generation (epoch) the keys were built for; absent: not loaded, nothing is decided
 *   issued   coupons issued (the record's count when loaded, plus every claim accepted since)
 *   holders  hash shopperId -> coupons issued to that shopper
 *   claims   stream of accepted claims, deleted once written to Postgres (ClaimBatches, ClaimTakeover)
 *   rebuild  the lock of the one instance rebuilding the keys from Postgres
 * `issued` and `holders` are the names the QuotaStore's Redis adapter uses for the same counts.
 */
export interface ClaimKeys {
  ready: string;
  issued: string;
  holders: string;
  stream: string;
  rebuild: string;
}

export function claimKeys(prefix: string, templateId: string): ClaimKeys {
  const tag = `${prefix}{cp:${templateId}}:`;
  return {
    ready: `${tag}ready`,
    issued: `${tag}issued`,
    holders: `${tag}holders`,
    stream: `${tag}claims`,
    rebuild: `${tag}rebuild`,
  };
}

/** Keys that a rebuild replaces (everything but its own lock). */
export const rebuiltClaimKeys = (keys: ClaimKeys): string[] => [keys.ready, keys.issued, keys.holders, keys.stream];

/** Keys outlive the claim window by a day, and never expire within the hour (a template edited or rebuilt late). */
export const claimKeysExpireAt = (claimEndsAtMs: number, nowMs: number): number =>
  Math.max(claimEndsAtMs + 24 * 60 * 60 * 1000, nowMs + 60 * 60 * 1000);
