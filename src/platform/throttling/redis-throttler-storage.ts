import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { GateConnection } from '../redis/gate-connection';
import { RedisService } from '../redis/redis.service';
import { CallerBudget } from './caller-budget';
import { INCREMENT, throttleCount } from './throttle-count';

@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: RedisService,
    /** The hot paths' connection: no per-command timeout to pay on every request (gate-connection.ts). */
    private readonly connection?: GateConnection,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const client = this.redis.client;
    if (!client) throw new Error('RedisThrottlerStorage needs REDIS_URL');
    const keys = [this.keyOf(key, name)];
    const counted = this.connection?.ready
      ? this.connection.run(INCREMENT, keys, [ttl])
      : INCREMENT.run(client, keys, [ttl]);
    const [hits, pttl] = (await counted) as [number, number];
    return throttleCount(hits, pttl, limit);
  }

  /** The count `increment` would make, left to the hot gate that serves the request (CallerBudget). */
  budget(key: string, ttl: number, limit: number, name: string): CallerBudget {
    return new CallerBudget(this.keyOf(key, name), ttl, limit, !this.redis.cluster);
  }

  private keyOf(key: string, name: string): string {
    return this.redis.key('throttle', name, key);
  }
}
