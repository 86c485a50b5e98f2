import { Module } from '@nestjs/common';
import { RedisService } from '../../platform/redis/redis.service';
import { SettlementModule } from '../../payments/settlement.module';
import { CouponsModule } from '../coupons/coupons.module';
import { ChanceStore } from './chances/chance-store';
import { PostgresChanceStore } from './chances/postgres-chance-store';
import { RedisChanceStore } from './chances/redis-chance-store';
import { DrawsService } from './draws.service';
import { FulfilmentsRepository } from './fulfilments.repository';
import { FulfilmentsService } from './fulfilments.service';
import { LuckyDrawCounts } from './lucky-draw-counts.service';
import { LuckyDrawsController } from './lucky-draws.controller';
import { LuckyDrawsRepository } from './lucky-draws.repository';
import { LuckyDrawsService } from './lucky-draws.service';
import { MerchantFulfilmentsController } from './merchant-fulfilments.controller';
import { MerchantLuckyDrawsController } from './merchant-lucky-draws.controller';
import { PrizeIssuer } from './prize-issuer';

/**
 * Lucky draws (API.md "Lucky draws and cash rebates"). Chances and prize stock run on Redis with REDIS_URL
 * (loaded from Postgres when lost), on the Postgres record alone without it. Coupon prizes are issued by the
 * coupons module's PrizeCoupons inside the draw's transaction; cash prizes are transfers (TransfersService).
 */
@Module({
  imports: [CouponsModule, SettlementModule],
  controllers: [MerchantLuckyDrawsController, MerchantFulfilmentsController, LuckyDrawsController],
  providers: [
    LuckyDrawCounts,
    FulfilmentsRepository,
    FulfilmentsService,
    LuckyDrawsRepository,
    LuckyDrawsService,
    DrawsService,
    PrizeIssuer,
    PostgresChanceStore,
    RedisChanceStore,
    {
      provide: ChanceStore,
      inject: [RedisService, RedisChanceStore, PostgresChanceStore],
      useFactory: (redis: RedisService, onRedis: RedisChanceStore, onPostgres: PostgresChanceStore) =>
        redis.enabled ? onRedis : onPostgres,
    },
  ],
  exports: [LuckyDrawCounts],
})
export class LuckyDrawModule {}
