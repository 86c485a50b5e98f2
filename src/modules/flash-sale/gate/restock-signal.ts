import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { RedisClientType } from 'redis';
import { RedisService } from '../../../platform/redis/redis.service';
import { SaleDirectory } from '../sale-directory';
import { restockChannel } from './flash-keys';

/**
 * Tells every instance that a sale got units back, so each drops its in-process sold-out flag at once
 * (Redis pub/sub; without Redis only this instance's flag exists). A missed message costs a flag answering sold
 * out when it no longer is until the next recheck (SOLD_OUT_RECHECK_MS) whose answer shows units left.
 */
@Injectable()
export class RestockSignal implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RestockSignal.name);
  private subscriber: RedisClientType | null = null;

  constructor(
    private readonly redis: RedisService,
    private readonly directory: SaleDirectory,
  ) {}

  onModuleInit(): void {
    if (!this.redis.client) return;
    const subscriber = this.redis.client.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) => this.logger.warn(`restock subscriber: ${error.message}`));
    // node-redis subscribes again by itself after a reconnection.
    subscriber
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
    if (this.subscriber?.isOpen) await this.subscriber.close();
  }
}
