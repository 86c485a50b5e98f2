import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { Db } from '../../../platform/database/db';
import { OutboxService } from '../../../platform/outbox/outbox.service';
import { RedisService } from '../../../platform/redis/redis.service';
import { FlashSalesRepository } from '../flash-sales.repository';
import { saleKeys } from './flash-keys';
import { GIVE_BACK } from './flash-scripts';
import type { ReleasedReservation } from './flash-stock-gate';
import { RestockSignal } from './restock-signal';

const TOPIC = 'flash-sale.give-back';

/** What the outbox carries: the released reservation and the gate generation its release committed under. */
interface GiveBack extends Record<string, unknown> {
  id: string;
  saleId: string;
  shopperId: string;
  quantity: number;
  epoch: number;
}

/**
 * Gives a released reservation's units and quota back to the Redis gate after its release commits: a network
 * call inside the order's transaction would hold its connection and locks, and would give back units for a
 * release that then rolls back (an oversell). `record` runs in the releasing transaction: it share-locks the sale
 * row (a rebuild waits for the commit) and writes an outbox message with the gate generation; the give-back runs
 * right after the commit (Db.afterCommit) and again when the outbox delivers the message (at least once), each
 * time under the share lock and only if the generation is still the same: a rebuild in between counted the
 * release from Postgres already. The released set makes repeats nothing. A crash between the commit and both
 * leaves units held in Redis until the outbox or the next rebuild: an undersell, never an oversell.
 */
@Injectable()
export class RedisGiveBack implements OnModuleInit {
  private readonly logger = new Logger(RedisGiveBack.name);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly sales: FlashSalesRepository,
    private readonly restock: RestockSignal,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<GiveBack>(TOPIC, 'flash-sale.give-back', (event) => this.giveBack(event.payload));
  }

  /** In the transaction that moved the reservation to `released`. */
  async record(reservation: ReleasedReservation): Promise<void> {
    const locked = await this.sales.lockShared(reservation.saleId);
    if (!locked) return;
    const payload: GiveBack = {
      id: reservation.id,
      saleId: reservation.saleId,
      shopperId: reservation.shopperId,
      quantity: reservation.quantity,
      epoch: locked.redisEpoch,
    };
    await this.outbox.publish(TOPIC, payload);
    // At once after the commit, so the answer to the request that released it shows the units back; the outbox
    // message is the durable copy (a crash in between), and finds the give-back done.
    this.db.afterCommit(() =>
      this.giveBack(payload).catch((error: Error) =>
        this.logger.warn(
          `flash sale ${payload.saleId}: give-back after commit failed (${error.message}); outbox retries`,
        ),
      ),
    );
  }

  private async giveBack(reservation: GiveBack): Promise<void> {
    const gaveBack = await this.db.transaction(async () => {
      const locked = await this.sales.lockShared(reservation.saleId);
      if (!locked || locked.redisEpoch !== reservation.epoch) return false;
      const keys = saleKeys(this.redis.key(), reservation.saleId);
      const given = await GIVE_BACK.run(
        this.client(),
        [keys.stock, keys.quota, keys.released],
        [reservation.id, reservation.shopperId, reservation.quantity],
      );
      return given === 1;
    });
    if (gaveBack) await this.restock.announce(reservation.saleId);
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the Redis gate needs REDIS_URL');
    return this.redis.client;
  }
}
