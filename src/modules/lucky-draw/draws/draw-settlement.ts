import { Injectable } from '@nestjs/common';
import { TransfersService } from '../../../payments/transfers/transfers.service';
import { DomainError } from '../../../platform/errors/domain-error';
import { PrizeCoupons } from '../../coupons/prize-coupons.service';
import { WebhookEvents } from '../../webhooks/webhook-events.service';
import { settlePick } from '../domain/draw-odds';
import { LuckyDrawEntry } from '../entities/lucky-draw-entry.entity';
import { LuckyDrawPrize } from '../entities/lucky-draw-prize.entity';
import type { CampaignDefinition } from '../lucky-draws.repository';

/** Refusals of the coupons module that make a coupon prize undeliverable: the draw is then a miss. */
const UNDELIVERABLE = new Set(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE', 'NOT_FOUND']);

/** A draw decided up to its stock: who, when, its proof and the prize its ticket picked. */
export interface DrawDraft {
  drawId: string;
  shopper: { userId: string; openid: string };
  /** `YYYY-MM-DD` in the campaign's time zone. */
  day: string;
  random: Buffer;
  pickedIndex: number;
  at: Date;
}

/**
 * What a draw gives once its stock is known, inside the transaction that writes it (with or without Redis): the
 * picked prize or a miss; a coupon prize's coupon (PrizeCoupons; refused, the draw is a miss that says why and its
 * unit goes back through `giveBackStock`), a cash prize's transfer request (outbox), an item's pending fulfilment,
 * and the merchant's `lucky_draw.prize_won` webhook. Returns the draw's row, for the caller to write.
 */
@Injectable()
export class DrawSettlement {
  constructor(
    private readonly transfers: TransfersService,
    private readonly prizeCoupons: PrizeCoupons,
    private readonly webhooks: WebhookEvents,
  ) {}

  async settle(
    definition: CampaignDefinition,
    draft: DrawDraft,
    inStock: boolean,
    giveBackStock: () => Promise<void>,
    /** false: the caller checked that no endpoint of the merchant takes `lucky_draw.prize_won` (a batch, once). */
    prizeWonListened = true,
  ): Promise<LuckyDrawEntry> {
    const { campaign, prizes } = definition;
    const { drawId, shopper } = draft;
    const outcome = settlePick(prizes, draft.pickedIndex, inStock);
    let won = outcome.kind === 'won' ? outcome.prize : null;
    let couponId: string | null = null;
    let transferId: string | null = null;
    let issueError: string | null = null;
    if (won?.kind === 'coupon') {
      const issued = await this.issueCoupon(won, shopper.userId, drawId, campaign.id);
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
    const row = entryRow(definition, draft, won, { couponId, transferId, issueError });
    if (won && prizeWonListened) {
      await this.webhooks.record(campaign.merchantId, 'lucky_draw.prize_won', {
        drawId,
        campaignId: campaign.id,
        shopperId: shopper.userId,
        prize: { id: won.id, name: won.name, kind: won.kind, cashFen: won.cashFen },
        couponId,
        transferId,
        fulfilmentStatus: row.fulfilmentStatus,
        wonAt: draft.at.toISOString(),
      });
    }
    return row;
  }

  /**
   * The draw's row when settling it issues nothing (a miss, an item, a prize of kind none): no coupon, no transfer;
   * null otherwise. The prize-won webhook is the caller's to rule out.
   */
  rowIssuingNothing(definition: CampaignDefinition, draft: DrawDraft, inStock: boolean): LuckyDrawEntry | null {
    const outcome = settlePick(definition.prizes, draft.pickedIndex, inStock);
    const won = outcome.kind === 'won' ? outcome.prize : null;
    if (won?.kind === 'coupon' || won?.kind === 'cash') return null;
    return entryRow(definition, draft, won, { couponId: null, transferId: null, issueError: null });
  }

  /** Whether a `lucky_draw.prize_won` recorded now would be delivered anywhere (asked once for a batch of draws). */
  prizeWonListened(merchantId: string): Promise<boolean> {
    return this.webhooks.listens(merchantId, 'lucky_draw.prize_won');
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
}

/** A draw's row: what it won (null: a miss) and what was issued for it. */
function entryRow(
  { campaign, prizes }: CampaignDefinition,
  draft: DrawDraft,
  won: LuckyDrawPrize | null,
  issued: { couponId: string | null; transferId: string | null; issueError: string | null },
): LuckyDrawEntry {
  return {
    id: draft.drawId,
    campaignId: campaign.id,
    shopperId: draft.shopper.userId,
    openid: draft.shopper.openid,
    day: draft.day,
    random: draft.random.toString('hex'),
    pickedPrizeId: prizes[draft.pickedIndex].id,
    prizeId: won?.id ?? null,
    kind: won?.kind ?? 'none',
    issueStatus: issued.couponId || issued.transferId ? 'issued' : 'none',
    couponId: issued.couponId,
    transferId: issued.transferId,
    issueError: issued.issueError,
    fulfilmentStatus: won?.kind === 'item' ? 'pending' : null,
    fulfilmentNote: null,
    shippedAt: null,
    createdAt: draft.at,
  };
}
