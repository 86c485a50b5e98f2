import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
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

/** Queries on draw campaigns and draws. Definitions never change after creation, so they are cached. */
@Injectable()
export class LuckyDrawsRepository {
  private readonly cache = new Map<string, CampaignDefinition>();

  constructor(private readonly db: Db) {}

  async insert(campaign: LuckyDraw, prizes: LuckyDrawPrize[]): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.repo(LuckyDraw).insert(campaign);
      await this.db.repo(LuckyDrawPrize).insert(prizes);
    });
  }

  async definition(id: string): Promise<CampaignDefinition | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const campaign = await this.db.repo(LuckyDraw).findOneBy({ id });
    if (!campaign) return null;
    const prizes = await this.db.repo(LuckyDrawPrize).find({ where: { campaignId: id }, order: { position: 'ASC' } });
    const definition = { campaign, prizes, byId: new Map(prizes.map((prize) => [prize.id, prize])) };
    if (this.cache.size >= CACHED_DEFINITIONS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, definition);
    return definition;
  }

  /** Coupon templates as a campaign needs them checked (read-only; the coupons module owns the table). */
  async couponTemplates(ids: string[]): Promise<Map<string, { merchantId: string; distribution: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; merchant_id: string; distribution: string }>(
      'SELECT id, merchant_id, distribution FROM coupon_templates WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { merchantId: row.merchant_id, distribution: row.distribution }]));
  }

  async stats(campaignId: string): Promise<{ draws: number; won: Record<string, number>; outOfStock: number }> {
    const rows = await this.db.query<{ prize_id: string | null; n: number }>(
      'SELECT prize_id, count(*)::int AS n FROM lucky_draw_entries WHERE campaign_id = $1 GROUP BY prize_id',
      [campaignId],
    );
    const won: Record<string, number> = {};
    let draws = 0;
    let outOfStock = 0;
    for (const row of rows) {
      draws += row.n;
      if (row.prize_id === null) outOfStock += row.n;
      else won[row.prize_id] = row.n;
    }
    return { draws, won, outOfStock };
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

  async markIssued(id: string, couponId: string): Promise<void> {
    await this.db.query(
      `UPDATE lucky_draw_entries SET issue_status = 'issued', coupon_id = $2, issue_error = NULL
       WHERE id = $1 AND issue_status = 'pending'`,
      [id, couponId],
    );
  }

  async markIssueFailed(id: string, why: string): Promise<void> {
    await this.db.query(
      `UPDATE lucky_draw_entries SET issue_status = 'failed', issue_error = $2 WHERE id = $1 AND issue_status = 'pending'`,
      [id, why.slice(0, 500)],
    );
  }
}
