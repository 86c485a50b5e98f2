import { DataSource, DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from '../../entities';
import { ALL_MIGRATIONS } from '../../../migrations';
import { SnakeNamingStrategy } from './naming-strategy';

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, application_name: 'engage' },
    logging: false,
  };
}

/** Applies pending migrations, one instance at a time (an advisory lock keeps parallel start-ups apart). */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(7262001)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(7262001)');
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
