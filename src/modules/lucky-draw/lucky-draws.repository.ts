import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { drawIssueLifecycle } from './domain/draw-issue-lifecycle';
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

  /** Settles a draw recorded `pending` (before coupons were issued in the draw); a settled one is left alone. */
  async settlePending(id: string, outcome: { couponId: string } | { error: string }): Promise<void> {
    await drawIssueLifecycle.move(
      this.db,
      'couponId' in outcome
        ? { to: 'issued', where: { id }, set: { coupon_id: outcome.couponId, issue_error: null } }
        : { to: 'failed', where: { id }, set: { issue_error: outcome.error.slice(0, 500) } },
    );
  }
}
