import { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '../../src/cli/pending-schema-changes';
import { dataSourceOptions } from '../../src/platform/database/data-source-options';
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
});
