import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { isOpaqueId } from '../../platform/http/ids';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { CouponLockRequest, CouponRedemption } from '../orders/coupon-redemption';
import { ORDER_CANCELLED, ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { termsOf } from './coupon-terms-of';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponsRepository } from './coupons.repository';
import { couponNotApplicable } from './coupons.errors';
import { statusOnRelease } from './domain/coupon-status';
import { evaluateCoupon } from './domain/coupon-rule';

/**
 * Coupons through orders. An order locks its coupon in the order's own transaction; the order's payment marks
 * it used and its cancellation or expiry gives it back, through the outbox (at least once, so both moves are
 * conditional UPDATEs that happen once: from `locked`, by that order).
 */
@Injectable()
export class CouponRedemptionService extends CouponRedemption implements OnModuleInit {
  constructor(
    private readonly coupons: CouponsRepository,
    private readonly templates: CouponTemplatesRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {
    super();
  }

  onModuleInit(): void {
    this.outbox.subscribe<OrderEvent>(ORDER_PAID, 'coupons.use', (event) => this.onPaid(event));
    this.outbox.subscribe<OrderEvent>(ORDER_CANCELLED, 'coupons.release', (event) => this.onCancelled(event));
  }

  async lock(request: CouponLockRequest): Promise<number> {
    const coupon = isOpaqueId(request.couponId)
      ? await this.coupons.findOwned(request.couponId, request.shopperId)
      : null;
    // Another shopper's coupon is refused exactly like a missing one.
    if (!coupon) throw couponNotApplicable();
    const template = await this.templates.definition(coupon.templateId);
    if (!template) throw couponNotApplicable();
    const evaluation = evaluateCoupon(termsOf(coupon, template), {
      merchantId: request.merchantId,
      lines: request.lines,
      now: request.now,
    });
    if (!evaluation.applicable) throw couponNotApplicable(evaluation.reason);
    // available → locked: of concurrent orders naming this coupon exactly one moves it.
    if (!(await this.coupons.lock(coupon.id, request.shopperId, request.orderId, request.now))) {
      throw couponNotApplicable('NOT_AVAILABLE');
    }
    return evaluation.discountFen;
  }

  private async onPaid(event: OutboxEvent<OrderEvent>): Promise<void> {
    const { couponId, orderId } = event.payload;
    if (!couponId) return;
    // The move and the template's `used` count commit together, so a redelivery changes neither twice.
    await this.db.transaction(async () => {
      const templateId = await this.coupons.markUsed(couponId, orderId, this.clock.now());
      if (templateId) await this.templates.incrementUsed(templateId);
    });
  }

  private async onCancelled(event: OutboxEvent<OrderEvent>): Promise<void> {
    const { couponId, orderId } = event.payload;
    if (!couponId) return;
    const coupon = await this.coupons.findById(couponId);
    if (!coupon || coupon.orderId !== orderId) return;
    const now = this.clock.now();
    await this.coupons.release(couponId, orderId, statusOnRelease(coupon.validUntil, now), now);
  }
}
