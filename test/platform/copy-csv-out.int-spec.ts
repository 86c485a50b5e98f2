import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Db } from '../../src/platform/database/db';
import { freshDb } from '../support/database';

describe('Db.copyCsvOut (COPY ... TO STDOUT WITH (FORMAT csv))', () => {
  let db: Db;
  let close: () => Promise<void>;

  beforeAll(async () => {
    // One connection: inside a transaction the COPY must run on the transaction's own, or it would wait forever.
    ({ db, close } = await freshDb());
    await db.query('CREATE TABLE copy_out_probe (id integer PRIMARY KEY, label text)');
  });
  afterAll(() => close());

  const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString('utf8');
  const records = (chunks: Buffer[]): string[][] => parse(text(chunks));

  it('any text given as a parameter comes back as it was, parsed with csv-parse: quotes, commas, line breaks, $n', async () => {
    // PostgreSQL text cannot hold NUL; everything else must survive, as a value and not as SQL.
    const anyText = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, ''));
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (first, second) => {
        const csv = await db.copyCsvOut('SELECT $1::text, $2::text', [first, second]);
        expect(records(csv)).toEqual([[first, second]]);
      }),
      { numRuns: 100 },
    );
    const csv = await db.copyCsvOut("SELECT $1::text, $2::text, 'it''s'", ["'; DROP TABLE copy_out_probe; --", '$1']);
    expect(records(csv)).toEqual([["'; DROP TABLE copy_out_probe; --", '$1', "it's"]]);
  });

  it('one line per row in the order of the select; null is an empty field', async () => {
    const csv = await db.copyCsvOut(
      'SELECT g, CASE WHEN g = 2 THEN NULL ELSE $2 END FROM generate_series(1, $1::int) g',
      ['3', 'x'],
    );
    expect(text(csv)).toBe('1,x\n2,\n3,x\n');
    expect(records(await db.copyCsvOut('SELECT $1::text IS NULL', [null]))).toEqual([['t']]);
  });

  it("inside a transaction it reads on the transaction's connection and sees its rows", async () => {
    await db.transaction(async () => {
      await db.query("INSERT INTO copy_out_probe VALUES (1, 'not yet committed')");
      expect(records(await db.copyCsvOut('SELECT label FROM copy_out_probe', []))).toEqual([['not yet committed']]);
      await db.query('DELETE FROM copy_out_probe');
    });
  });

  it('a $n without a value is refused before anything is sent', async () => {
    await expect(db.copyCsvOut('SELECT $1::text, $2::text', ['only one'])).rejects.toThrow('no value for $2');
  });
});
