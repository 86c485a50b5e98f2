import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { GateConnection } from '../redis/gate-connection';
import { LuaScript } from '../redis/lua-script';
import { RedisService } from '../redis/redis.service';

/** Fixed-window counter: one round trip, shared by every instance. */
const INCREMENT = new LuaScript(`
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}
`);

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
    const keys = [this.redis.key('throttle', name, key)];
    const counted = this.connection?.ready
      ? this.connection.run(INCREMENT, keys, [ttl])
      : INCREMENT.run(client, keys, [ttl]);
    const [hits, pttl] = (await counted) as [number, number];
    const secondsLeft = Math.max(1, Math.ceil(pttl / 1000));
    return {
      totalHits: hits,
      timeToExpire: secondsLeft,
      isBlocked: hits > limit,
      timeToBlockExpire: hits > limit ? secondsLeft : 0,
    };
  }
}
