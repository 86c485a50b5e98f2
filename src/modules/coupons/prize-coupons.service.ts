import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { isUniqueViolation } from '../../platform/database/postgres-errors';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { CouponIssuer } from './coupon-issuer';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponsRepository } from './coupons.repository';
import { couponNotClaimable } from './coupons.errors';
import { CouponDto } from './dto/coupon.dto';
import { Coupon } from './entities/coupon.entity';
import { PostgresQuotaStore } from './quota/postgres-quota-store';

export interface PrizeCouponRequest {
  templateId: string;
  shopperId: string;
  /** The event that won it (`draw:<drawId>`): one coupon per key, ever. 1-200 characters. */
  businessKey: string;
  /** The campaign giving it (`lucky-draw:<campaignId>`): that campaign's timeline counts its use. */
  sourceRef?: string;
}

/** What a campaign needs to know of a template it names as a prize. */
export interface PrizeTemplateFacts {
  merchantId: string;
  /** Only `prize` templates are issued as prizes. */
  distribution: string;
}

/**
 * Exported for lucky draws: issues a coupon of a `prize` template to a shopper. Idempotent by `businessKey`: a
 * repeat returns the coupon issued the first time. Stock, per-shopper limit and claim window hold as for
 * claims, with the same errors (COUPON_SOLD_OUT, COUPON_LIMIT_REACHED, COUPON_NOT_CLAIMABLE; NOT_FOUND for an
 * unknown template).
 *
 * Runs inside the caller's transaction (a draw), so the coupon commits with the draw or not at all. A refusal
 * undoes everything it wrote (a savepoint) and leaves that transaction usable: the caller records a miss.
 * Its counters are taken on the Postgres record itself, never through the Redis gate: prize templates are issued
 * by nothing else, so a gate would only add a network round trip while the draw holds its prize's row lock;
 * the record's guarded UPDATEs alone keep `totalQuantity` and `perUserLimit` under any concurrency.
 */
@Injectable()
export class PrizeCoupons {
  constructor(
    private readonly db: Db,
    private readonly templates: CouponTemplatesRepository,
    private readonly coupons: CouponsRepository,
    private readonly issuer: CouponIssuer,
    private readonly record: PostgresQuotaStore,
    private readonly clock: Clock,
  ) {}

  /** The named templates that exist; unknown ids are left out. */
  async templateFacts(ids: readonly string[]): Promise<Map<string, PrizeTemplateFacts>> {
    const definitions = await this.templates.definitions(ids.filter(isOpaqueId));
    return new Map(
      [...definitions].map(([id, template]) => [
        id,
        { merchantId: template.merchantId, distribution: template.distribution },
      ]),
    );
  }

  async issue(request: PrizeCouponRequest): Promise<CouponDto> {
    if (request.businessKey.length < 1 || request.businessKey.length > 200) {
      throw new RangeError('a prize businessKey has 1-200 characters');
    }
    const template = isOpaqueId(request.templateId) ? await this.templates.definition(request.templateId) : null;
    if (!template) throw notFound('Coupon template');
    if (template.distribution !== 'prize') throw couponNotClaimable('Only prize templates are issued as prizes');
    const coupon = await this.db.transaction(async () => {
      const earlier = await this.coupons.findByBusinessKey(request.businessKey);
      if (earlier) return this.sameRequest(earlier, request);
      try {
        return await this.undoneIfRefused(() =>
          this.issuer.issue(template, request.shopperId, {
            source: 'prize',
            businessKey: request.businessKey,
            sourceRef: request.sourceRef,
            quota: this.record,
          }),
        );
      } catch (error) {
        // A concurrent issue with the same key committed first: this one counted nothing, answer with that one.
        if (!isUniqueViolation(error)) throw error;
        const winner = await this.coupons.findByBusinessKey(request.businessKey);
        if (!winner) throw error;
        return this.sameRequest(winner, request);
      }
    });
    return CouponDto.from(coupon, template, this.clock.now());
  }

  /** Runs `work` under a savepoint: whatever it throws, what it wrote is rolled back and the transaction goes on. */
  private async undoneIfRefused<T>(work: () => Promise<T>): Promise<T> {
    const savepoint = `prize_coupon_${randomBytes(6).toString('hex')}`;
    await this.db.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await work();
      await this.db.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await this.db.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    }
  }

  private sameRequest(coupon: Coupon, request: PrizeCouponRequest): Coupon {
    if (coupon.templateId !== request.templateId || coupon.shopperId !== request.shopperId) {
      throw new Error(`prize businessKey ${request.businessKey} was used for another template or shopper`);
    }
    return coupon;
  }
}
