import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClient, RedisClientType } from 'redis';
import { RUNTIME, Runtime } from '../runtime/runtime';

/**
 * The Redis connection, when `REDIS_URL` is set; `client` is null otherwise and callers use their Postgres
 * adapters. Every key goes through `key()` so deployments (and test files) sharing a Redis stay apart.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: RedisClientType | null;
  private readonly prefix: string;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.prefix = runtime.config.redisKeyPrefix;
    this.client = runtime.config.redisUrl
      ? createClient({
          url: runtime.config.redisUrl,
          // Fail fast while disconnected instead of queueing: callers answer 503 or fall back, never hang.
          disableOfflineQueue: true,
          socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
        })
      : null;
    this.client?.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** Waits for the first connection a short while; past that the service starts anyway and reports not ready. */
  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    const connecting = this.client.connect().catch((error: Error) => this.logger.warn(`redis: ${error.message}`));
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async ping(): Promise<void> {
    if (!this.client) return;
    await this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close();
  }
}
