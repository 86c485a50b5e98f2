import { LuaScript } from '../../../platform/redis/lua-script';

/*
 * A campaign's gate keys, all under the hash tag {ld:<campaignId>} (one Redis Cluster slot):
 *   <prefix>{ld:C}:day:<day>:<shopperId>  hash {used, shares}: that shopper's day; absent = not loaded
 *   <prefix>{ld:C}:awarded:<prizeId>      units of a limited prize awarded; absent = not loaded
 */

/**
 * KEYS: day, awarded (the day key again when the prize is unlimited).
 * ARGV: drawsPerUserPerDay, shareBonusDrawsPerDay, limited (1/0), stock.
 * Returns missing | no_chances | spent | spent_with_stock | spent_out_of_stock.
 */
export const SPEND = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
local limited = ARGV[3] == '1'
if limited and redis.call('EXISTS', KEYS[2]) == 0 then return 'missing' end
local used = tonumber(redis.call('HGET', KEYS[1], 'used') or '0')
local shares = tonumber(redis.call('HGET', KEYS[1], 'shares') or '0')
if used + 1 > tonumber(ARGV[1]) + math.min(shares, tonumber(ARGV[2])) then return 'no_chances' end
redis.call('HINCRBY', KEYS[1], 'used', 1)
if not limited then return 'spent' end
if tonumber(redis.call('GET', KEYS[2])) >= tonumber(ARGV[4]) then return 'spent_out_of_stock' end
redis.call('INCR', KEYS[2])
return 'spent_with_stock'
`);

/**
 * Loads what is missing from the record's values (read just before); never overwrites a key that exists.
 * KEYS: day, awarded. ARGV: used, shares, loadAwarded (1/0), awarded, dayTtlMs, awardedTtlMs.
 */
export const LOAD = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'used', ARGV[1], 'shares', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
if ARGV[3] == '1' then redis.call('SET', KEYS[2], ARGV[4], 'NX', 'PX', ARGV[6]) end
return 1
`);

/** KEYS: day, awarded. ARGV: chance (1/0), stock (1/0). Gives back what a failed draw took; nothing when not loaded. */
export const GIVE_BACK = new LuaScript(`
if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HINCRBY', KEYS[1], 'used', -1) < 0 then
  redis.call('HSET', KEYS[1], 'used', 0)
end
if ARGV[2] == '1' and redis.call('EXISTS', KEYS[2]) == 1 and redis.call('DECR', KEYS[2]) < 0 then
  redis.call('SET', KEYS[2], 0, 'KEEPTTL')
end
return 1
`);

/**
 * Brings a shopper's day in step with the record: lowers `used` to the record's (a draw that died before its commit), raises `shares` to the record's.
 * KEYS: day. ARGV: record used, record shares. Returns 1 when it changed something.
 */
export const HEAL_DAY = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local changed = 0
if tonumber(redis.call('HGET', KEYS[1], 'used') or '0') > tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'used', ARGV[1])
  changed = 1
end
if tonumber(redis.call('HGET', KEYS[1], 'shares') or '0') < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'shares', ARGV[2])
  changed = 1
end
return changed
`);

/** KEYS: awarded. ARGV: record awarded. Lowers the gate's count to the record's; 1 when it changed. */
export const HEAL_STOCK = new LuaScript(`
local awarded = redis.call('GET', KEYS[1])
if not awarded or tonumber(awarded) <= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return 1
`);
