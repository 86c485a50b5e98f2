import { createClient, createCluster } from 'redis';
import { keySlot } from '../../src/platform/redis/key-slot';
import { isCluster, RedisClient } from '../../src/platform/redis/redis-client';
import { testEnvironment } from './test-env';

/** Which Redis a test app runs on: the single Redis (REDIS_URL) or the local Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisMode = 'single' | 'cluster';

/** The modes this run has (a Redis that does not answer is skipped, outside CI: global-setup.ts). */
export function redisModes(): RedisMode[] {
  const environment = testEnvironment();
  return [
    ...(environment.redisUrl ? (['single'] as const) : []),
    ...(environment.redisClusterNodes ? (['cluster'] as const) : []),
  ];
}

/** The environment a service needs to run on `mode`. */
export function redisEnv(mode: RedisMode): Record<string, string> {
  const environment = testEnvironment();
  return mode === 'cluster'
    ? { REDIS_CLUSTER_NODES: environment.redisClusterNodes! }
    : { REDIS_URL: environment.redisUrl! };
}

/** A connected client of `mode`'s Redis (a cluster client routes each command by its key). */
export async function connectRedis(mode: RedisMode, nodes = testEnvironment().redisClusterNodes): Promise<RedisClient> {
  const client: RedisClient =
    mode === 'cluster'
      ? createCluster({ rootNodes: nodes!.split(',').map((node) => ({ url: `redis://${node}` })) })
      : createClient({ url: testEnvironment().redisUrl! });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Runs `work` on a client of `mode`'s Redis, closed after. */
export async function withRedis<T>(mode: RedisMode, work: (client: RedisClient) => Promise<T>): Promise<T> {
  const client = await connectRedis(mode);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

/** Deletes every key under `prefix` (on each master of a cluster: SCAN is per node); returns how many. */
export function deleteKeys(client: RedisClient, prefix: string): Promise<number> {
  return deleteMatching(client, `${prefix}*`);
}

/** Deletes every key matching a SCAN pattern, on each master of a cluster; returns how many. */
export async function deleteMatching(client: RedisClient, pattern: string): Promise<number> {
  const nodes = isCluster(client)
    ? await Promise.all(client.masters.map((master) => client.nodeClient(master)))
    : [client];
  let deleted = 0;
  for (const node of nodes) {
    // All of a node's matches first, then one DEL per slot (a cluster refuses a multi-key DEL across slots): the
    // keys of one campaign go in one command, never one without the other.
    const bySlot = new Map<number, string[]>();
    for await (const keys of node.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
      for (const key of keys) bySlot.set(keySlot(key), [...(bySlot.get(keySlot(key)) ?? []), key]);
    }
    for (const group of bySlot.values()) deleted += await node.del(group);
  }
  return deleted;
}

/** The master (`host:port`) holding each key's slot, asked of the cluster itself (CLUSTER KEYSLOT, CLUSTER SLOTS). */
export async function mastersOf(client: RedisClient, keys: string[]): Promise<string[]> {
  if (!isCluster(client)) throw new Error('mastersOf needs a cluster client');
  const ranges = (await client.sendCommand<Array<[number, number, [string, number]]>>(undefined, true, [
    'CLUSTER',
    'SLOTS',
  ])) as Array<[number, number, [string, number, ...unknown[]]]>;
  return Promise.all(
    keys.map(async (key) => {
      const slot = Number(await client.sendCommand(key, true, ['CLUSTER', 'KEYSLOT', key]));
      const range = ranges.find(([from, to]) => from <= slot && slot <= to);
      if (!range) throw new Error(`no master serves slot ${slot}`);
      return `${range[2][0]}:${range[2][1]}`;
    }),
  );
}

/**
 * Campaigns created by `create` until two of them have keys on different masters (each campaign's keys share one
 * hash tag, so one key per campaign, `keyOf`, says where all of them are). Returns the two with their masters;
 * the others made on the way are left as they are.
 */
export async function campaignsOnTwoMasters<T>(
  /** `index`: which of the two is wanted (0 until the first is made, then 1). */
  create: (index: number) => Promise<T>,
  keyOf: (campaign: T) => string,
  tries = 20,
): Promise<Array<{ campaign: T; master: string }>> {
  return withRedis('cluster', async (client) => {
    const found: Array<{ campaign: T; master: string }> = [];
    for (let i = 0; i < tries; i++) {
      const campaign = await create(found.length);
      const [master] = await mastersOf(client, [keyOf(campaign)]);
      if (found.length === 0 || found[0].master !== master) found.push({ campaign, master });
      if (found.length === 2) return found;
    }
    throw new Error(`no two of ${tries} campaigns landed on different masters`);
  });
}
