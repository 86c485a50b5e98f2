import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { listenedSql } from '../../webhooks/webhook-events.repository';
import { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';

const ENTRY_COLUMNS = [
  'id',
  'campaign_id',
  'shopper_id',
  'openid',
  'day',
  'random',
  'picked_prize_id',
  'prize_id',
  'kind',
  'issue_status',
  'coupon_id',
  'transfer_id',
  'issue_error',
  'fulfilment_status',
  'fulfilment_note',
  'shipped_at',
  'created_at',
] as const;

/**
 * A batch of draws and their counts, in one statement, only under the campaign's generation `$8`, and, when `$9`,
 * only while no endpoint of the merchant `$10` takes `lucky_draw.prize_won` (whose events it would not record):
 * else it writes nothing. First the campaign's row, locked FOR KEY SHARE against a rebuild (as lockEpoch 'shared'),
 * then the new rows (they take no lock another batch waits for), then a chance of each shopper's day, upserted in
 * key order, then the units of the prizes awarded, in key order too. Each step waits for the one before (it reads
 * its count), so every batch locks days before prizes and concurrent batches never wait on each other in a cycle.
 * $1 campaign, $2 JSON rows (ENTRY_COLUMNS), $3-$5 shopper, day and draws of each day, $6-$7 prize and units awarded.
 */
const INSERT_COUNTED = `
WITH campaign AS (
  SELECT 1 FROM lucky_draws WHERE id = $1 AND redis_epoch = $8 FOR KEY SHARE
), entries AS (
  INSERT INTO lucky_draw_entries (${ENTRY_COLUMNS.join(', ')})
  SELECT ${ENTRY_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::lucky_draw_entries, $2::json)
  WHERE EXISTS (SELECT 1 FROM campaign) AND NOT ($9 AND ${listenedSql('$10', 'lucky_draw.prize_won')})
  RETURNING 1
), days AS (
  INSERT INTO lucky_draw_chances (campaign_id, shopper_id, day, used, shares)
  SELECT $1, shopper_id, day, used, 0 FROM unnest($3::uuid[], $4::text[], $5::int[]) AS u(shopper_id, day, used)
  WHERE (SELECT count(*) FROM entries) > 0
  ORDER BY shopper_id, day
  ON CONFLICT (campaign_id, shopper_id, day) DO UPDATE SET used = lucky_draw_chances.used + EXCLUDED.used
  RETURNING 1
), prizes AS (
  UPDATE lucky_draw_prizes p SET awarded = p.awarded + u.units
  FROM (SELECT * FROM unnest($6::uuid[], $7::int[]) AS u(id, units) ORDER BY id) AS u
  WHERE p.id = u.id AND p.campaign_id = $1 AND (SELECT count(*) FROM days) > 0
  RETURNING 1
)
SELECT (SELECT count(*) FROM entries)::int AS entries`;

const entryRecord = (entry: LuckyDrawEntry): Record<(typeof ENTRY_COLUMNS)[number], string | null> => ({
  id: entry.id,
  campaign_id: entry.campaignId,
  shopper_id: entry.shopperId,
  openid: entry.openid,
  day: entry.day,
  random: entry.random,
  picked_prize_id: entry.pickedPrizeId,
  prize_id: entry.prizeId,
  kind: entry.kind,
  issue_status: entry.issueStatus,
  coupon_id: entry.couponId,
  transfer_id: entry.transferId,
  issue_error: entry.issueError,
  fulfilment_status: entry.fulfilmentStatus,
  fulfilment_note: null,
  shipped_at: null,
  created_at: entry.createdAt.toISOString(),
});

/** The queries behind draws the Redis gate accepted: the campaign's generation, and a batch of draws. */
@Injectable()
export class DrawRecord {
  constructor(private readonly db: Db) {}

  /**
   * The campaign's generation, its row locked until the caller's transaction ends. `shared` (FOR KEY SHARE): batches
   * of draws accepted here do not wait for each other, only a rebuild or a takeover waits for them. `exclusive` (FOR
   * UPDATE): no batch runs meanwhile, so what is written can be read (a rebuild, a takeover).
   */
  async lockEpoch(campaignId: string, mode: 'shared' | 'exclusive'): Promise<number | null> {
    const [row] = await this.db.query<{ redis_epoch: number }>(
      `SELECT redis_epoch FROM lucky_draws WHERE id = $1 ${mode === 'shared' ? 'FOR KEY SHARE' : 'FOR UPDATE'}`,
      [campaignId],
    );
    return row ? row.redis_epoch : null;
  }

  /** A new generation, and the units of each limited prize awarded, which it starts from. */
  async bumpEpoch(campaignId: string): Promise<{ redisEpoch: number; awarded: Map<string, number> } | null> {
    await this.lockEpoch(campaignId, 'exclusive');
    const [row] = await this.db.query<{ redis_epoch: number }>(
      'UPDATE lucky_draws SET redis_epoch = redis_epoch + 1 WHERE id = $1 RETURNING redis_epoch',
      [campaignId],
    );
    if (!row) return null;
    const prizes = await this.db.query<{ id: string; awarded: number }>(
      'SELECT id, awarded FROM lucky_draw_prizes WHERE campaign_id = $1 AND stock IS NOT NULL',
      [campaignId],
    );
    return { redisEpoch: row.redis_epoch, awarded: new Map(prizes.map((prize) => [prize.id, prize.awarded])) };
  }

  /** The draws of these ids that are written. */
  async written(ids: readonly string[]): Promise<Map<string, LuckyDrawEntry>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .repo(LuckyDrawEntry)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Writes draws (none of them written yet: one that is fails with a unique violation) and counts them, in one
   * statement (INSERT_COUNTED: one round trip where COPY and two updates took four, and a batch's latency is its
   * round trips): a chance of each shopper's day, and the units of the prizes they awarded (`awardedUnits`, prize id
   * -> units). Only under the generation `epoch`, and, with `unlessPrizeWonHeardBy` (a merchant id), only while
   * none of the merchant's endpoints takes `lucky_draw.prize_won`. Outside a transaction it is one of its own.
   * Returns whether it wrote them (all or none).
   */
  async insertCounted(
    campaignId: string,
    epoch: number,
    entries: readonly LuckyDrawEntry[],
    awardedUnits: ReadonlyMap<string, number>,
    unlessPrizeWonHeardBy: string | null = null,
  ): Promise<boolean> {
    if (entries.length === 0) return true;
    const perDay = new Map<string, { shopperId: string; day: string; used: number }>();
    for (const entry of entries) {
      const key = `${entry.shopperId} ${entry.day}`;
      const counted = perDay.get(key) ?? { shopperId: entry.shopperId, day: entry.day, used: 0 };
      counted.used++;
      perDay.set(key, counted);
    }
    const days = [...perDay.values()];
    const prizes = [...awardedUnits.entries()].filter(([, units]) => units > 0);
    const [row] = await this.db.prepared<{ entries: number }>('lucky_draw_insert_counted', INSERT_COUNTED, [
      campaignId,
      JSON.stringify(entries.map(entryRecord)),
      days.map((d) => d.shopperId),
      days.map((d) => d.day),
      days.map((d) => d.used),
      prizes.map(([id]) => id),
      prizes.map(([, units]) => units),
      epoch,
      unlessPrizeWonHeardBy !== null,
      unlessPrizeWonHeardBy,
    ]);
    return row.entries === entries.length;
  }

  /** Campaigns whose draw streams may hold entries: started, and not ended more than a day ago. */
  async streamedCampaignIds(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM lucky_draws WHERE starts_at <= $1
       AND COALESCE(LEAST(ended_at, ends_at), ends_at) > $1::timestamptz - interval '1 day'`,
      [now],
    );
    return rows.map((row) => row.id);
  }
}
