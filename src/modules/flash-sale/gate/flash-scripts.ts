import { LuaScript } from '../../../platform/redis/lua-script';

/**
 * One purchase attempt, atomically: the keys must be loaded, then the shopper's rate, a repeated
 * Idempotency-Key (answered with the first reservation), the window, the stock (sold out wins), the quota;
 * then the units are taken and the reservation is queued for the consumer: a stream entry with one field, `d` =
 * epoch, reservationId, shopperId, openid, quantity, acceptedAtMs, idempotencyKey joined by newlines (one string
 * to decode per entry instead of fourteen), and a pending entry.
 * KEYS: ready, stock, quota, stream, pending, idem, rate counter.
 * ARGV: shopperId, openid, quantity, perUserLimit, nowMs, startsAtMs, endsAtMs, reservationId, idempotencyKey
 * ('' for none), rate limit, rate window ms.
 * Replies: {'ok', remaining} {'missing'} {'rate_limited', ttlMs} {'repeat', 'reservationId quantity'}
 * {'not_active'} {'sold_out', remaining} {'limit_reached', remaining}.
 */
export const PURCHASE = new LuaScript(`
local epoch = redis.call('GET', KEYS[1])
local stock = redis.call('GET', KEYS[2])
if not epoch or not stock or redis.call('HEXISTS', KEYS[3], '_') == 0 then return {'missing'} end
local hits = redis.call('INCR', KEYS[7])
if hits == 1 then redis.call('PEXPIRE', KEYS[7], ARGV[11]) end
if hits > tonumber(ARGV[10]) then
  local ttl = redis.call('PTTL', KEYS[7])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[7], ARGV[11])
    ttl = tonumber(ARGV[11])
  end
  return {'rate_limited', ttl}
end
local field = ''
if ARGV[9] ~= '' then
  field = ARGV[1] .. '\\n' .. ARGV[9]
  local first = redis.call('HGET', KEYS[6], field)
  if first then return {'repeat', first} end
end
local now = tonumber(ARGV[5])
if now < tonumber(ARGV[6]) or now >= tonumber(ARGV[7]) then return {'not_active'} end
local quantity = tonumber(ARGV[3])
stock = tonumber(stock)
if stock < quantity then return {'sold_out', stock} end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held + quantity > tonumber(ARGV[4]) then return {'limit_reached', stock} end
local left = redis.call('DECRBY', KEYS[2], quantity)
redis.call('HINCRBY', KEYS[3], ARGV[1], quantity)
redis.call('XADD', KEYS[4], '*', 'd', table.concat({epoch, ARGV[8], ARGV[1], ARGV[2], ARGV[3], ARGV[5], ARGV[9]}, '\\n'))
redis.call('HSET', KEYS[5], ARGV[8], ARGV[1])
if field ~= '' then redis.call('HSET', KEYS[6], field, ARGV[8] .. ' ' .. ARGV[3]) end
return {'ok', left}
`);

/**
 * Gives a released reservation's units and quota back, once (the released set remembers it). Does nothing when
 * the keys are not loaded: the rebuild that loads them counts from Postgres, where the release is recorded.
 * KEYS: stock, quota, released. ARGV: reservationId, shopperId, quantity. Returns 1 when it gave back.
 */
export const GIVE_BACK = new LuaScript(`
if not redis.call('GET', KEYS[1]) or redis.call('SISMEMBER', KEYS[3], '_') == 0 then return 0 end
if redis.call('SADD', KEYS[3], ARGV[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[3])
if redis.call('HINCRBY', KEYS[2], ARGV[2], -tonumber(ARGV[3])) <= 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
return 1
`);

/**
 * Applies a merchant's stock change to the gate, once (the released set remembers it), and moves the keys' expiry
 * with the sale's close. Does nothing when the keys are not loaded: the rebuild that loads them reads the new total
 * from Postgres. Units may be negative (fewer before the start) and the stock with them: a negative stock sells
 * nothing, and later give-backs still count from the exact figure.
 * KEYS: stock, released, then every other key of the sale (ready, quota, stream, pending, idem).
 * ARGV: change member ('stock:' + change id), units, expireAtMs. Returns 1 when it applied the change.
 */
export const CHANGE_STOCK = new LuaScript(`
if not redis.call('GET', KEYS[1]) or redis.call('SISMEMBER', KEYS[2], '_') == 0 then return 0 end
if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[2])
for i = 1, #KEYS do redis.call('PEXPIREAT', KEYS[i], ARGV[3]) end
return 1
`);
