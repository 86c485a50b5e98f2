import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../../platform/redis/redis-client';
import { LuaScript } from '../../../platform/redis/lua-script';
import { RedisService } from '../../../platform/redis/redis.service';
import { AttemptLimiter, AttemptWindow, Reservation } from './attempt-limiter';

/** KEYS: the shopper's set. ARGV: now ms, window ms, limit, ticket. Returns 0 when granted, else ms to wait. */
const RESERVE = new LuaScript(`
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window * 2)
return 0
`);

@Injectable()
export class RedisAttemptLimiter extends AttemptLimiter {
  constructor(private readonly redis: RedisService) {
    super();
  }

  async reserve(shopperId: string, now: Date, window: AttemptWindow): Promise<Reservation> {
    const ticket = randomUUID();
    const wait = Number(
      await RESERVE.run(this.client(), [this.key(shopperId)], [now.getTime(), window.windowMs, window.limit, ticket]),
    );
    return wait === 0 ? { granted: true, ticket } : { granted: false, retryAfterMs: wait };
  }

  async forgive(shopperId: string, ticket: string): Promise<void> {
    await this.client().zRem(this.key(shopperId), ticket);
  }

  private key(shopperId: string): string {
    return this.redis.key(`{ca:${shopperId}}`, 'code-attempts');
  }

  private client(): RedisClient {
    if (!this.redis.client) throw new Error('RedisAttemptLimiter needs REDIS_URL');
    return this.redis.client;
  }
}
