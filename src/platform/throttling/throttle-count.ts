import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { LuaScript } from '../redis/lua-script';

/**
 * Fixed-window counter: one round trip, shared by every instance. KEYS: the caller's key. ARGV: window ms.
 * Replies {hits, ms left in the window}.
 */
export const INCREMENT = new LuaScript(`
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}
`);

/** A window's count as @nestjs/throttler reads it: blocked past the limit until the window ends. */
export function throttleCount(hits: number, msLeft: number, limit: number): ThrottlerStorageRecord {
  const secondsLeft = Math.max(1, Math.ceil(msLeft / 1000));
  return {
    totalHits: hits,
    timeToExpire: secondsLeft,
    isBlocked: hits > limit,
    timeToBlockExpire: hits > limit ? secondsLeft : 0,
  };
}
