import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../src/platform/database/data-source-options';
import { freshDatabase, TestDatabase } from '../support/database';

const MIGRATION = 'RebateClawbacks1796512565196';

/**
 * The RebateClawbacks migration on rows written before it: the pay job had pushed `due_at` as its lease, so it
 * sets `due_at` back to the order's payment + the rule's delay and starts the lease column where `due_at` was.
 */
describe('migration RebateClawbacks', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await freshDatabase();
    const dataSource = new DataSource(dataSourceOptions(db.url, 1));
    await dataSource.initialize();
    try {
      const applied = async () =>
        (await dataSource.query('SELECT 1 FROM schema_migrations WHERE name = $1', [MIGRATION])).length > 0;
      while (await applied()) await dataSource.undoLastMigration();
    } finally {
      await dataSource.destroy();
    }
  });
  afterAll(() => db.drop());

  /** Inserts a row with the given values and a placeholder in every other required column. */
  async function insert(table: string, values: Record<string, unknown>): Promise<void> {
    const required = await db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = $1 AND is_nullable = 'NO' AND column_default IS NULL`,
      [table],
    );
    const placeholder: Record<string, () => unknown> = {
      uuid: () => randomUUID(),
      text: () => `x-${randomUUID()}`,
      bigint: () => 0,
      integer: () => 0,
      jsonb: () => '{}',
      'timestamp with time zone': () => new Date(),
    };
    const row = { ...values };
    for (const { column_name, data_type } of required) {
      if (!(column_name in row)) row[column_name] = placeholder[data_type]!();
    }
    const columns = Object.keys(row);
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      Object.values(row),
    );
  }

  it('sets due_at back to payment + delay; the lease column starts where due_at was pushed to', async () => {
    const paidAt = new Date('2026-11-01T08:00:00Z');
    const pushedTo = new Date('2026-11-08T08:01:07Z'); // the lease of the run that paid it
    const ruleId = randomUUID();
    const orderId = randomUUID();
    const rebateId = randomUUID();
    await insert('rebate_rules', { id: ruleId, delay_seconds: 7 * 86_400, kind: 'percent', percent: 10 });
    await insert('orders', { id: orderId, status: 'paid', paid_at: paidAt, total_fen: 10_000 });
    await insert('rebates', {
      id: rebateId,
      rule_id: ruleId,
      order_id: orderId,
      amount_fen: 800,
      status: 'paid',
      due_at: pushedTo,
      paid_at: new Date('2026-11-08T08:00:07Z'),
    });

    expect(await runMigrations(db.url)).toContain(MIGRATION);

    const [row] = await db.query<{
      due_at: Date;
      next_attempt_at: Date;
      deducted_fen: string;
      clawed_back_fen: string;
    }>('SELECT due_at, next_attempt_at, deducted_fen, clawed_back_fen FROM rebates WHERE id = $1', [rebateId]);
    expect(row.due_at.toISOString()).toBe('2026-11-08T08:00:00.000Z');
    expect(row.next_attempt_at.toISOString()).toBe(pushedTo.toISOString());
    expect([Number(row.deducted_fen), Number(row.clawed_back_fen)]).toEqual([0, 0]);
  });
});
