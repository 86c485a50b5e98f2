import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { bucketSql } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Db } from '../../platform/database/db';
import { CampaignStatsDto } from './dto/campaign.dto';
import { GroupBuyCampaign } from './entities/group-buy-campaign.entity';

type StatsRow = { campaign_id: string } & Record<keyof CampaignStatsDto, string>;

const EMPTY_STATS: CampaignStatsDto = {
  rooms: 0,
  pending: 0,
  open: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  shares: 0,
  joinsFromShares: 0,
};

/** Queries on campaigns and the counts their stats and timelines are made of; no rules. */
@Injectable()
export class GroupBuyCampaignsRepository {
  constructor(private readonly db: Db) {}

  async insert(campaign: GroupBuyCampaign): Promise<void> {
    await this.db.repo(GroupBuyCampaign).insert({ ...campaign });
  }

  find(id: string, merchantId?: string): Promise<GroupBuyCampaign | null> {
    return this.db.repo(GroupBuyCampaign).findOneBy(merchantId ? { id, merchantId } : { id });
  }

  findMany(ids: string[]): Promise<GroupBuyCampaign[]> {
    return ids.length ? this.db.repo(GroupBuyCampaign).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The merchant's campaigns, newest first; `q` matches the product name the campaign was created with. */
  listForMerchant(merchantId: string, query: CampaignListQuery, now: Date): Promise<GroupBuyCampaign[]> {
    const columns = { alias: 'c', name: 'product_name', startsAt: 'starts_at', endsAt: 'ends_at' };
    const builder = this.db.repo(GroupBuyCampaign).createQueryBuilder('c');
    return campaignListQuery(builder, merchantId, query, columns, now).getMany();
  }

  /** The row, locked for the rest of the transaction (an edit against concurrent edits and the start). */
  lockForMerchant(id: string, merchantId: string): Promise<GroupBuyCampaign | null> {
    return this.db
      .repo(GroupBuyCampaign)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id AND c.merchant_id = :merchantId', { id, merchantId })
      .getOne();
  }

  async update(id: string, changes: Partial<GroupBuyCampaign>): Promise<void> {
    await this.db.repo(GroupBuyCampaign).update({ id }, changes);
  }

  /** Sets the end once: a second end leaves the first one's time. */
  async end(id: string, merchantId: string, now: Date): Promise<boolean> {
    const ended = await this.db.query(
      'UPDATE group_buy_campaigns SET ended_at = $3 WHERE id = $1 AND merchant_id = $2 AND ended_at IS NULL RETURNING id',
      [id, merchantId, now],
    );
    return ended.length > 0;
  }

  /** Exact counts, read from the rooms, members and share opens themselves. */
  async stats(campaignId: string): Promise<CampaignStatsDto> {
    return (await this.statsOf([campaignId])).get(campaignId) ?? { ...EMPTY_STATS };
  }

  /** Stats of many campaigns in three grouped queries, however many there are (a list page). */
  async statsOf(campaignIds: string[]): Promise<Map<string, CampaignStatsDto>> {
    const found = new Map(campaignIds.map((id) => [id, { ...EMPTY_STATS }]));
    if (campaignIds.length === 0) return found;
    const [rooms, shares, joins] = await Promise.all([
      this.db.query<StatsRow>(
        `SELECT campaign_id, count(*) AS rooms,
                count(*) FILTER (WHERE status = 'pending') AS pending,
                count(*) FILTER (WHERE status = 'open') AS open,
                count(*) FILTER (WHERE status = 'completed') AS completed,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                count(*) FILTER (WHERE status = 'cancelled') AS cancelled
         FROM group_rooms WHERE campaign_id = ANY($1) GROUP BY campaign_id`,
        [campaignIds],
      ),
      this.db.query<{ campaign_id: string; n: string }>(
        'SELECT campaign_id, count(*) AS n FROM group_room_share_opens WHERE campaign_id = ANY($1) GROUP BY 1',
        [campaignIds],
      ),
      this.db.query<{ campaign_id: string; n: string }>(
        'SELECT campaign_id, count(*) AS n FROM group_room_members WHERE campaign_id = ANY($1) AND via_share GROUP BY 1',
        [campaignIds],
      ),
    ]);
    for (const row of rooms) {
      const stats = found.get(row.campaign_id)!;
      for (const key of ['rooms', 'pending', 'open', 'completed', 'failed', 'cancelled'] as const) {
        stats[key] = Number(row[key]);
      }
    }
    for (const row of shares) found.get(row.campaign_id)!.shares = Number(row.n);
    for (const row of joins) found.get(row.campaign_id)!.joinsFromShares = Number(row.n);
    return found;
  }

  /** Rooms opened (by the leader's payment) and closed, per bucket, over the rooms of one campaign. */
  roomTimeline(campaignId: string, bucket: TimelineBucket): Promise<Array<Record<string, string> & { at: Date }>> {
    return this.db.query(
      `SELECT at, sum(opened) AS "roomsOpened", sum(completed) AS "roomsCompleted", sum(failed) AS "roomsFailed"
       FROM (
         SELECT ${bucketSql(bucket, 'opened_at')} AS at, 1 AS opened, 0 AS completed, 0 AS failed
         FROM group_rooms WHERE campaign_id = $1 AND opened_at IS NOT NULL
         UNION ALL
         SELECT ${bucketSql(bucket, 'closed_at')}, 0, (status = 'completed')::int, (status = 'failed')::int
         FROM group_rooms WHERE campaign_id = $1 AND status IN ('completed', 'failed')
       ) events GROUP BY at`,
      [campaignId],
    );
  }

  /** What members paid per bucket of their payment: their orders' totals, as the seat rows hold them. */
  revenueTimeline(campaignId: string, bucket: TimelineBucket): Promise<Array<{ at: Date; revenueFen: string }>> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'paid_at')} AS at, sum(amount_fen) AS "revenueFen"
       FROM group_room_members WHERE campaign_id = $1 AND paid_at IS NOT NULL GROUP BY 1`,
      [campaignId],
    );
  }
}
