import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { finished } from 'node:stream/promises';
import { escapeLiteral, type PoolClient, type QueryResultRow } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { copyLine, CopyValue } from './copy-text';

/**
 * The one way code reaches the database. Inside `transaction()` every repository and query made through this
 * service joins that transaction (carried by AsyncLocalStorage), so a use case never half-commits and never
 * waits on a second connection while holding the first.
 */
@Injectable()
export class Db {
  private readonly logger = new Logger(Db.name);
  private readonly ambient = new AsyncLocalStorage<EntityManager>();
  /** Work each open transaction runs once it has committed (afterCommit). */
  private readonly committed = new WeakMap<EntityManager, Array<() => Promise<void>>>();

  /** Whether the server takes COPY FROM STDIN: PGlite's socket server drops the connection on it. Asked once. */
  private copySupport: Promise<boolean> | null = null;

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

  /**
   * Raw SQL, as `query`, run as the named prepared statement `name`: each pooled connection parses and plans it once
   * instead of on every call. For a fixed statement run hundreds of times a second (a hot campaign's batch: measured
   * on the lucky-draw batch, 7% more draws a second, its planning no longer on the commit's path). One name, one text.
   * Through PgBouncer in transaction mode it needs `max_prepared_statements` above zero (docs/scaling.md).
   */
  async prepared<Row = unknown>(name: string, sql: string, parameters: unknown[]): Promise<Row[]> {
    return this.onClient(
      async (client) => (await client.query<Row & QueryResultRow>({ name, text: sql, values: parameters })).rows,
    );
  }

  /**
   * Inserts rows with COPY FROM STDIN, in the current transaction (required: a failed COPY aborts it). Per row it
   * costs PostgreSQL ~40% less than INSERT ... SELECT from a JSON parameter, but it has no ON CONFLICT:
   * a row that exists already fails the whole statement with a unique violation. On the embedded database, the
   * same rows and the same failure through a plain INSERT.
   */
  async copyInto(
    table: string,
    columns: readonly string[],
    records: ReadonlyArray<Record<string, CopyValue>>,
  ): Promise<void> {
    const runner = this.ambient.getStore()?.queryRunner as PostgresQueryRunner | undefined;
    // The runner's pg client outlives its transaction in TypeORM: refuse a call that comes after it ended.
    if (!runner || runner.isReleased || !runner.isTransactionActive) {
      throw new Error('copyInto runs inside a transaction');
    }
    if (records.length === 0) return;
    if (!(await this.supportsCopy())) {
      await this.query(insertFromJson(table, columns), [JSON.stringify(records)]);
      return;
    }
    const client = (await runner.connect()) as PoolClient;
    let text = '';
    for (const record of records) text += copyLine(columns, record);
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    stream.end(text);
    await finished(stream);
  }

  /**
   * The rows of `select` as CSV, written by PostgreSQL (`COPY (select) TO STDOUT WITH (FORMAT csv)`: fields with
   * a comma, a quote or a line break quoted as RFC 4180 asks, null as an empty field), in the chunks it arrived
   * in. The text comes as bytes, never as row objects, and is not copied again, so a long export leaves little
   * for the garbage collector (bench/orders-csv.ts). It is read whole before the connection goes back to the pool:
   * keep `select` to a bounded batch. COPY takes no bind parameters, so each `$n` in `select` is replaced by the
   * n-th value as a quoted literal (pg's escapeLiteral; null as NULL); `select` must hold no other `$`.
   */
  async copyCsvOut(select: string, parameters: ReadonlyArray<string | null>): Promise<Buffer[]> {
    const sql = `COPY (${withLiterals(select, parameters)}) TO STDOUT WITH (FORMAT csv)`;
    return this.onClient(async (client) => {
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(sql))) chunks.push(chunk as Buffer);
      return chunks;
    });
  }

  /**
   * Inserts rows (objects keyed by column) with one statement and one JSON parameter, skipping those whose `id`
   * exists already; returns the ids it inserted.
   */
  async insertSkippingExisting(
    table: string,
    columns: readonly string[],
    records: ReadonlyArray<Record<string, CopyValue>>,
  ): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const [{ ids }] = await this.query<{ ids: string[] | null }>(
      `WITH inserted AS (${insertFromJson(table, columns)} ON CONFLICT (id) DO NOTHING RETURNING id)
       SELECT array_agg(id) AS ids FROM inserted`,
      [JSON.stringify(records)],
    );
    return new Set(ids ?? []);
  }

  /** `work` on the current transaction's pg client, or on a pooled one given back after it. */
  private async onClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const ambient = this.ambient.getStore()?.queryRunner;
    const runner = ambient ?? this.dataSource.createQueryRunner();
    try {
      return await work((await runner.connect()) as PoolClient);
    } finally {
      if (!ambient) await runner.release();
    }
  }

  private supportsCopy(): Promise<boolean> {
    this.copySupport ??= this.query<{ version: string }>('SELECT version() AS version').then(
      ([row]) => !row.version.includes('PGlite'),
      (error: unknown) => {
        this.copySupport = null;
        throw error;
      },
    );
    return this.copySupport;
  }

  /**
   * Runs `work` as if no transaction were open: its queries take their own pooled connections and commit on
   * their own. For work that must never join a caller's transaction (the in-process sandbox provider).
   */
  outside<T>(work: () => T): T {
    return this.ambient.exit(work);
  }

  /** Runs `work` in a transaction, or inside the one already open. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.ambient.getStore();
    if (current) return work(current);
    const after: Array<() => Promise<void>> = [];
    const result = await this.dataSource.transaction((manager) => {
      this.committed.set(manager, after);
      return this.ambient.run(manager, () => work(manager));
    });
    // Outside the transaction (its connection is back in the pool); a failure cannot undo what committed.
    for (const run of after) {
      await run().catch((error: unknown) => this.logger.error(`work after a commit failed: ${String(error)}`));
    }
    return result;
  }

  /**
   * Runs `work` once the current transaction commits, before `transaction()` returns, and never if it rolls back:
   * for a call outside the database that must follow a commit (a network call must not hold the connection and
   * locks, nor happen for a change that rolls back). A crash can skip it: pair it with something durable (an
   * outbox message) when it must happen. A failure is logged; it cannot undo the commit.
   */
  afterCommit(work: () => Promise<void>): void {
    const manager = this.ambient.getStore();
    const after = manager && this.committed.get(manager);
    if (!after) throw new Error('afterCommit runs inside a transaction');
    after.push(work);
  }
}

/** INSERT of the rows of a JSON array of objects keyed by column (one parameter: cheaper than one per value). */
const insertFromJson = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')})
   SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`;

/** `$n` replaced by the n-th value as a literal, for a statement that takes no bind parameters (COPY). */
function withLiterals(sql: string, parameters: ReadonlyArray<string | null>): string {
  return sql.replace(/\$(\d+)/g, (_, position: string) => {
    const index = Number(position) - 1;
    if (index < 0 || index >= parameters.length) throw new Error(`no value for $${position}`);
    const value = parameters[index];
    return value === null ? 'NULL' : escapeLiteral(value);
  });
}
