import { Module } from '@nestjs/common';
import { hotGateCounter } from '../../platform/metrics/gate-metrics';
import { RedisService } from '../../platform/redis/redis.service';
import { SettlementModule } from '../../payments/settlement.module';
import { CouponsModule } from '../coupons/coupons.module';
import { ChanceStore } from './chances/chance-store';
import { PostgresChanceStore } from './chances/postgres-chance-store';
import { RedisChanceStore } from './chances/redis-chance-store';
import { DrawBatches } from './draws/draw-batches';
import { DrawFrontDoor } from './draws/draw-front-door';
import { DrawGateRebuilder } from './draws/draw-gate-rebuilder';
import { DrawRecord } from './draws/draw-record';
import { DrawSettlement } from './draws/draw-settlement';
import { DrawTakeover } from './draws/draw-takeover';
import { DrawWriter } from './draws/draw-writer';
import { HotDraws } from './draws/hot-draws';
import { RedisDrawGate } from './draws/redis-draw-gate';
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
 * Lucky draws (API.md "Lucky draws and cash rebates"). With REDIS_URL a draw gate decides chances and prize stock
 * (one Lua call) and draws are written in group commits (draws/), the gate rebuilt from Postgres when lost; without
 * it the Postgres record decides in the request. Coupon prizes are issued by the
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
    DrawSettlement,
    DrawRecord,
    DrawGateRebuilder,
    RedisDrawGate,
    DrawWriter,
    DrawBatches,
    DrawTakeover,
    HotDraws,
    hotGateCounter('lucky_draw', DrawRecord, (record, now) => record.streamedCampaignIds(now), DrawGateRebuilder),
    DrawFrontDoor,
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
