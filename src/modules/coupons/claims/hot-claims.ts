import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { countGateError, GateCounter } from '../../../platform/metrics/gate-metrics';
import { DomainError } from '../../../platform/errors/domain-error';
import { timeOrderedUuid } from '../../../platform/ids/time-ordered-uuid';
import type { CallerBudget } from '../../../platform/throttling/caller-budget';
import { assertClaimable } from '../coupon-issuer';
import { claimGateUnavailable, couponLimitReached, couponSoldOut } from '../coupons.errors';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import type { Coupon } from '../entities/coupon.entity';
import { ClaimBatches } from './claim-batches';
import { RedisClaimGate } from './redis-claim-gate';

/** The stampede's common refusal, made once (an Error's stack costs more than the rest of the answer). */
const SOLD_OUT = couponSoldOut();
const limitReached = new Map<number, DomainError>();

/** A claim the lost keys accepted is tried again through the rebuilt ones, this many times at most. */
const ATTEMPTS = 3;

/**
 * A claim on a public template with REDIS_URL: the window in process, then one gate call decides (stock, then the
 * shopper's limit) and appends the claim to the template's stream, then the claim waits for the group commit that
 * writes its coupon (ClaimBatches), so the answer's coupon is in the wallet when it is read, as without Redis.
 */
@Injectable()
export class HotClaims {
  constructor(
    private readonly gate: RedisClaimGate,
    private readonly batches: ClaimBatches,
    private readonly clock: Clock,
    private readonly metrics: GateCounter,
  ) {}

  async claim(template: TemplateDefinition, shopperId: string, budget: CallerBudget | null = null): Promise<Coupon> {
    try {
      return await this.decideAndWrite(template, shopperId, budget);
    } catch (error) {
      countGateError(this.metrics, error);
      throw error;
    }
  }

  private async decideAndWrite(
    template: TemplateDefinition,
    shopperId: string,
    budget: CallerBudget | null,
  ): Promise<Coupon> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const now = this.clock.now();
      try {
        assertClaimable(template, now);
      } catch (error) {
        this.metrics.attempt('not_active');
        throw error;
      }
      const couponId = timeOrderedUuid(now.getTime());
      const decision = await this.gate.decide(template, shopperId, couponId, now.getTime(), budget);
      if (decision.kind === 'sold_out') {
        this.metrics.attempt('sold_out');
        throw SOLD_OUT;
      }
      if (decision.kind === 'limit_reached') {
        this.metrics.attempt('limit_reached');
        throw limitReachedAt(template.perUserLimit);
      }
      const written = await this.batches.submit(template, {
        couponId,
        shopperId,
        epoch: decision.epoch,
        acceptedAt: now,
        streamId: decision.streamId,
      });
      if (written.kind === 'written') {
        this.metrics.attempt('accepted');
        return written.coupon;
      }
    }
    throw claimGateUnavailable();
  }
}

/** COUPON_LIMIT_REACHED for a limit, made once per limit. */
function limitReachedAt(perUserLimit: number): DomainError {
  let refusal = limitReached.get(perUserLimit);
  if (!refusal) {
    if (limitReached.size > 1000) limitReached.clear();
    refusal = couponLimitReached(perUserLimit);
    limitReached.set(perUserLimit, refusal);
  }
  return refusal;
}
