import fc from 'fast-check';
import type { Db } from '../../src/platform/database/db';
import { isUniqueViolation } from '../../src/platform/database/postgres-errors';
import { freshDb } from '../support/database';

describe('Db.copyInto (COPY FROM STDIN)', () => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await freshDb());
    await db.query('CREATE TABLE copy_probe (id integer PRIMARY KEY, label text, at timestamptz, n bigint)');
  });
  afterAll(() => close());

  beforeEach(() => db.query('TRUNCATE copy_probe'));

  const read = () =>
    db.query<{ id: number; label: string | null; at: Date | null; n: string | null }>(
      'SELECT id, label, at, n FROM copy_probe ORDER BY id',
    );

  it('writes any text as it was: tabs, newlines, backslashes, \\N, unicode, null', async () => {
    // PostgreSQL text cannot hold NUL; everything else must survive.
    const label = fc.option(
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, '')),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(label, { minLength: 1, maxLength: 30 }), async (labels) => {
        await db.query('TRUNCATE copy_probe');
        await db.transaction(() =>
          db.copyInto(
            'copy_probe',
            ['id', 'label'],
            labels.map((label, id) => ({ id, label })),
          ),
        );
        expect((await read()).map((row) => row.label)).toEqual(labels);
      }),
      { numRuns: 60 },
    );
  });

  it('writes dates and numbers', async () => {
    const at = new Date('2026-12-01T10:00:00.123Z');
    await db.transaction(() => db.copyInto('copy_probe', ['id', 'at', 'n'], [{ id: 1, at, n: 9007199254740991 }]));
    const [row] = await read();
    expect(row.at?.toISOString()).toBe(at.toISOString());
    expect(row.n).toBe('9007199254740991');
  });

  it('a row that exists fails the statement with a unique violation and the transaction writes nothing', async () => {
    await db.transaction(() => db.copyInto('copy_probe', ['id', 'label'], [{ id: 1, label: 'first' }]));
    const attempt = db.transaction(async () => {
      await db.copyInto('copy_probe', ['id', 'label'], [{ id: 2, label: 'new' }]);
      await db.copyInto(
        'copy_probe',
        ['id', 'label'],
        [
          { id: 3, label: 'new' },
          { id: 1, label: 'again' },
        ],
      );
    });
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect((await read()).map((row) => [row.id, row.label])).toEqual([[1, 'first']]);
  });

  it('refuses to run outside a transaction (a failed COPY must abort one)', async () => {
    await expect(db.copyInto('copy_probe', ['id'], [{ id: 1 }])).rejects.toThrow(/inside a transaction/);
  });
});
