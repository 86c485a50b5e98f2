import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client';
import { LuaScript } from './lua-script';

/** KEYS: lock. ARGV: token. Releases the lock only if it is still ours. */
const UNLOCK = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

const POLL_MS = 20;

export interface RebuildPlan {
  /** The lock key, under the campaign's hash tag. */
  lock: string;
  /** True once the keys are loaded (by anyone). */
  loaded: () => Promise<boolean>;
  /** Loads them; runs on one instance at a time, and only when they are not loaded. */
  rebuild: () => Promise<void>;
}

/**
 * Has a campaign's gate keys rebuilt from Postgres by one instance at a time: a call in this process joins the one
 * in flight; across instances a SET NX lock (held `lockMs` at most) decides, and the others poll until the keys are
 * loaded. Resolves true once they are; false when `waitMs` passed first (the caller answers 503).
 */
export class RebuildOnce {
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(
    private readonly client: () => RedisClient,
    private readonly lockMs: number,
    private readonly waitMs: number,
  ) {}

  ensure(id: string, plan: RebuildPlan): Promise<boolean> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const attempt = this.ensureOnce(plan).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, attempt);
    return attempt;
  }

  private async ensureOnce(plan: RebuildPlan): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (await plan.loaded()) return true;
      const token = randomUUID();
      const client = this.client();
      const locked = await client.set(plan.lock, token, {
        condition: 'NX',
        expiration: { type: 'PX', value: this.lockMs },
      });
      if (locked === 'OK') {
        try {
          // Someone may have finished a rebuild between our check and our lock: never rebuild twice.
          if (!(await plan.loaded())) await plan.rebuild();
        } finally {
          await UNLOCK.run(client, [plan.lock], [token]);
        }
        return true;
      }
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
