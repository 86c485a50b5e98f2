import type { Db } from '../../src/platform/database/db';
import { isUniqueViolation } from '../../src/platform/database/postgres-errors';
import { freshDb } from '../support/database';

const INSERT = `WITH inserted AS (INSERT INTO prepared_probe (id, label) SELECT * FROM unnest($1::int[], $2::text[])
  RETURNING 1) SELECT count(*)::int AS n FROM inserted`;

describe('Db.prepared (a named prepared statement)', () => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await freshDb());
    await db.query('CREATE TABLE prepared_probe (id integer PRIMARY KEY, label text)');
  });
  afterAll(() => close());

  beforeEach(() => db.query('TRUNCATE prepared_probe'));

  const labels = () =>
    db
      .query<{ id: number; label: string }>('SELECT id, label FROM prepared_probe ORDER BY id')
      .then((rows) => rows.map((row) => [row.id, row.label]));

  it('runs the same statement many times, on many pooled connections at once, with its rows back', async () => {
    // More calls at once than the pool has connections: each connection prepares it once and runs it again.
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => db.prepared<{ n: number }>('probe_insert', INSERT, [[i], [`label ${i}`]])),
    );
    expect(counts.map(([row]) => row.n)).toEqual(Array(60).fill(1));
    expect(await labels()).toHaveLength(60);
  });

  it('joins the transaction it is called in: a rollback undoes it', async () => {
    const attempt = db.transaction(async () => {
      await db.prepared('probe_insert', INSERT, [[1], ['in the transaction']]);
      expect(await labels()).toEqual([[1, 'in the transaction']]);
      throw new Error('roll back');
    });
    await expect(attempt).rejects.toThrow('roll back');
    expect(await labels()).toEqual([]);
  });

  it("fails with PostgreSQL's error, and the connection runs it again afterwards", async () => {
    await db.prepared('probe_insert', INSERT, [[1], ['first']]);
    const error = await db.prepared('probe_insert', INSERT, [[1], ['again']]).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    await db.prepared('probe_insert', INSERT, [[2], ['second']]);
    expect(await labels()).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
  });
});
