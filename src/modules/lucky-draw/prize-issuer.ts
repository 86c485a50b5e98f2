import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PrizeCoupons } from '../coupons/prize-coupons.service';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { DRAW_COUPON_WON } from './draws.service';
import { LuckyDrawsRepository } from './lucky-draws.repository';

/** Refusals that a retry cannot change: the draw's coupon is then recorded as failed for the merchant. */
const FINAL_REFUSALS = new Set(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE', 'NOT_FOUND']);

/**
 * Issues won coupons into wallets, from the outbox: at least once, idempotent by the business key `draw:<drawId>`
 * (a repeat returns the first coupon). Errors that may pass (database, Redis) are retried by the outbox.
 */
@Injectable()
export class PrizeIssuer implements OnModuleInit {
  private readonly logger = new Logger(PrizeIssuer.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly repository: LuckyDrawsRepository,
    private readonly coupons: PrizeCoupons,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<{ drawId: string }>(DRAW_COUPON_WON, 'lucky-draw.issue-coupon', (event) =>
      this.issueCoupon(event),
    );
  }

  async issueCoupon(event: OutboxEvent<{ drawId: string }>): Promise<void> {
    const entry = await this.repository.entry(event.payload.drawId);
    if (!entry || entry.issueStatus !== 'pending' || !entry.prizeId) return;
    const definition = await this.repository.definition(entry.campaignId);
    const prize = definition?.byId.get(entry.prizeId);
    if (!prize?.couponTemplateId) return;
    try {
      const coupon = await this.coupons.issue({
        templateId: prize.couponTemplateId,
        shopperId: entry.shopperId,
        businessKey: `draw:${entry.id}`,
      });
      await this.repository.markIssued(entry.id, coupon.id);
    } catch (error) {
      if (!(error instanceof DomainError) || !FINAL_REFUSALS.has(error.code)) throw error;
      this.logger.error(`coupon of draw ${entry.id} refused by the coupons module: ${error.code} ${error.message}`);
      await this.repository.markIssueFailed(entry.id, `${error.code}: ${error.message}`);
    }
  }
}
