/** What global-setup found and every test file reads: where Postgres and Redis are for this run. */
export interface TestEnvironment {
  /** 'server': a database per test file cloned from a migrated template; 'embedded': one PGlite, files run one at a time. */
  postgresMode: 'server' | 'embedded';
  /** Admin connection (server) or the embedded database's URL. */
  postgresUrl: string;
  templateDatabase: string | null;
  /** null when no Redis answers: tests then run on the Postgres adapters only. */
  redisUrl: string | null;
  /** Seed nodes of the local Redis Cluster (REDIS_CLUSTER_NODES form); null when none answers. */
  redisClusterNodes: string | null;
  /** A file holding the /docs-json a test app served once for the run (OpenApi.served); set at the end of setup. */
  openApiDocument?: string;
}

const VARIABLE = 'ENGAGE_TEST_ENVIRONMENT';

export function publishTestEnvironment(environment: TestEnvironment): void {
  process.env[VARIABLE] = JSON.stringify(environment);
}

export function testEnvironment(): TestEnvironment {
  const raw = process.env[VARIABLE];
  if (!raw) throw new Error('Run the integration tests through jest (its global setup prepares the databases)');
  return JSON.parse(raw) as TestEnvironment;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
