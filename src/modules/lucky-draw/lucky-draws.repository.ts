import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { bucketSql } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Db } from '../../platform/database/db';
import { DRAW_ISSUE_LIFECYCLE } from './domain/draw-issue-lifecycle';
import { LuckyDrawEntry } from './entities/lucky-draw-entry.entity';
import { LuckyDrawPrize } from './entities/lucky-draw-prize.entity';
import { LuckyDraw } from './entities/lucky-draw.entity';

export interface CampaignDefinition {
  campaign: LuckyDraw;
  /** In published order. */
  prizes: LuckyDrawPrize[];
  byId: ReadonlyMap<string, LuckyDrawPrize>;
}

const CACHED_DEFINITIONS = 2000;
const LISTED = 100;

export interface DrawStats {
  draws: number;
  won: Record<string, number>;
  outOfStock: number;
}

/**
 * Queries on draw campaigns and draws. Definitions are cached until CampaignChanges reports an edit or an end of
 * the campaign (on any instance).
 */
@Injectable()
export class LuckyDrawsRepository {
  private readonly cache = new Map<string, CampaignDefinition>();
  /** Moves on every change heard: a definition read before a change is not cached after it. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    changes: CampaignChanges,
  ) {
    changes.on('lucky-draws', (id) => {
      this.generation++;
      this.cache.delete(id);
    });
  }

  listForMerchant(merchantId: string, query: CampaignListQuery, now: Date): Promise<LuckyDraw[]> {
    const columns = { alias: 'd', name: 'name', startsAt: 'starts_at', endsAt: 'ends_at' };
    return campaignListQuery(
      this.db.repo(LuckyDraw).createQueryBuilder('d'),
      merchantId,
      query,
      columns,
      now,
    ).getMany();
  }

  /** The prizes of many campaigns, in published order, in one query. */
  async prizesOf(campaignIds: string[]): Promise<Map<string, LuckyDrawPrize[]>> {
    const found = new Map(campaignIds.map((id) => [id, [] as LuckyDrawPrize[]]));
    if (campaignIds.length === 0) return found;
    const prizes = await this.db
      .repo(LuckyDrawPrize)
      .find({ where: { campaignId: In(campaignIds) }, order: { position: 'ASC' } });
    for (const prize of prizes) found.get(prize.campaignId)!.push(prize);
    return found;
  }

  /** The campaign row, locked for the rest of the transaction, with its prizes as they are now. */
  async lockForMerchant(
    id: string,
    merchantId: string,
  ): Promise<{ campaign: LuckyDraw; prizes: LuckyDrawPrize[] } | null> {
    const campaign = await this.db
      .repo(LuckyDraw)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.id = :id AND d.merchant_id = :merchantId', { id, merchantId })
      .getOne();
    if (!campaign) return null;
    const prizes = await this.db.repo(LuckyDrawPrize).find({ where: { campaignId: id }, order: { position: 'ASC' } });
    return { campaign, prizes };
  }

  async updateCampaign(id: string, changes: Partial<LuckyDraw>): Promise<void> {
    await this.db.repo(LuckyDraw).update({ id }, changes);
  }

  /** Before the start: the prize list replaced (no draw names the old ones yet). */
  async replacePrizes(campaignId: string, prizes: LuckyDrawPrize[]): Promise<void> {
    await this.db.repo(LuckyDrawPrize).delete({ campaignId });
    await this.db.repo(LuckyDrawPrize).insert(prizes);
  }

