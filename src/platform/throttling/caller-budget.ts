import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { rateLimited } from '../errors/domain-error';
import type { GateConnection } from '../redis/gate-connection';
import { LuaScript } from '../redis/lua-script';
import { INCREMENT, throttleCount } from './throttle-count';

/** Each gate script behind the budget's count (CallerBudget.run), made once. */
const counted = new WeakMap<LuaScript, LuaScript>();

/**
 * A script that first counts the request against the caller's budget (the key appended to its KEYS, the window
 * and the limit to its ARGV, so its own indices are unchanged) and runs only within it. Replies {hits, ms left} when
 * the budget is spent, else {hits, ms left, the script's own reply}.
 */
function countedScript(script: LuaScript): LuaScript {
  let wrapped = counted.get(script);
  if (!wrapped) {
    wrapped = new LuaScript(`
local budget = KEYS[#KEYS]
local hits = redis.call('INCR', budget)
if hits == 1 then redis.call('PEXPIRE', budget, ARGV[#ARGV - 1]) end
local left = redis.call('PTTL', budget)
if hits > tonumber(ARGV[#ARGV]) then return {hits, left} end
local function decide()
${script.source}
end
return {hits, left, decide()}
`);
    counted.set(script, wrapped);
  }
  return wrapped;
}

/**
 * One request's count against its caller's budget (RATE_LIMIT_PER_MINUTE per route, RedisThrottlerStorage's key
 * and window), made by the hot gate that serves the request: on one Redis in the same script call as the gate's
 * decision (one round trip where there were two); on a cluster, where the budget's key lives on another master,
 * just before it. Either way the gate's script runs only within the budget, else RATE_LIMITED. `count` stays null
 * when the request never reached a gate (ShopperPostDoor then counts it itself).
 */
export class CallerBudget {
  count: ThrottlerStorageRecord | null = null;

  constructor(
    private readonly key: string,
    private readonly windowMs: number,
    private readonly limit: number,
    private readonly inOneCall: boolean,
  ) {}

  /** Runs a gate script on the hot paths' connection, the request counted first if it has not been. */
  async run(connection: GateConnection, script: LuaScript, keys: string[], args: Array<string | number>) {
    if (this.count !== null) return connection.run(script, keys, args);
    if (!this.inOneCall) {
      this.counted(...((await connection.run(INCREMENT, [this.key], [this.windowMs])) as [number, number]));
      return connection.run(script, keys, args);
    }
    const [hits, msLeft, reply] = (await connection.run(
      countedScript(script),
      [...keys, this.key],
      [...args, this.windowMs, this.limit],
    )) as [number, number, unknown];
    this.counted(hits, msLeft);
    return reply;
  }

  private counted(hits: number, msLeft: number): void {
    this.count = throttleCount(hits, msLeft, this.limit);
    if (this.count.isBlocked) throw rateLimited(this.count.timeToBlockExpire);
  }
}
