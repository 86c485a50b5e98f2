import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { RedisService } from '../../../platform/redis/redis.service';
import { SaleDirectory } from '../sale-directory';
import { restockChannel } from './flash-keys';

/**
 * Tells every instance that a sale got units back, so each drops its in-process sold-out flag at once
 * (Redis pub/sub; without Redis only this instance's flag exists). A missed message costs a flag answering sold
 * out when it no longer is until the next recheck (SOLD_OUT_RECHECK_MS) whose answer shows units left.
 * On a Redis Cluster the same classic PUBLISH/SUBSCRIBE works: a message published on any node is forwarded to
 * every node over the cluster bus, and the cluster client subscribes on one node of its choice (again when that
 * node reconnects; messages missed while it is down cost the recheck above). One channel per deployment carries
 * little, so sharded pub/sub would buy nothing.
 */
@Injectable()
export class RestockSignal implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RestockSignal.name);
  private subscriber: RedisClient | null = null;
  private subscribing: Promise<unknown> | null = null;

  constructor(
    private readonly redis: RedisService,
    private readonly directory: SaleDirectory,
  ) {}

  onModuleInit(): void {
    if (!this.redis.client) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.warn(`restock subscriber: ${error.message}`));
    // node-redis subscribes again by itself after a reconnection.
    this.subscribing = subscriber
      .connect()
      .then(() =>
        subscriber.subscribe(restockChannel(this.redis.key()), (saleId) => this.directory.clearSoldOut(saleId)),
      )
      .catch((error: Error) => this.logger.warn(`restock subscriber: ${error.message}`));
  }

  /** Whether the subscriber connection is up (metrics). */
  get ready(): boolean {
    return this.subscriber?.isReady ?? false;
  }

  /** Drops this instance's flag now and tells the others. Never throws: the flag expires anyway. */
  async announce(saleId: string): Promise<void> {
    this.directory.clearSoldOut(saleId);
    if (!this.redis.client) return;
    try {
      await this.redis.client.publish(restockChannel(this.redis.key()), saleId);
    } catch (error) {
      this.logger.warn(`restock announcement for ${saleId}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // A cluster client still discovering would open its node connections after a close: let it finish (it ends
    // either way, connected or refused; a single Redis client may retry forever, and closes at once).
    if (this.redis.cluster) await this.subscribing;
    if (this.subscriber?.isOpen) await this.subscriber.close();
  }
}
