import { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '../../src/cli/pending-schema-changes';
import { declaredLifecycles } from '../../src/lifecycles';
import { dataSourceOptions, runMigrations } from '../../src/platform/database/data-source-options';
import { freshDatabase, TestDatabase } from '../support/database';

describe('migrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('agree with the entities: generating a migration yields nothing', async () => {
    const diff = await pendingSchemaChanges(db.url);
    expect(diff.up).toEqual([]);
  });

  it('hold a table and a text column for every declared lifecycle', async () => {
    const columns = await db.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')`,
    );
    const names = new Set(columns.map((column) => column.name));
    for (const lifecycle of declaredLifecycles()) expect(names).toContain(`${lifecycle.table}.${lifecycle.column}`);
  });

  it('can be rolled back and applied again', async () => {
    const tables = async () =>
      (
        await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
      ).map((row) => row.tablename);
    const before = await tables();
    const dataSource = new DataSource(dataSourceOptions(db.url, 1));
    await dataSource.initialize();
    try {
      while ((await dataSource.query('SELECT count(*)::int AS n FROM schema_migrations'))[0].n > 0) {
        await dataSource.undoLastMigration();
      }
      expect(await tables()).toEqual(['schema_migrations']);
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
    expect(await tables()).toEqual(before);
  });

  it('applied by three start-ups at once on an empty schema: each once, and no lock outlives them', async () => {
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const runs = await Promise.all([runMigrations(db.url), runMigrations(db.url), runMigrations(db.url)]);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(runs.flat()).toHaveLength(n);
    expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1);
    // Transaction-scoped: nothing is left held on a connection (as a pooler in transaction mode needs).
    expect(await db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([]);
  });
});
