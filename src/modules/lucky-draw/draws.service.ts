import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TransfersService } from '../../payments/transfers/transfers.service';
import { ShopperCaller } from '../../platform/auth/caller';
import { closesAt } from '../../platform/campaigns/campaign-status';
import { Clock } from '../../platform/clock/clock';
import { DomainError } from '../../platform/errors/domain-error';
import { PrizeCoupons } from '../coupons/prize-coupons.service';
import { ChanceStore } from './chances/chance-store';
import { PostgresChanceStore } from './chances/postgres-chance-store';
import { chancesLeft, dayIn } from './domain/draw-day';
import { settlePick } from './domain/draw-odds';
import { pickPrize } from './domain/draw-pick';
import { drawRandom } from './domain/fair-random';
import { ChancesDto, DrawDto, MyDrawsDto } from './dto/draw.dto';
import { LuckyDrawEntry } from './entities/lucky-draw-entry.entity';
import { LuckyDrawPrize } from './entities/lucky-draw-prize.entity';
import { luckyDrawNotActive } from './lucky-draw.errors';
import { LuckyDrawsRepository } from './lucky-draws.repository';
import { LuckyDrawsService } from './lucky-draws.service';
import { WebhookEvents } from '../webhooks/webhook-events.service';

/** Refusals of the coupons module that make a coupon prize undeliverable: the draw is then a miss. */
const UNDELIVERABLE = new Set(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE', 'NOT_FOUND']);

/** Shoppers' side of a campaign: drawing, sharing, and their chances and draws. */
@Injectable()
export class DrawsService {
  constructor(
    private readonly campaigns: LuckyDrawsService,
    private readonly repository: LuckyDrawsRepository,
    private readonly chances: ChanceStore,
    private readonly record: PostgresChanceStore,
    private readonly transfers: TransfersService,
    private readonly prizeCoupons: PrizeCoupons,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * One draw: the server picks the draw id, derives the random value from the secret seed, maps it to a ticket
   * and picks a prize over all prizes; then spends a chance and, for a limited prize, a unit of stock (none left:
   * a miss). The draw row, a cash prize's transfer request and a coupon prize's coupon commit together; a coupon
   * the coupons module refuses (sold out, limit, closed) makes the draw a miss, its prize unit given back.
   */
  async draw(campaignId: string, shopper: ShopperCaller): Promise<DrawDto> {
    const definition = await this.campaigns.find(campaignId);
    const { campaign, prizes } = definition;
    const now = this.clock.now();
    if (now < campaign.startsAt || now >= closesAt(campaign)) throw luckyDrawNotActive();
    const drawId = randomUUID();
    const random = drawRandom(Buffer.from(campaign.seedHex, 'hex'), drawId);
    const { index, picked } = pickPrize(prizes, random);
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
        const outcome = settlePick(prizes, index, inStock);
        let won = outcome.kind === 'won' ? outcome.prize : null;
        let couponId: string | null = null;
        let transferId: string | null = null;
        let issueError: string | null = null;
        if (won?.kind === 'coupon') {
          const issued = await this.issueCoupon(won, shopper.userId, drawId, campaignId);
          if ('couponId' in issued) couponId = issued.couponId;
          else {
            await giveBackStock();
            won = null;
            issueError = issued.refusal;
          }
        }
        if (won?.kind === 'cash') {
          const transfer = await this.transfers.request({
            businessKey: `prize:${drawId}`,
            shopperId: shopper.userId,
            merchantId: campaign.merchantId,
            openid: shopper.openid,
            amountFen: won.cashFen!,
            reason: 'prize',
            remark: `Lucky draw prize`,
          });
          transferId = transfer.id;
        }
        const row: LuckyDrawEntry = {
          id: drawId,
          campaignId,
          shopperId: shopper.userId,
          openid: shopper.openid,
          day: dayIn(campaign.timezone, now),
          random: random.toString('hex'),
          pickedPrizeId: picked.id,
          prizeId: won?.id ?? null,
          kind: won?.kind ?? 'none',
          issueStatus: couponId || transferId ? 'issued' : 'none',
          couponId,
          transferId,
          issueError,
          fulfilmentStatus: won?.kind === 'item' ? 'pending' : null,
          fulfilmentNote: null,
          shippedAt: null,
          createdAt: now,
        };
        await this.repository.insertEntry(row);
        if (won) {
          await this.webhooks.record(campaign.merchantId, 'lucky_draw.prize_won', {
            drawId,
            campaignId,
            shopperId: shopper.userId,
            prize: { id: won.id, name: won.name, kind: won.kind, cashFen: won.cashFen },
            couponId,
            transferId,
            fulfilmentStatus: row.fulfilmentStatus,
            wonAt: now.toISOString(),
          });
        }
        return row;
      },
    );
    return DrawDto.from(entry, definition.byId);
  }

  /** The won coupon, issued in the draw's transaction; or why the coupons module refused it (the draw is a miss). */
  private async issueCoupon(
    prize: LuckyDrawPrize,
    shopperId: string,
    drawId: string,
    campaignId: string,
  ): Promise<{ couponId: string } | { refusal: string }> {
    try {
      const coupon = await this.prizeCoupons.issue({
        templateId: prize.couponTemplateId!,
        shopperId,
        businessKey: `draw:${drawId}`,
        sourceRef: `lucky-draw:${campaignId}`,
      });
      return { couponId: coupon.id };
    } catch (error) {
      if (!(error instanceof DomainError) || !UNDELIVERABLE.has(error.code)) throw error;
      return { refusal: `${error.code}: ${error.message}`.slice(0, 500) };
    }
  }

  /** A share adds a chance today, up to the bonus cap; past the cap it changes nothing. */
  async share(campaignId: string, shopper: ShopperCaller): Promise<ChancesDto> {
    const { campaign } = await this.campaigns.find(campaignId);
    const now = this.clock.now();
    if (now < campaign.startsAt || now >= closesAt(campaign)) throw luckyDrawNotActive();
    const day = { campaignId, shopperId: shopper.userId, day: dayIn(campaign.timezone, now) };
    const counts = await this.chances.share(day, campaign.shareBonusDrawsPerDay);
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
