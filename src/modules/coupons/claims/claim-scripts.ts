import { LuaScript } from '../../../platform/redis/lua-script';

/**
 * One claim, atomically: the keys must be loaded, then the stock (sold out wins), then the shopper's limit; then
 * the coupon is counted and the claim appended to the template's stream: one field `d` = epoch, couponId, shopperId,
 * acceptedAtMs joined by newlines (claim-entry.ts).
 * KEYS: ready, issued, holders, stream. ARGV: shopperId, totalQuantity, perUserLimit, couponId, nowMs.
 * Replies: {'ok', epoch, streamId} {'missing'} {'sold_out'} {'limit_reached'}.
 */
export const CLAIM = new LuaScript(`
local epoch = redis.call('GET', KEYS[1])
local issued = redis.call('GET', KEYS[2])
if not epoch or not issued then return {'missing'} end
if tonumber(issued) + 1 > tonumber(ARGV[2]) then return {'sold_out'} end
if tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0') + 1 > tonumber(ARGV[3]) then return {'limit_reached'} end
redis.call('INCR', KEYS[2])
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
local id = redis.call('XADD', KEYS[4], '*', 'd', table.concat({epoch, ARGV[4], ARGV[1], ARGV[5]}, '\\n'))
return {'ok', epoch, id}
`);
