import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/config';
import { ManualClock } from '../../src/platform/clock/clock';
import { ServiceUrl } from '../../src/platform/http/service-url';
import { prepareRuntime, Runtime } from '../../src/platform/runtime/runtime';
import { freshDatabase, TestDatabase } from './database';
import { HttpClient } from './http-client';
import { testEnvironment } from './test-env';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestAppOptions {
  /** Use Redis (default: whenever the run has one). false: the Postgres adapters. */
  redis?: boolean;
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
}

export interface TestApp {
  http: HttpClient;
  url: string;
  app: NestFastifyApplication;
  runtime: Runtime;
  clock: ManualClock;
  db: TestDatabase;
  redisKeyPrefix: string | null;
  close(): Promise<void>;
}

/** The real application on a random loopback port, on this file's own database and Redis prefix. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const environment = testEnvironment();
  const useRedis = (options.redis ?? true) && environment.redisUrl !== null;
  const db = options.database ?? (await freshDatabase());
  const redisKeyPrefix = useRedis ? (options.redisKeyPrefix ?? `test:${randomBytes(6).toString('hex')}:`) : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-test-'));
  const loaded = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    ...(useRedis ? { REDIS_URL: environment.redisUrl!, REDIS_KEY_PREFIX: redisKeyPrefix! } : {}),
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
  await app.listen({ port: 0, host: '127.0.0.1' });
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
    async close() {
      await app.close();
      if (redisKeyPrefix && !options.redisKeyPrefix) await deleteRedisKeys(environment.redisUrl!, redisKeyPrefix);
      if (!options.database) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}
