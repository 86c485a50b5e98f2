import 'reflect-metadata';
import { Client } from 'pg';
import { runMigrations } from '../../src/platform/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { postgresAnswers, redisAnswers } from './probe';
import { publishTestEnvironment, withDatabase } from './test-env';

declare global {
  var __ENGAGE_TEST_TEARDOWN__: (() => Promise<void>) | undefined;
}

/**
 * Once per run: a migrated template database on the real Postgres at DATABASE_URL (default: local server),
 * from which each test file clones its own database; embedded PGlite when no server answers.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = (await redisAnswers(redisUrl)) ? redisUrl : null;
  const postgresServer = await postgresAnswers(adminUrl);
  // CI starts both servers (.ci/run): there a missing one is a failure, not a reason to skip the Redis variants
  // and the concurrency tests that embedded PGlite cannot run.
  if (process.env.CI && (!redis || !postgresServer)) {
    throw new Error(`CI needs PostgreSQL at ${adminUrl} and Redis at ${redisUrl}; one of them does not answer`);
  }
  if (!redis) console.warn(`\n[test] no Redis at ${redisUrl}: Redis variants are skipped`);

  if (postgresServer) {
    const template = `engage_template_${process.pid}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    await runMigrations(withDatabase(adminUrl, template));
    publishTestEnvironment({
      postgresMode: 'server',
      postgresUrl: adminUrl,
      templateDatabase: template,
      redisUrl: redis,
    });
    globalThis.__ENGAGE_TEST_TEARDOWN__ = async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await client.end();
    };
    return;
  }

  console.warn(`\n[test] no Postgres at ${adminUrl}: using embedded PGlite, test files run one at a time`);
  const embedded = await startEmbeddedPostgres(null, 64);
  publishTestEnvironment({
    postgresMode: 'embedded',
    postgresUrl: embedded.url,
    templateDatabase: null,
    redisUrl: redis,
  });
  globalThis.__ENGAGE_TEST_TEARDOWN__ = () => embedded.close();
}
