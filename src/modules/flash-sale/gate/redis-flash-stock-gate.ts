import { Injectable, Logger } from '@nestjs/common';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { DomainError } from '../../../platform/errors/domain-error';
import { RedisService } from '../../../platform/redis/redis.service';
import { newReservationId } from '../domain/reservation-id';
import { gateUnavailable } from '../flash-sale.errors';
import { SaleKeys } from './flash-keys';
import { PURCHASE } from './flash-scripts';
import { GateConnection } from '../../../platform/redis/gate-connection';
import {
  FlashStockGate,
  RATE_LIMIT_ATTEMPTS,
  RATE_LIMIT_WINDOW_MS,
  ReleasedReservation,
  ReserveAttempt,
  ReserveOutcome,
  SaleView,
} from './flash-stock-gate';
import { RedisGateRebuilder } from './redis-gate-rebuilder';
import { RedisGiveBack } from './redis-give-back';
import { RedisStockChanges } from './redis-stock-changes';

type PurchaseReply =
  | ['ok', number]
  | ['missing']
  | ['rate_limited', number]
  | ['repeat', string]
  | ['not_active']
  | ['sold_out', number]
  | ['limit_reached', number];

const MAX_KEY_SETS = 10_000;

/**
 * The Redis adapter: one EVALSHA per attempt decides and takes (flash-scripts.ts PURCHASE). An accepted
 * reservation is `queued`: the script appended it to the sale's stream, and the consumer (persist/) writes it
 * and its order to Postgres in batches. Keys found missing are rebuilt from Postgres before the attempt is
 * tried again. Redis being unreachable answers 503: the Postgres counters are not a fallback (two gates that
 * do not see each other would oversell).
 */
@Injectable()
export class RedisFlashStockGate extends FlashStockGate {
  private readonly logger = new Logger(RedisFlashStockGate.name);
  private readonly keySets = new Map<string, SaleKeys>();
  private readonly limit = String(RATE_LIMIT_ATTEMPTS);
  private readonly window = String(RATE_LIMIT_WINDOW_MS);

  constructor(
    private readonly redis: RedisService,
    private readonly rebuilder: RedisGateRebuilder,
    private readonly giveBack: RedisGiveBack,
    private readonly stockChanges: RedisStockChanges,
    private readonly connection: GateConnection,
  ) {
    super();
  }

  async reserve(sale: SaleView, attempt: ReserveAttempt): Promise<ReserveOutcome> {
    const reservationId = newReservationId(sale.id);
    let reply = await this.purchase(sale, attempt, reservationId);
    if (reply[0] === 'missing') {
      try {
        await this.rebuilder.ensure(sale);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        this.logger.warn(`flash sale ${sale.id}: rebuilding the gate failed: ${(error as Error).message}`);
        throw gateUnavailable();
      }
      reply = await this.purchase(sale, attempt, reservationId);
    }
    switch (reply[0]) {
      case 'ok':
        return { kind: 'accepted', reservationId, status: 'queued', orderId: null, remaining: reply[1] };
      case 'repeat': {
        const [firstId, quantity] = reply[1].split(' ');
        return { kind: 'repeat', reservationId: firstId, status: 'queued', orderId: null, quantity: Number(quantity) };
      }
      case 'sold_out':
        return { kind: 'sold_out', remaining: reply[1] };
      case 'limit_reached':
        return { kind: 'limit_reached', remaining: reply[1] };
      case 'not_active':
        return { kind: 'not_active' };
      case 'rate_limited':
        return { kind: 'rate_limited', retryAfterMs: reply[1] };
      case 'missing':
        throw gateUnavailable();
    }
  }

  /** Recorded in the releasing transaction; the units go back to Redis after it commits (RedisGiveBack). */
  release(reservation: ReleasedReservation): Promise<void> {
    return this.giveBack.record(reservation);
  }

  /** Recorded in the edit's transaction; applied to Redis after it commits (RedisStockChanges). */
  edited(sale: SaleView, units: number): Promise<void> {
    return this.stockChanges.record(sale, units);
  }

  async remaining(sale: SaleView): Promise<number | null> {
    const keys = this.keysOf(sale.id);
    const [ready, stock] = await this.client().mGet([keys.ready, keys.stock]);
    return ready === null || stock === null ? null : Number(stock);
  }

  async queued(saleId: string, reservationId: string): Promise<{ shopperId: string } | null> {
    const shopperId = await this.client().hGet(this.keysOf(saleId).pending, reservationId);
    return typeof shopperId === 'string' ? { shopperId } : null;
  }

  async prepare(sale: SaleView): Promise<void> {
    try {
      await this.rebuilder.ensure(sale);
    } catch (error) {
      this.logger.warn(
        `flash sale ${sale.id}: gate not loaded ahead (${(error as Error).message}); first attempt will`,
      );
    }
  }

  private async purchase(sale: SaleView, attempt: ReserveAttempt, reservationId: string): Promise<PurchaseReply> {
    const keys = this.keysOf(sale.id);
    const { shopper } = attempt;
    try {
      return (await this.connection.run(
        PURCHASE,
        [
          keys.ready,
          keys.stock,
          keys.quota,
          keys.stream,
          keys.pending,
          keys.idem,
          keys.rateLimitPrefix + shopper.userId,
        ],
        [
          shopper.userId,
          shopper.openid,
          attempt.quantity,
          sale.perUserLimit,
          attempt.nowMs,
          sale.startsAtMs,
          sale.endsAtMs,
          reservationId,
          attempt.idempotencyKey ?? '',
          this.limit,
          this.window,
        ],
      )) as PurchaseReply;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      this.logger.warn(`flash sale ${sale.id}: gate call failed: ${(error as Error).message}`);
      throw gateUnavailable();
    }
  }

  private keysOf(saleId: string): SaleKeys {
    let keys = this.keySets.get(saleId);
    if (!keys) {
      if (this.keySets.size >= MAX_KEY_SETS) this.keySets.clear();
      keys = this.rebuilder.keysOf(saleId);
      this.keySets.set(saleId, keys);
    }
    return keys;
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('the Redis gate needs REDIS_URL');
    return this.redis.client;
  }
}
