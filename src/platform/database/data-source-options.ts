import { DataSource, DataSourceOptions, MigrationExecutor } from 'typeorm';
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

/**
 * Applies pending migrations, one instance at a time, all in one transaction. The lock that keeps parallel
 * start-ups apart is transaction-scoped (pg_advisory_xact_lock), so it also holds through a pooler in transaction
 * mode (PgBouncer), where a session lock could be taken on one server connection and released on another.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SELECT pg_advisory_xact_lock(7262001)');
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'none';
    const applied = await executor.executePendingMigrations();
    await runner.commitTransaction();
    return applied.map((migration) => migration.name);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
