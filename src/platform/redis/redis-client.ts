import type { RedisClientType, RedisClusterType } from 'redis';

/**
 * What every Redis user holds: one Redis (REDIS_URL) or node-redis's cluster client (REDIS_CLUSTER_NODES). Typed
 * commands (get, hSet, evalSha...) read the same on both, and the cluster routes them by their first key; the few
 * calls that differ (raw commands, MULTI, duplicates) go through the helpers below.
 */
export type RedisClient = RedisClientType | RedisClusterType;

export function isCluster(client: RedisClient): client is RedisClusterType {
  return 'getSlotMaster' in client;
}

/** A raw command (one node-redis has no typed form of, XREADGROUP say), sent to the node owning `firstKey`. */
export function sendKeyed<T = unknown>(client: RedisClient, firstKey: string, args: string[]): Promise<T> {
  return isCluster(client) ? client.sendCommand<T>(firstKey, false, args) : client.sendCommand<T>(args);
}

/** A MULTI of raw commands whose keys all hash to `routingKey`'s slot (one hash tag), so a cluster runs it on one node. */
export function keyedMulti(client: RedisClient, routingKey: string) {
  const commands: string[][] = [];
  return {
    add(args: string[]): void {
      commands.push(args);
    },
    exec(): Promise<unknown> {
      if (isCluster(client)) {
        const multi = client.multi(routingKey);
        for (const args of commands) multi.addCommand(routingKey, false, args);
        return multi.exec();
      }
      const multi = client.multi();
      for (const args of commands) multi.addCommand(args);
      return multi.exec();
    },
  };
}
