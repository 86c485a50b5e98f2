import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/platform/database/data-source-options';
import { Db } from '../../src/platform/database/db';
import { testEnvironment, withDatabase } from './test-env';

export interface TestDatabase {
  url: string;
  /** Runs SQL on this test file's database (checking invariants, arranging faults). */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of this test file's own, with every migration applied. */
export async function freshDatabase(): Promise<TestDatabase> {
  const environment = testEnvironment();
  let url: string;
  let drop: () => Promise<void>;
  if (environment.postgresMode === 'server') {
    const name = `engage_test_${randomBytes(6).toString('hex')}`;
    await withClient(environment.postgresUrl, (admin) =>
      admin.query(`CREATE DATABASE ${name} TEMPLATE ${environment.templateDatabase}`),
    );
    url = withDatabase(environment.postgresUrl, name);
    drop = () =>
      withClient(environment.postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      );
  } else {
    // Embedded: one database, test files one at a time (jest.config.js); each starts from an empty schema.
    url = environment.postgresUrl;
    await withClient(url, (client) => client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
    await runMigrations(url);
    drop = async () => undefined;
  }
  return {
    url,
    query: <Row>(sql: string, parameters?: unknown[]) =>
      withClient(url, async (client) => (await client.query(sql, parameters)).rows as Row[]),
    drop,
  };
}

/** A database of this test file's own, reached through the service's Db (one connection, as on PGlite). */
export async function freshDb(): Promise<{ db: Db; close(): Promise<void> }> {
  const database = await freshDatabase();
  const dataSource = new DataSource(dataSourceOptions(database.url, 1));
  await dataSource.initialize();
  return {
    db: new Db(dataSource),
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
