import { Injectable } from '@nestjs/common';
import type { CallerBudget } from '../../platform/throttling/caller-budget';
import { ShopperCaller } from '../../platform/auth/caller';
import { closesAt } from '../../platform/campaigns/campaign-status';
import { Clock } from '../../platform/clock/clock';
import { timeOrderedUuid } from '../../platform/ids/time-ordered-uuid';
import { RedisService } from '../../platform/redis/redis.service';
import { ChanceStore } from './chances/chance-store';
import { PostgresChanceStore } from './chances/postgres-chance-store';
import { chancesLeft, dayIn } from './domain/draw-day';
import { pickPrize } from './domain/draw-pick';
import { drawRandom } from './domain/fair-random';
import { ChancesDto, DrawDto, MyDrawsDto } from './dto/draw.dto';
import { DrawSettlement } from './draws/draw-settlement';
import { HotDraws } from './draws/hot-draws';
import { luckyDrawNotActive } from './lucky-draw.errors';
import { LuckyDrawsRepository } from './lucky-draws.repository';
import { LuckyDrawsService } from './lucky-draws.service';

/** Shoppers' side of a campaign: drawing, sharing, and their chances and draws. */
@Injectable()
export class DrawsService {
  constructor(
    private readonly campaigns: LuckyDrawsService,
    private readonly repository: LuckyDrawsRepository,
    private readonly chances: ChanceStore,
    private readonly record: PostgresChanceStore,
    private readonly settlement: DrawSettlement,
    private readonly hot: HotDraws,
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {}

  /**
   * One draw: the server picks the draw id, derives the random value from the secret seed, maps it to a ticket
   * and picks a prize over all prizes; then spends a chance and, for a limited prize, a unit of stock (none left:
   * a miss). The draw row, a cash prize's transfer request and a coupon prize's coupon commit together; a coupon
   * the coupons module refuses (sold out, limit, closed) makes the draw a miss, its prize unit given back.
   * With REDIS_URL the draw gate decides and the draw is written in a group commit (HotDraws); without it the
   * ChanceStore's record decides in the request's own transaction. `budget`: the request's count against the
   * caller's budget, made by the draw gate (ShopperPostDoor).
   */
  async draw(campaignId: string, shopper: ShopperCaller, budget: CallerBudget | null = null): Promise<DrawDto> {
    const definition = await this.campaigns.find(campaignId);
    const { campaign, prizes } = definition;
    const now = this.clock.now();
    if (now < campaign.startsAt || now >= closesAt(campaign)) throw luckyDrawNotActive();
    // Time-ordered: a stampede's rows go to the right-hand end of the primary key's btree.
    const drawId = timeOrderedUuid(now.getTime());
    const random = drawRandom(Buffer.from(campaign.seedHex, 'hex'), drawId);
    const { index, picked } = pickPrize(prizes, random);
    const draft = { drawId, shopper, day: dayIn(campaign.timezone, now), random, pickedIndex: index, at: now };
    if (this.redis.enabled) return DrawDto.from(await this.hot.draw(definition, draft, budget), definition.byId);
    const entry = await this.chances.spend(
      {
        campaignId,
        shopperId: shopper.userId,
        day: dayIn(campaign.timezone, now),
        drawsPerUserPerDay: campaign.drawsPerUserPerDay,
        shareBonusDrawsPerDay: campaign.shareBonusDrawsPerDay,
        limitedPrize: picked.stock === null ? null : { id: picked.id, stock: picked.stock },
        forgetAfter: campaign.endsAt,
      },
      async (inStock, giveBackStock) => {
        const row = await this.settlement.settle(definition, draft, inStock, giveBackStock);
        await this.repository.insertEntry(row);
        return row;
      },
    );
    return DrawDto.from(entry, definition.byId);
  }

  /** A share adds a chance today, up to the bonus cap; past the cap it changes nothing. */
  async share(campaignId: string, shopper: ShopperCaller): Promise<ChancesDto> {
    const { campaign } = await this.campaigns.find(campaignId);
    const now = this.clock.now();
    if (now < campaign.startsAt || now >= closesAt(campaign)) throw luckyDrawNotActive();
    const day = { campaignId, shopperId: shopper.userId, day: dayIn(campaign.timezone, now) };
    if (!this.redis.enabled) {
      const counts = await this.chances.share(day, campaign.shareBonusDrawsPerDay);
      return { chancesLeftToday: chancesLeft(campaign, counts.used, counts.shares) };
    }
    // The record counts the share; the gate's day rises to it. Its `used` is read from the record: every draw
    // answered is written there.
    const counts = await this.record.share(day, campaign.shareBonusDrawsPerDay);
    await this.hot.shared(campaignId, shopper.userId, day.day, counts.shares);
    return { chancesLeftToday: chancesLeft(campaign, counts.used, counts.shares) };
  }

  async mine(campaignId: string, shopper: ShopperCaller): Promise<MyDrawsDto> {
    const definition = await this.campaigns.find(campaignId);
    const { campaign } = definition;
    const now = this.clock.now();
    const active = now >= campaign.startsAt && now < closesAt(campaign);
    const counts = await this.record.usage({
      campaignId,
      shopperId: shopper.userId,
      day: dayIn(campaign.timezone, now),
    });
    const draws = await this.repository.drawsOf(campaignId, shopper.userId);
    return {
      chancesLeftToday: active ? chancesLeft(campaign, counts.used, counts.shares) : 0,
      draws: draws.map((entry) => DrawDto.from(entry, definition.byId)),
    };
  }
}
