import type { StreamBacklog } from './gate-metrics';

/** Streams read per scrape at most: the scrape's work stays bounded however many campaigns are open. */
const MAX_STREAMS_READ = 100;

/**
 * The backlog of a hot path whose accepting instance writes its own entries (coupon claims, lucky draws): what is
 * in the campaigns' streams is not written yet. No consumer group reads them, so none is pending in the group sense.
 */
export async function hotGateBacklog(
  campaignIds: string[],
  length: (campaignId: string) => Promise<number>,
): Promise<StreamBacklog> {
  const lengths = await Promise.all(campaignIds.slice(0, MAX_STREAMS_READ).map(length));
  return { entries: lengths.reduce((sum, one) => sum + one, 0), pending: 0 };
}
