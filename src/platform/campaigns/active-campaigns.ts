import type { Db } from '../database/db';

export interface CampaignTable {
  table: string;
  /** The columns of its window (`[startsAt, endsAt)`). */
  startsAt: string;
  endsAt: string;
  /** False for a table that has no early end (yet). */
  endedAt: boolean;
}

/**
 * How many of a merchant's campaigns in `campaigns` are `active` at `now` (the SQL twin of `campaignStatus`),
 * counted in the database. Each module calls it for its own table only.
 */
export async function countActiveCampaigns(db: Db, campaigns: CampaignTable, merchantId: string, now: Date) {
  const { table, startsAt, endsAt, endedAt } = campaigns;
  const [row] = await db.query<{ active: number }>(
    `SELECT count(*)::int AS active FROM ${table}
      WHERE merchant_id = $1 AND ${startsAt} <= $2 AND ${endsAt} > $2${endedAt ? ' AND ended_at IS NULL' : ''}`,
    [merchantId, now],
  );
  return row?.active ?? 0;
}
