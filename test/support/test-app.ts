import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/platform/clock/clock';
import { ServiceUrl } from '../../src/platform/http/service-url';
import { prepareRuntime, Runtime } from '../../src/platform/runtime/runtime';
import { freshDatabase, TestDatabase } from './database';
import { HttpClient } from './http-client';
import { connectRedis, deleteKeys, RedisMode, redisEnv } from './redis';
import { testEnvironment } from './test-env';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestAppOptions {
  /**
   * Use Redis (default: the single Redis whenever the run has one). false: the Postgres adapters. 'cluster': the
   * local Redis Cluster (callers check redisModes() first).
   */
  redis?: boolean | RedisMode;
  /** Extra environment variables, as an operator would set them. */
  env?: Record<string, string>;
  /** Reuse a database (several instances against one database). */
  database?: TestDatabase;
  /** Reuse a Redis key prefix (several instances sharing one Redis). */
  redisKeyPrefix?: string;
  /**
   * Changes the loaded configuration before the app is built: a state loadConfig would refuse, to show what the
   * application itself does in it.
   */
  config?: (loaded: AppConfig) => AppConfig;
  /** Run the scheduled jobs on their timers (JOB_INTERVAL_MS); off by default: tests call JobRunner.runNow. */
  jobs?: boolean;
  /** Listen on this port (default: any free one), for a configuration that must name the service's own URL. */
  port?: number;
}

export interface TestApp {
  http: HttpClient;
  url: string;
  app: NestFastifyApplication;
  runtime: Runtime;
  clock: ManualClock;
  db: TestDatabase;
  redisKeyPrefix: string | null;
  /** Which Redis it runs on; null: none (the Postgres adapters). */
  redisMode: RedisMode | null;
  close(): Promise<void>;
}

/** The real application on a random loopback port, on this file's own database and Redis prefix. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const environment = testEnvironment();
  const redisMode: RedisMode | null =
    options.redis === 'cluster' || options.redis === 'single'
      ? options.redis
      : (options.redis ?? true) && environment.redisUrl !== null
        ? 'single'
        : null;
  const useRedis = redisMode !== null;
  const db = options.database ?? (await freshDatabase());
  const redisKeyPrefix = useRedis ? (options.redisKeyPrefix ?? `test:${randomBytes(6).toString('hex')}:`) : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-test-'));
  const loaded = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    ...(redisMode ? { ...redisEnv(redisMode), REDIS_KEY_PREFIX: redisKeyPrefix! } : {}),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'fatal',
    ...options.env,
  });
  const config = options.config ? options.config(loaded) : loaded;
  const runtime = await prepareRuntime(config, () => undefined);
  const clock = new ManualClock();
  const app = await createApp(runtime, { clock, schedule: options.jobs === true });
  try {
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    if (!options.database) await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = await app.getUrl();
  app.get(ServiceUrl).set(url);
  return {
    http: new HttpClient(url),
    url,
    app,
    runtime,
    clock,
    db,
    redisKeyPrefix,
    redisMode,
    async close() {
      await app.close();
      if (redisMode && redisKeyPrefix && !options.redisKeyPrefix) await deleteRedisKeys(redisMode, redisKeyPrefix);
      if (!options.database) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function deleteRedisKeys(mode: RedisMode, prefix: string): Promise<void> {
  const client = await connectRedis(mode);
  try {
    await deleteKeys(client, prefix);
  } finally {
    await client.close();
  }
}
