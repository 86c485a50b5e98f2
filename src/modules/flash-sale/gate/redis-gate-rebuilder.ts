import { Injectable, Logger } from '@nestjs/common';
import { keyedMulti, RedisClient } from '../../../platform/redis/redis-client';
import { closesAt } from '../../../platform/campaigns/campaign-status';
import { Db } from '../../../platform/database/db';
import { RebuildOnce } from '../../../platform/redis/rebuild-once';
import { RedisService } from '../../../platform/redis/redis.service';
import { rebuiltRemaining } from '../domain/epoch';
import { publicReservationId } from '../domain/reservation-id';
import { gateUnavailable } from '../flash-sale.errors';
import { FlashSalesRepository } from '../flash-sales.repository';
import { keysExpireAt, PERSIST_GROUP, PLACEHOLDER, rebuiltKeys, SaleKeys, saleKeys } from './flash-keys';
import type { SaleView } from './flash-stock-gate';
import { RestockSignal } from './restock-signal';

/** How long one instance may take to rebuild a sale's keys before another may try. */
const LOCK_MS = 15_000;
/** How long an attempt waits for another instance's rebuild before answering 503. */
const WAIT_MS = 5_000;
const HSET_CHUNK = 1000;

/**
 * Loads a sale's gate keys from Postgres, the record: when the sale is created, and whenever an attempt finds
 * them missing (Redis restarted empty, flushed, failed over to a replica that never saw them).
 *
 * One instance rebuilds (RebuildOnce: a SET NX lock); the others wait for its `ready` marker. The rebuild runs in one
 * transaction that first takes the sale row's lock and bumps its generation (`redis_epoch`): persisting a
 * batch takes that row FOR SHARE, so no reservation is written while the live ones are counted, and every
 * entry the lost keys accepted (an older generation) is persisted `released` afterwards. Stock is the row's
 * total as last edited less the live rows' units, and quotas come from the live rows; the old stream, pending
 * entries and released set are dropped with the keys; the `ready` marker is written last, after the commit, so
 * no attempt is accepted under a generation Postgres does not know.
 */
@Injectable()
export class RedisGateRebuilder {
  private readonly logger = new Logger(RedisGateRebuilder.name);
  private readonly once = new RebuildOnce(() => this.client(), LOCK_MS, WAIT_MS);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly sales: FlashSalesRepository,
    private readonly restock: RestockSignal,
  ) {}

  keysOf(saleId: string): SaleKeys {
    return saleKeys(this.redis.key(), saleId);
  }

  /** Resolves once the sale's keys are loaded (by this instance or another); 503 when that takes too long. */
  async ensure(sale: SaleView): Promise<void> {
    const keys = this.keysOf(sale.id);
    const loaded = await this.once.ensure(sale.id, {
      lock: keys.rebuild,
      loaded: () => this.loaded(keys),
      rebuild: () => this.rebuild(sale, keys),
    });
    if (!loaded) throw gateUnavailable();
  }

  async loaded(keys: SaleKeys): Promise<boolean> {
    return (await this.client().exists([keys.ready, keys.stock, keys.quota])) === 3;
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the Redis gate needs REDIS_URL');
    return this.redis.client;
  }

  private async rebuild(sale: SaleView, keys: SaleKeys): Promise<void> {
    const client = this.client();
    const { epoch, remaining, expireAt } = await this.db.transaction(async () => {
      // The stock and window from the locked row: `sale` may predate an edit.
      const locked = await this.sales.lockAndBumpEpoch(sale.id);
      if (locked === null) throw new Error(`flash sale ${sale.id} vanished`);
      const epoch = locked.redisEpoch;
      const expireAt = String(keysExpireAt(closesAt(locked.window).getTime(), Date.now()));
      const holdings = await this.sales.liveHoldings(sale.id);
      const idempotency = await this.sales.liveIdempotencyKeys(sale.id);
      const live = holdings.reduce((sum, holding) => sum + holding.units, 0);
      const remaining = rebuiltRemaining(locked.totalStock, live);

      // Every key under the sale's hash tag: one slot, so one node runs the whole MULTI in cluster mode.
      const multi = keyedMulti(client, keys.stock);
      multi.add(['DEL', ...rebuiltKeys(keys)]);
      multi.add(['SET', keys.stock, String(remaining), 'PXAT', expireAt]);
      const quota = holdings.flatMap((h) => [h.shopperId, String(h.units)]);
      const idem = idempotency.flatMap((k) => [
        `${k.shopperId}\n${k.key}`,
        `${publicReservationId(sale.id, k.rowId)} ${k.quantity}`,
      ]);
      for (const [key, fields] of [
        [keys.quota, quota],
        [keys.idem, idem],
      ] as const) {
        multi.add(['HSET', key, PLACEHOLDER, '0']);
        for (let i = 0; i < fields.length; i += HSET_CHUNK * 2) {
          multi.add(['HSET', key, ...fields.slice(i, i + HSET_CHUNK * 2)]);
        }
      }
      multi.add(['HSET', keys.pending, PLACEHOLDER, '0']);
      multi.add(['SADD', keys.released, PLACEHOLDER]);
      multi.add(['XGROUP', 'CREATE', keys.stream, PERSIST_GROUP, '0', 'MKSTREAM']);
      for (const key of [keys.quota, keys.idem, keys.pending, keys.released, keys.stream]) {
        multi.add(['PEXPIREAT', key, expireAt]);
      }
      await multi.exec();
      return { epoch, remaining, expireAt };
    });
    await client.set(keys.ready, String(epoch), { expiration: { type: 'PXAT', value: Number(expireAt) } });
    this.logger.log(`flash sale ${sale.id}: gate loaded from Postgres (generation ${epoch}, ${remaining} left)`);
    await this.restock.announce(sale.id);
  }
}
