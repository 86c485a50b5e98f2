import { Db } from '../database/db';

export interface DueRowsQuery {
  /** Table and column names from our own code, never from input. */
  table: string;
  /** The row's time column: due when it is at or before `now`; pushed to `nextAt` when claimed. */
  dueColumn: string;
  /** Which rows are candidates at all, e.g. `status = 'processing'`. */
  where: string;
  now: Date;
  nextAt: Date;
  limit: number;
  returning: string;
  /** More to change on a claimed row, e.g. `attempts = attempts + 1`. */
  alsoSet?: string;
}

/**
 * Claims the rows due for a job and pushes their due time forward in one statement: SKIP LOCKED keeps
 * instances apart, and the pushed time is a lease, so a row whose worker died comes back by itself.
 */
export function claimDue<Row>(db: Db, query: DueRowsQuery): Promise<Row[]> {
  const { table, dueColumn, where, limit, returning, alsoSet } = query;
  return db.query<Row>(
    `UPDATE ${table} SET ${dueColumn} = $2${alsoSet ? `, ${alsoSet}` : ''}
     WHERE id IN (SELECT id FROM ${table} WHERE ${where} AND ${dueColumn} <= $1
                  ORDER BY ${dueColumn} LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED)
     RETURNING ${returning}`,
    [query.now, query.nextAt],
  );
}
