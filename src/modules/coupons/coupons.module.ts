import { Module } from '@nestjs/common';
import { hotGateCounter } from '../../platform/metrics/gate-metrics';
import { RedisService } from '../../platform/redis/redis.service';
import { CouponRedemption } from '../orders/coupon-redemption';
import { ProductsModule } from '../products/products.module';
import { AttemptLimiter } from './attempts/attempt-limiter';
import { CodeAttemptGuard } from './attempts/code-attempt.guard';
import { PostgresAttemptLimiter } from './attempts/postgres-attempt-limiter';
import { RedisAttemptLimiter } from './attempts/redis-attempt-limiter';
import { CouponCodeSeal } from './coupon-code-seal';
import { CouponCodesRepository } from './coupon-codes.repository';
import { ClaimBatches } from './claims/claim-batches';
import { ClaimFrontDoor } from './claims/claim-front-door';
import { ClaimGateRebuilder } from './claims/claim-gate-rebuilder';
import { ClaimRecord } from './claims/claim-record';
import { ClaimTakeover } from './claims/claim-takeover';
import { ClaimWriter } from './claims/claim-writer';
import { HotClaims } from './claims/hot-claims';
import { RedisClaimGate } from './claims/redis-claim-gate';
import { CouponClaimsService } from './coupon-claims.service';
import { CouponCodesService } from './coupon-codes.service';
import { CouponIssuer } from './coupon-issuer';
import { CouponRedemptionService } from './coupon-redemption.service';
import { CouponTemplateCounts } from './coupon-template-counts.service';
import { CouponTemplatesController } from './coupon-templates.controller';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponTemplatesService } from './coupon-templates.service';
import { CouponTimelinesRepository } from './coupon-timelines.repository';
import { CouponWalletService } from './coupon-wallet.service';
import { CouponsController } from './coupons.controller';
import { CouponsRepository } from './coupons.repository';
import { MerchantCouponCodesController } from './merchant-coupon-codes.controller';
import { MerchantCouponTemplatesController } from './merchant-coupon-templates.controller';
import { PrizeCoupons } from './prize-coupons.service';
import { PostgresQuotaStore } from './quota/postgres-quota-store';
import { QuotaStore } from './quota/quota-store';
import { RedisQuotaStore } from './quota/redis-quota-store';

/**
 * Coupons (API.md "Coupons"). Exports the orders module's CouponRedemption port and the PrizeCoupons service lucky
 * draws use. With REDIS_URL the counters and the code-attempt limit run on Redis (rebuilt from Postgres when
 * lost), and claims on public templates go through the claim gate and group commits (claims/); without it on
 * their Postgres adapters.
 */
@Module({
  imports: [ProductsModule],
  controllers: [
    MerchantCouponTemplatesController,
    MerchantCouponCodesController,
    CouponTemplatesController,
    CouponsController,
  ],
  providers: [
    CouponTemplateCounts,
    CouponTemplatesRepository,
    CouponsRepository,
    CouponCodesRepository,
    CouponCodeSeal,
    CouponTemplatesService,
    CouponTimelinesRepository,
    CouponIssuer,
    CouponClaimsService,
    ClaimRecord,
    ClaimGateRebuilder,
    RedisClaimGate,
    ClaimWriter,
    ClaimBatches,
    ClaimTakeover,
    HotClaims,
    hotGateCounter('coupon_claim', ClaimRecord, (record, now) => record.streamedTemplateIds(now), ClaimGateRebuilder),
    ClaimFrontDoor,
    CouponCodesService,
    CouponWalletService,
    CouponRedemptionService,
    PrizeCoupons,
    CodeAttemptGuard,
    PostgresQuotaStore,
    RedisQuotaStore,
    {
      provide: QuotaStore,
      inject: [RedisService, RedisQuotaStore, PostgresQuotaStore],
      useFactory: (redis: RedisService, onRedis: RedisQuotaStore, onPostgres: PostgresQuotaStore) =>
        redis.enabled ? onRedis : onPostgres,
    },
    PostgresAttemptLimiter,
    RedisAttemptLimiter,
    {
      provide: AttemptLimiter,
      inject: [RedisService, RedisAttemptLimiter, PostgresAttemptLimiter],
      useFactory: (redis: RedisService, onRedis: RedisAttemptLimiter, onPostgres: PostgresAttemptLimiter) =>
        redis.enabled ? onRedis : onPostgres,
    },
    { provide: CouponRedemption, useExisting: CouponRedemptionService },
  ],
  // The code-attempt limit is shared with gift card codes (one budget of failed guesses per shopper).
  exports: [
    CouponRedemption,
    PrizeCoupons,
    CouponTimelinesRepository,
    CouponTemplateCounts,
    AttemptLimiter,
    CodeAttemptGuard,
  ],
})
export class CouponsModule {}
