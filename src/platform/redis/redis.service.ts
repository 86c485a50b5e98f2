import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createClient, createCluster, RedisClientOptions, RedisClientType, RedisClusterType } from 'redis';
import type { RedisNode } from '../../config/config';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { isCluster, RedisClient } from './redis-client';
import { keySlot } from './key-slot';

const CONNECT_TIMEOUT_MS = 2000;

/**
 * Every connection's settings: fail fast while disconnected instead of queueing (callers answer 503 or fall back,
 * never hang), a bounded connect, and reconnection with a capped back-off. In cluster mode these are each node's.
 */
const NODE_DEFAULTS = {
  disableOfflineQueue: true,
  socket: {
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
  },
} satisfies Partial<RedisClientOptions>;

/**
 * The Redis connection: one Redis (`REDIS_URL`) or a Redis Cluster (`REDIS_CLUSTER_NODES`, node-redis's cluster
 * client, which routes each command by its first key and follows MOVED by rediscovering the slots); `client` is
 * null without either, and callers use their Postgres adapters. Every key goes through `key()` so deployments (and
 * test files) sharing a Redis stay apart; keys a script or MULTI touches together share one hash tag.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: RedisClient | null;
  /** Redis Cluster mode (REDIS_CLUSTER_NODES). */
  readonly cluster: boolean;
  private connecting: Promise<unknown> | null = null;
  private readonly prefix: string;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    const { redisUrl, redisClusterNodes, redisKeyPrefix } = runtime.config;
    this.prefix = redisKeyPrefix;
    this.client = redisClusterNodes
      ? createCluster({ rootNodes: redisClusterNodes.map((node) => ({ socket: node })), defaults: NODE_DEFAULTS })
      : redisUrl
        ? createClient({ url: redisUrl, ...NODE_DEFAULTS })
        : null;
    this.cluster = this.client !== null && isCluster(this.client);
    this.client?.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    // The cluster client reports each node's connection errors apart from its own.
    if (this.client && isCluster(this.client)) {
      this.client.on('node-error', (error: Error, node: RedisNode) =>
        this.logger.warn(`redis ${node.host}:${node.port}: ${error.message}`),
      );
    }
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** Waits for the first connection a short while; past that the service starts anyway and reports not ready. */
  async onModuleInit(): Promise<void> {
    if (!this.client) return;
    const connecting = this.client.connect().catch((error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.connecting = connecting;
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** A second connection of the same kind (a subscriber), not connected yet. */
  duplicate(): RedisClient {
    const client = this.required();
    return isCluster(client) ? (client.duplicate() as RedisClusterType) : (client.duplicate() as RedisClientType);
  }

  /** Where `key` lives: 'single' for one Redis, else its master's host:port; null when no master serves it. */
  addressOf(key: string): string | null {
    const client = this.required();
    if (!isCluster(client)) return 'single';
    return client.isReady ? (client.slots[keySlot(key)]?.master.address ?? null) : null;
  }

  /** Every address `addressOf` may answer now: 'single', or the masters the cluster client knows. */
  addresses(): string[] {
    const client = this.required();
    if (!isCluster(client)) return ['single'];
    return client.isReady ? client.masters.map((master) => master.address) : [];
  }

  /** A plain connection (not connected yet) with this service's settings and these command options, to an address. */
  connectionTo(address: string, commandOptions: { timeout: number }): RedisClientType {
    const client = this.required();
    if (!isCluster(client)) return client.duplicate({ commandOptions }) as RedisClientType;
    const at = address.lastIndexOf(':');
    const socket = { ...NODE_DEFAULTS.socket, host: address.slice(0, at), port: Number(address.slice(at + 1)) };
    return createClient({ ...NODE_DEFAULTS, commandOptions, socket });
  }

  /**
   * The one Redis answers PING; in cluster mode the first master that answers CLUSTER INFO must say
   * cluster_state:ok (a master that is down is skipped: the others still say how the cluster is).
   */
  async ping(): Promise<void> {
    const client = this.client;
    if (!client) return;
    if (!isCluster(client)) {
      await client.ping();
      return;
    }
    let failure: Error = new Error('no cluster node answers');
    for (const master of client.isReady ? client.masters : []) {
      let info: string;
      try {
        info = String(await (await client.nodeClient(master)).sendCommand(['CLUSTER', 'INFO']));
      } catch (error) {
        failure = new Error(`${master.address}: ${(error as Error).message}`);
        continue;
      }
      const state = /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
      if (state !== 'ok') throw new Error(`${master.address} reports cluster_state:${state}`);
      return;
    }
    throw failure;
  }

  async onApplicationShutdown(): Promise<void> {
    // A cluster client still discovering would open its node connections after a close: let it finish (it ends
    // either way, connected or refused; a single Redis client may retry forever, and closes at once).
    if (this.cluster) await this.connecting;
    if (this.client?.isOpen) await this.client.close();
  }

  private required(): RedisClient {
    if (!this.client) throw new Error('Redis is not configured (REDIS_URL or REDIS_CLUSTER_NODES)');
    return this.client;
  }
}
