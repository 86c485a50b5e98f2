import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { PrizeCoupons } from '../coupons/prize-coupons.service';
import { DRAW_ISSUE_LIFECYCLE } from './domain/draw-issue-lifecycle';
import { LuckyDrawsRepository } from './lucky-draws.repository';

/** The topic draws used to publish when they won a coupon, before coupons were issued in the draw itself. */
const DRAW_COUPON_WON = 'lucky-draw.coupon-won';

/** Refusals that a retry cannot change: the draw's coupon is then recorded as failed for the merchant. */
const FINAL_REFUSALS = new Set(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE', 'NOT_FOUND']);

/**
 * Settles the draws recorded `pending` before won coupons were issued inside the draw's transaction: their
 * outbox events may still be queued when this version starts. New draws publish nothing here. Idempotent by the
 * business key `draw:<drawId>`; errors that may pass (database) are retried by the outbox.
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
    if (!entry || DRAW_ISSUE_LIFECYCLE.isTerminal(entry.issueStatus) || !entry.prizeId) return;
    const definition = await this.repository.definition(entry.campaignId);
    const prize = definition?.byId.get(entry.prizeId);
    if (!prize?.couponTemplateId) return;
    try {
      const coupon = await this.coupons.issue({
        templateId: prize.couponTemplateId,
        shopperId: entry.shopperId,
        businessKey: `draw:${entry.id}`,
      });
      await this.repository.settlePending(entry.id, { couponId: coupon.id });
    } catch (error) {
      if (!(error instanceof DomainError) || !FINAL_REFUSALS.has(error.code)) throw error;
      this.logger.error(`coupon of draw ${entry.id} refused by the coupons module: ${error.code} ${error.message}`);
      await this.repository.settlePending(entry.id, { error: `${error.code}: ${error.message}` });
    }
  }
}
