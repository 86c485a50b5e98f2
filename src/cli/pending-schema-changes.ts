import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../platform/database/data-source-options';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/** What the entities want that the migrated schema lacks: empty when migrations and entities agree. */
export async function pendingSchemaChanges(databaseUrl: string): Promise<SchemaDiff> {
  await runMigrations(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 1));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((query) => query.query),
      down: sql.downQueries.map((query) => query.query).reverse(),
    };
  } finally {
    await dataSource.destroy();
  }
}
