import { LuaScript } from '../../../platform/redis/lua-script';

/*
 * A template's gate keys, all under the hash tag {cp:<templateId>} (one Redis Cluster slot):
 *   <prefix>{cp:T}:issued   units issued; its absence means "not loaded": nothing is decided without it
 *   <prefix>{cp:T}:holders  hash shopperId -> units issued to that shopper
 *   <prefix>{cp:T}:rebuild  the lock of the instance rebuilding the two from Postgres
 */

/** KEYS: issued, holders. ARGV: shopperId, units, totalQuantity, perUserLimit, ttlMs. */
export const TAKE = new LuaScript(`
local issued = redis.call('GET', KEYS[1])
if not issued then return 'missing' end
local units = tonumber(ARGV[2])
if tonumber(issued) + units > tonumber(ARGV[3]) then return 'sold_out' end
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if held + units > tonumber(ARGV[4]) then return 'limit_reached' end
redis.call('INCRBY', KEYS[1], units)
redis.call('HINCRBY', KEYS[2], ARGV[1], units)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 'taken'
`);

/** KEYS: issued, holders. ARGV: shopperId, units, stock (1/0), holder (1/0). Nothing when not loaded. */
export const GIVE_BACK = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local units = tonumber(ARGV[2])
if ARGV[3] == '1' and redis.call('DECRBY', KEYS[1], units) < 0 then
  redis.call('SET', KEYS[1], 0, 'KEEPTTL')
end
if ARGV[4] == '1' and redis.call('HINCRBY', KEYS[2], ARGV[1], -units) <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return 1
`);

/**
 * Lowers the gate's counts to the record's where the gate counts more (a unit it took whose transaction never
 * committed: a crash, a lost give-back). Never raises them. Returns 1 when it changed something.
 * KEYS: issued, holders. ARGV: shopperId, record issued, record held.
 */
export const HEAL = new LuaScript(`
local issued = redis.call('GET', KEYS[1])
if not issued then return 0 end
local changed = 0
if tonumber(issued) > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  changed = 1
end
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if held > tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  changed = 1
end
return changed
`);
