import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';

/**
 * A Lua script run by its SHA (EVALSHA), loaded on first use and again whenever Redis has forgotten it
 * (restart, failover, SCRIPT FLUSH). One round trip in the steady state.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClientType, keys: string[], args: Array<string | number>): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await client.evalSha(this.sha, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, options);
    }
  }
}
