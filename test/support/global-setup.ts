import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/platform/database/data-source-options';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { postgresAnswers, redisAnswers, redisClusterAnswers } from './probe';
import { startTestApp } from './test-app';
import { publishTestEnvironment, testEnvironment, withDatabase } from './test-env';

declare global {
  var __ENGAGE_TEST_TEARDOWN__: (() => Promise<void>) | undefined;
}

/**
 * Once per run: a migrated template database on the real Postgres at DATABASE_URL (default: local server),
 * from which each test file clones its own database; embedded PGlite when no server answers.
 */
export default async function globalSetup(): Promise<void> {
  await prepareDatabases();
  const dropDatabases = globalThis.__ENGAGE_TEST_TEARDOWN__;
  const removeDocument = await publishOpenApiDocument();
  globalThis.__ENGAGE_TEST_TEARDOWN__ = async () => {
    removeDocument();
    await dropDatabases?.();
  };
}

/**
 * The /docs-json of a test app, once for the run, kept in a file for the tests that only read the document
 * (OpenApi.served): a dozen files would otherwise each start an app for that one GET.
 */
async function publishOpenApiDocument(): Promise<() => void> {
  const app = await startTestApp();
  try {
    const response = await app.http.get('/docs-json');
    if (response.status !== 200) throw new Error(`/docs-json answered ${response.status}: ${response.text}`);
    const dir = mkdtempSync(join(tmpdir(), 'engage-openapi-'));
    const file = join(dir, 'docs.json');
    writeFileSync(file, response.text);
    publishTestEnvironment({ ...testEnvironment(), openApiDocument: file });
    return () => rmSync(dir, { recursive: true, force: true });
  } finally {
    await app.close();
  }
}

async function prepareDatabases(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = (await redisAnswers(redisUrl)) ? redisUrl : null;
  // The local three-master cluster .ci/run starts (.ci/redis-cluster): the cluster variants run on it.
  const clusterNodes = process.env.TEST_REDIS_CLUSTER_NODES ?? '127.0.0.1:7101,127.0.0.1:7102,127.0.0.1:7103';
  const redisCluster = (await redisClusterAnswers(clusterNodes)) ? clusterNodes : null;
  const postgresServer = await postgresAnswers(adminUrl);
  // CI starts both servers (.ci/run): there a missing one is a failure, not a reason to skip the Redis variants
  // and the concurrency tests that embedded PGlite cannot run.
  if (process.env.CI && (!redis || !postgresServer)) {
    throw new Error(`CI needs PostgreSQL at ${adminUrl} and Redis at ${redisUrl}; one of them does not answer`);
  }
  if (process.env.CI && !redisCluster) {
    throw new Error(`CI needs the Redis Cluster at ${clusterNodes} (.ci/redis-cluster); it does not answer`);
  }
  if (!redis) console.warn(`\n[test] no Redis at ${redisUrl}: Redis variants are skipped`);
  if (!redisCluster) console.warn(`\n[test] no Redis Cluster at ${clusterNodes}: cluster variants are skipped`);

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
      redisClusterNodes: redisCluster,
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
    redisClusterNodes: redisCluster,
  });
  globalThis.__ENGAGE_TEST_TEARDOWN__ = () => embedded.close();
}