  /**
   * A prize's stock set while draws run: the guard keeps it at or above what was awarded, even against a draw
   * that commits between the caller's read and this UPDATE. False when it would go below.
   */
  async setStock(prizeId: string, stock: number | null): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE lucky_draw_prizes SET stock = $2 WHERE id = $1 AND ($2::int IS NULL OR awarded <= $2::int) RETURNING id',
      [prizeId, stock],
    );
    return rows.length === 1;
  }

  /** Sets the end once: a second end leaves the first one's time. */
  async end(id: string, merchantId: string, now: Date): Promise<boolean> {
    const ended = await this.db.query(
      'UPDATE lucky_draws SET ended_at = $3 WHERE id = $1 AND merchant_id = $2 AND ended_at IS NULL RETURNING id',
      [id, merchantId, now],
    );
    return ended.length > 0;
  }

  /** Draws and prizes awarded per bucket, over the campaign's draws. */
  drawTimeline(campaignId: string, bucket: TimelineBucket): Promise<Array<{ at: Date; draws: string; won: string }>> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'created_at')} AS at, count(*) AS draws, count(prize_id) AS won
       FROM lucky_draw_entries WHERE campaign_id = $1 GROUP BY 1`,
      [campaignId],
    );
  }

  async insert(campaign: LuckyDraw, prizes: LuckyDrawPrize[]): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.repo(LuckyDraw).insert(campaign);
      await this.db.repo(LuckyDrawPrize).insert(prizes);
    });
  }

  async definition(id: string): Promise<CampaignDefinition | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const generation = this.generation;
    const campaign = await this.db.repo(LuckyDraw).findOneBy({ id });
    if (!campaign) return null;
    const prizes = await this.db.repo(LuckyDrawPrize).find({ where: { campaignId: id }, order: { position: 'ASC' } });
    const definition = { campaign, prizes, byId: new Map(prizes.map((prize) => [prize.id, prize])) };
    if (generation !== this.generation) return definition;
    if (this.cache.size >= CACHED_DEFINITIONS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, definition);
    return definition;
  }

  async stats(campaignId: string): Promise<DrawStats> {
    return (await this.statsOf([campaignId])).get(campaignId)!;
  }

  /** Stats of many campaigns in one grouped query (a list page). */
  async statsOf(campaignIds: string[]): Promise<Map<string, DrawStats>> {
    const found = new Map<string, DrawStats>(campaignIds.map((id) => [id, { draws: 0, won: {}, outOfStock: 0 }]));
    if (campaignIds.length === 0) return found;
    const rows = await this.db.query<{ campaign_id: string; prize_id: string | null; n: number }>(
      `SELECT campaign_id, prize_id, count(*)::int AS n FROM lucky_draw_entries WHERE campaign_id = ANY($1)
       GROUP BY campaign_id, prize_id`,
      [campaignIds],
    );
    for (const row of rows) {
      const stats = found.get(row.campaign_id)!;
      stats.draws += row.n;
      if (row.prize_id === null) stats.outOfStock += row.n;
      else stats.won[row.prize_id] = row.n;
    }
    return found;
  }

  itemsWon(campaignId: string): Promise<LuckyDrawEntry[]> {
    return this.db.repo(LuckyDrawEntry).find({
      where: { campaignId, kind: 'item' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: LISTED,
    });
  }

  drawsOf(campaignId: string, shopperId: string): Promise<LuckyDrawEntry[]> {
    return this.db.repo(LuckyDrawEntry).find({
      where: { campaignId, shopperId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: LISTED,
    });
  }

  async insertEntry(entry: LuckyDrawEntry): Promise<void> {
    await this.db.repo(LuckyDrawEntry).insert(entry);
  }

  entry(id: string): Promise<LuckyDrawEntry | null> {
    return this.db.repo(LuckyDrawEntry).findOneBy({ id });
  }

  /** Settles a draw recorded `pending` (before coupons were issued in the draw); a settled one is left alone. */
  async settlePending(id: string, outcome: { couponId: string } | { error: string }): Promise<void> {
    await DRAW_ISSUE_LIFECYCLE.move(
      this.db,
      'couponId' in outcome
        ? { to: 'issued', where: { id }, set: { coupon_id: outcome.couponId, issue_error: null } }
        : { to: 'failed', where: { id }, set: { issue_error: outcome.error.slice(0, 500) } },
    );
  }
}
