import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { CouponsRepository } from './coupons.repository';
import { couponNotClaimable } from './coupons.errors';
import { couponValidity, Validity, withinClaimWindow } from './domain/validity';
import { TemplateDefinition } from './entities/coupon-template.entity';
import { Coupon, CouponSource } from './entities/coupon.entity';
import { QuotaStore } from './quota/quota-store';

export interface IssueOptions {
  source: CouponSource;
  businessKey?: string;
  /** Runs first in the transaction that issues the coupon (a code redeemed by it); throwing issues nothing. */
  before?: (couponId: string) => Promise<void>;
  /** The counters to take from instead of the bound QuotaStore (prizes take the record, inside a draw's transaction). */
  quota?: QuotaStore;
  /** The campaign giving it out, when it is not the template's own (a draw's prize): `lucky-draw:<id>`. */
  sourceRef?: string;
}

export function templateValidity(template: TemplateDefinition): Validity {
  return template.validityType === 'absolute'
    ? { type: 'absolute', startsAt: template.validStartsAt!, endsAt: template.validEndsAt! }
    : { type: 'relative', days: template.validDays! };
}

/** COUPON_NOT_CLAIMABLE outside the template's claim window (or once it was ended). */
export function assertClaimable(template: TemplateDefinition, now: Date): void {
  if (withinClaimWindow(template, now)) return;
  throw couponNotClaimable(
    now < template.claimStartsAt && !template.endedAt
      ? 'Claims for this coupon have not started'
      : 'Claims for this coupon have ended',
  );
}

/** A coupon of `template` issued to a shopper at `now`, as its row is first written. */
export function newCoupon(
  template: TemplateDefinition,
  shopperId: string,
  id: string,
  now: Date,
  options: Pick<IssueOptions, 'source' | 'businessKey' | 'sourceRef'>,
): Coupon {
  return {
    id,
    templateId: template.id,
    merchantId: template.merchantId,
    shopperId,
    status: 'available',
    source: options.source,
    businessKey: options.businessKey ?? null,
    ...couponValidity(templateValidity(template), now),
    orderId: null,
    createdAt: now,
    updatedAt: now,
    usedAt: null,
    sourceRef: options.sourceRef ?? null,
    discountFen: null,
    orderSubtotalFen: null,
  };
}

/**
 * Issues one coupon of a template to a shopper, whatever the channel (claim, code, prize): within the claim
 * window, through the QuotaStore, so stock and per-shopper limits hold under any concurrency, and with the
 * coupon row in the same transaction as the record's counters.
 */
@Injectable()
export class CouponIssuer {
  constructor(
    private readonly clock: Clock,
    private readonly quota: QuotaStore,
    private readonly coupons: CouponsRepository,
  ) {}

  async issue(template: TemplateDefinition, shopperId: string, options: IssueOptions): Promise<Coupon> {
    const now = this.clock.now();
    assertClaimable(template, now);
    const request = {
      templateId: template.id,
      shopperId,
      totalQuantity: template.totalQuantity,
      perUserLimit: template.perUserLimit,
      units: 1,
      forgetAfter: template.claimEndsAt,
    };
    return (options.quota ?? this.quota).take(request, async () => {
      const id = randomUUID();
      await options.before?.(id);
      const coupon = newCoupon(template, shopperId, id, now, options);
      await this.coupons.insert(coupon);
      return coupon;
    });
  }
}
