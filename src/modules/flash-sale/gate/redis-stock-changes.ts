import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { Db } from '../../../platform/database/db';
import { OutboxService } from '../../../platform/outbox/outbox.service';
import { RedisService } from '../../../platform/redis/redis.service';
import { FlashSalesRepository } from '../flash-sales.repository';
import { keysExpireAt, rebuiltKeys, saleKeys } from './flash-keys';
import { CHANGE_STOCK } from './flash-scripts';
import type { SaleView } from './flash-stock-gate';
import { RestockSignal } from './restock-signal';

const TOPIC = 'flash-sale.stock-change';

/** What the outbox carries: one edit's units for the gate, and the gate generation the edit committed under. */
interface StockChange extends Record<string, unknown> {
  id: string;
  saleId: string;
  units: number;
  expireAtMs: number;
  epoch: number;
}

/**
 * Brings a merchant's edit of a sale (more units, fewer before the start, a later end) to the Redis gate. Postgres
 * is the record: the edit's transaction locks the sale row, sets `total_stock`, and writes the change with the
 * row's gate generation to the outbox. Redis follows after the commit (Db.afterCommit, so the edit's answer already
 * sells the new units) and again when the outbox delivers the message (at least once), each time under the row's
 * share lock and only if the generation is unchanged. Why this order is exact:
 * - Redis never has units Postgres does not: a rollback applies nothing, and a crash after the commit leaves Redis
 *   short (an undersell) until the outbox delivers.
 * - A rebuild in between (Redis lost) locks the row after the edit committed, so it counts from the new total and
 *   bumps the generation: the message, of the older generation, is then skipped instead of adding the units twice.
 * - Repeats of the message are nothing: the released set remembers each change id applied to these keys.
 * A change that added units is announced, so every instance drops its sold-out flag at once.
 */
@Injectable()
export class RedisStockChanges implements OnModuleInit {
  private readonly logger = new Logger(RedisStockChanges.name);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly sales: FlashSalesRepository,
    private readonly restock: RestockSignal,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<StockChange>(TOPIC, 'flash-sale.stock-change', (event) => this.apply(event.payload));
  }

  /** In the edit's transaction, which holds the sale row. `sale` is the sale as edited. */
  async record(sale: SaleView, units: number): Promise<void> {
    const locked = await this.sales.lockShared(sale.id);
    if (!locked) return;
    const change: StockChange = {
      id: randomUUID(),
      saleId: sale.id,
      units,
      expireAtMs: keysExpireAt(sale.endsAtMs, Date.now()),
      epoch: locked.redisEpoch,
    };
    await this.outbox.publish(TOPIC, change);
    this.db.afterCommit(() =>
      this.apply(change).catch((error: Error) =>
        this.logger.warn(
          `flash sale ${change.saleId}: stock change after commit failed (${error.message}); outbox retries`,
        ),
      ),
    );
  }

  private async apply(change: StockChange): Promise<void> {
    const applied = await this.db.transaction(async () => {
      const locked = await this.sales.lockShared(change.saleId);
      if (!locked || locked.redisEpoch !== change.epoch) return false;
      const keys = saleKeys(this.redis.key(), change.saleId);
      const others = rebuiltKeys(keys).filter((key) => key !== keys.stock && key !== keys.released);
      const done = await CHANGE_STOCK.run(
        this.client(),
        [keys.stock, keys.released, ...others],
        [`stock:${change.id}`, change.units, change.expireAtMs],
      );
      return done === 1;
    });
    if (applied && change.units > 0) await this.restock.announce(change.saleId);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the Redis gate needs REDIS_URL');
    return this.redis.client;
  }
}
