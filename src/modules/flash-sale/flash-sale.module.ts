import { Module } from '@nestjs/common';
import { RedisService } from '../../platform/redis/redis.service';
import { OrdersModule } from '../orders/orders.module';
import { ProductsModule } from '../products/products.module';
import { FlashOrderEvents } from './flash-order-events';
import { FlashSaleMetrics } from './flash-sale-metrics';
import { FlashSalesController } from './flash-sales.controller';
import { FlashSalesRepository } from './flash-sales.repository';
import { FlashSalesService } from './flash-sales.service';
import { FlashStockGate } from './gate/flash-stock-gate';
import { PostgresFlashStockGate } from './gate/postgres-flash-stock-gate';
import { RedisFlashStockGate } from './gate/redis-flash-stock-gate';
import { RedisGateRebuilder } from './gate/redis-gate-rebuilder';
import { RedisGiveBack } from './gate/redis-give-back';
import { RedisStockChanges } from './gate/redis-stock-changes';
import { RestockSignal } from './gate/restock-signal';
import { PurchaseAnswers } from './http/purchase-answers';
import { PurchaseFrontDoor } from './http/purchase-front-door';
import { MerchantFlashSalesController } from './merchant-flash-sales.controller';
import { BatchPersister } from './persist/batch-persister';
import { NewEntriesReader } from './persist/new-entries-reader';
import { OpenSales } from './persist/open-sales';
import { ReservationStream } from './persist/reservation-stream';
import { StalledEntriesTakeover } from './persist/stalled-entries-takeover';
import { ReservationWriter } from './persist/reservation-writer';
import { FlashPurchases } from './flash-purchases';
import { SaleDirectory } from './sale-directory';
import { SoldOutWebhook } from './sold-out-webhook';

/**
 * Flash sales (API.md "Flash sales", docs/flash-sale.md). With REDIS_URL the stock and quotas are gated in
 * Redis (one Lua script per attempt) and accepted reservations are persisted in batches by a consumer; without
 * it the Postgres adapter decides and writes in the request. The purchase is answered in front of Fastify
 * (http/purchase-front-door.ts, its only entrance); the rest are ordinary controllers.
 */
@Module({
  imports: [OrdersModule, ProductsModule],
  controllers: [MerchantFlashSalesController, FlashSalesController],
  providers: [
    FlashSalesRepository,
    FlashSaleMetrics,
    FlashSalesService,
    SaleDirectory,
    RestockSignal,
    ReservationWriter,
    RedisGateRebuilder,
    RedisGiveBack,
    RedisStockChanges,
    RedisFlashStockGate,
    PostgresFlashStockGate,
    {
      provide: FlashStockGate,
      inject: [RedisService, RedisFlashStockGate, PostgresFlashStockGate],
      useFactory: (redis: RedisService, onRedis: RedisFlashStockGate, onPostgres: PostgresFlashStockGate) =>
        redis.enabled ? onRedis : onPostgres,
    },
    ReservationStream,
    OpenSales,
    BatchPersister,
    SoldOutWebhook,
    NewEntriesReader,
    StalledEntriesTakeover,
    FlashOrderEvents,
    FlashPurchases,
    PurchaseAnswers,
    PurchaseFrontDoor,
  ],
})
export class FlashSaleModule {}
