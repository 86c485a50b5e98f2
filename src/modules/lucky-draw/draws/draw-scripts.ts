import { LuaScript } from '../../../platform/redis/lua-script';

/**
 * One draw, atomically: the keys must be loaded under the generation the caller named, and the shopper's day
 * loaded; then a chance must be left (draws per day + shares up to the bonus cap); the chance is spent, a unit of
 * the picked prize taken when it is limited and some is left (none left: a miss, never another prize), and the draw
 * appended to the campaign's stream: one field `d` = the caller's entry text, then a line `1` (won its unit or
 * unlimited) or `0` (out of stock).
 * KEYS: ready, day, awarded (the day key again when the prize is unlimited), stream.
 * ARGV: epoch, drawsPerUserPerDay, shareBonusDrawsPerDay, limited (1/0), stock, entry text.
 * Replies: {'ok', inStock (1/0), streamId} {'missing'} {'epoch', current} {'day_missing'} {'no_chances'}.
 */
export const DRAW = new LuaScript(`
local epoch = redis.call('GET', KEYS[1])
if not epoch then return {'missing'} end
if epoch ~= ARGV[1] then return {'epoch', epoch} end
local limited = ARGV[4] == '1'
if limited and redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('DEL', KEYS[1])
  return {'missing'}
end
if redis.call('EXISTS', KEYS[2]) == 0 then return {'day_missing'} end
local used = tonumber(redis.call('HGET', KEYS[2], 'used') or '0')
local shares = tonumber(redis.call('HGET', KEYS[2], 'shares') or '0')
if used + 1 > tonumber(ARGV[2]) + math.min(shares, tonumber(ARGV[3])) then return {'no_chances'} end
redis.call('HINCRBY', KEYS[2], 'used', 1)
local inStock = '1'
if limited then
  if tonumber(redis.call('GET', KEYS[3])) >= tonumber(ARGV[5]) then inStock = '0' else redis.call('INCR', KEYS[3]) end
end
local id = redis.call('XADD', KEYS[4], '*', 'd', ARGV[6] .. '\\n' .. inStock)
return {'ok', inStock, id}
`);

/**
 * Loads a shopper's day from the record's counts (read just before), unless it is there already or the generation
 * moved on meanwhile. KEYS: ready, day. ARGV: epoch, used, shares, ttlMs. Returns 1 when the day is loaded.
 */
export const LOAD_DAY = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('HSET', KEYS[2], 'used', ARGV[2], 'shares', ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return 1
`);

/**
 * A share the record counted: the loaded day's shares rise to the record's (never fall; `used` is the gate's own,
 * ahead of the record until its draws are written). KEYS: day. ARGV: record shares.
 */
export const SHARED = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if tonumber(redis.call('HGET', KEYS[1], 'shares') or '0') < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'shares', ARGV[1])
end
return 1
`);

/**
 * A unit a written draw did not award after all (its coupon prize refused): back in the gate, if the generation that
 * took it is still the one loaded. KEYS: ready, awarded. ARGV: epoch, units.
 */
export const GIVE_BACK_UNITS = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('DECRBY', KEYS[2], ARGV[2])
return 1
`);
