import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { isOpaqueId } from '../../platform/http/ids';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { CouponLockRequest, CouponRedemption } from '../orders/coupon-redemption';
import { ORDER_CANCELLED, ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { termsOf } from './coupon-terms-of';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponsRepository } from './coupons.repository';
import { couponNotApplicable } from './coupons.errors';
import { statusOnRelease } from './domain/coupon-status';
import { evaluateCoupon } from './domain/coupon-rule';

/**
 * Coupons through orders, each move in the order's own transaction: placing the order locks its coupon, paying
 * it marks the coupon used (and counts it on the template), cancelling or expiring it gives the coupon back.
 * Both later moves are conditional UPDATEs from `locked`, by that order, so a repeated event changes nothing.
 */
@Injectable()
export class CouponRedemptionService extends CouponRedemption implements OnModuleInit {
  constructor(
    private readonly coupons: CouponsRepository,
    private readonly templates: CouponTemplatesRepository,
    private readonly events: TransactionEvents,
    private readonly clock: Clock,
  ) {
    super();
  }

  onModuleInit(): void {
    this.events.on<OrderEvent>(ORDER_PAID, 'coupons.use', (order) => this.onPaid(order));
    this.events.on<OrderEvent>(ORDER_CANCELLED, 'coupons.release', (order) => this.onCancelled(order));
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
    const subtotalFen = request.lines.reduce((sum, line) => sum + line.unitPriceFen * line.quantity, 0);
    const order = { orderId: request.orderId, discountFen: evaluation.discountFen, subtotalFen };
    if (!(await this.coupons.lock(coupon.id, request.shopperId, order, request.now))) {
      throw couponNotApplicable('NOT_AVAILABLE');
    }
    return evaluation.discountFen;
  }

  private async onPaid({ couponId, orderId }: OrderEvent): Promise<void> {
    if (!couponId) return;
    const templateId = await this.coupons.markUsed(couponId, orderId, this.clock.now());
    if (templateId) await this.templates.incrementUsed(templateId);
  }

  private async onCancelled({ couponId, orderId }: OrderEvent): Promise<void> {
    if (!couponId) return;
    const coupon = await this.coupons.findById(couponId);
    if (!coupon || coupon.orderId !== orderId) return;
    const now = this.clock.now();
    await this.coupons.release(couponId, orderId, statusOnRelease(coupon.validUntil, now), now);
  }
}
