import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { Db } from '../database/db';
import { RedisService } from '../redis/redis.service';
import { METRICS } from './metric-catalogue';
import { MetricsRegistry } from './metrics-registry';

/**
 * The PostgreSQL pool's state and whether each Redis connection can take commands, read at scrape time from the
 * clients' own counters (no round trip). The main Redis client is watched here; modules with connections of their
 * own (the purchase path's, the restock subscriber) add theirs with `watchRedis`.
 */
@Injectable()
export class ConnectionMetrics {
  private readonly redisConnections = new Map<string, () => boolean>();

  constructor(db: Db, redis: RedisService, metrics: MetricsRegistry) {
    if (redis.client) {
      const client = redis.client;
      this.watchRedis('main', () => client.isReady);
    }
    // TypeORM's postgres driver keeps its pg Pool as `master` (untyped there).
    const pool = () => (db.dataSource.driver as unknown as { master?: Pool }).master;
    metrics.scrapeGauge(METRICS.pgPoolConnections, 'pg_pool', (set) => {
      const current = pool();
      if (!current) return;
      set({ state: 'total' }, current.totalCount);
      set({ state: 'idle' }, current.idleCount);
      set({ state: 'max' }, current.options.max ?? 10);
    });
    metrics.scrapeGauge(METRICS.pgPoolWaiting, 'pg_pool', (set) => {
      const current = pool();
      if (current) set({}, current.waitingCount);
    });
    metrics.scrapeGauge(METRICS.redisReady, 'redis', (set) => {
      for (const [connection, ready] of this.redisConnections) set({ connection }, ready() ? 1 : 0);
    });
  }

  watchRedis(connection: string, isReady: () => boolean): void {
    this.redisConnections.set(connection, isReady);
  }
}
