import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * The one way code reaches the database. Inside `transaction()` every repository and query made through this
 * service joins that transaction (carried by AsyncLocalStorage), so a use case never half-commits and never
 * waits on a second connection while holding the first.
 */
@Injectable()
export class Db {
  private readonly ambient = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the pool's. */
  get manager(): EntityManager {
    return this.ambient.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.ambient.getStore() !== undefined;
  }

  repo<Entity extends ObjectLiteral>(entity: EntityTarget<Entity>): Repository<Entity> {
    return this.manager.getRepository(entity);
  }

  /** Raw SQL; always the rows (for UPDATE/DELETE ... RETURNING too, unlike TypeORM's own `query`). */
  async query<Row = unknown>(sql: string, parameters?: unknown[]): Promise<Row[]> {
    const ambient = this.ambient.getStore()?.queryRunner;
    if (ambient) return (await ambient.query(sql, parameters, true)).records as Row[];
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, parameters, true)).records as Row[];
    } finally {
      await runner.release();
    }
  }

  /** Runs `work` in a transaction, or inside the one already open. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.ambient.run(manager, () => work(manager)));
  }
}
