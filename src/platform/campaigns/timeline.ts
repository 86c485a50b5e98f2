import type { TimelineBucket } from './timeline.query';

/** One bucket of a timeline: its start and the kind's counters (every money figure in fen). */
export type TimelineRow<Counter extends string> = { at: string } & Record<Counter, number>;

/**
 * `date_trunc` over a timestamptz column in UTC, for GROUP BY: `bucket` is one of two literals checked by
 * validation, never free text.
 */
export function bucketSql(bucket: TimelineBucket, column: string): string {
  if (bucket !== 'hour' && bucket !== 'day') throw new RangeError(`bad bucket ${String(bucket)}`);
  return `date_trunc('${bucket}', ${column}, 'UTC')`;
}

/**
 * Merges per-bucket sums from several GROUP BY queries (each row `{at, <some counters>}`) into one timeline,
 * oldest bucket first, every counter present (0 where a query had nothing). Only buckets where something
 * happened are listed.
 */
export function mergeTimeline<Counter extends string>(
  counters: readonly Counter[],
  ...series: Array<Array<{ at: Date } & Partial<Record<Counter, string | number | null>>>>
): Array<TimelineRow<Counter>> {
  const byAt = new Map<number, TimelineRow<Counter>>();
  for (const rows of series) {
    for (const row of rows) {
      const key = new Date(row.at).getTime();
      let bucket = byAt.get(key);
      if (!bucket) {
        bucket = { at: new Date(key).toISOString() } as TimelineRow<Counter>;
        for (const counter of counters) (bucket as Record<string, unknown>)[counter] = 0;
        byAt.set(key, bucket);
      }
      for (const counter of counters) {
        const value = row[counter];
        if (value !== undefined && value !== null) (bucket as Record<string, number>)[counter] += Number(value);
      }
    }
  }
  return [...byAt.keys()].sort((a, b) => a - b).map((key) => byAt.get(key)!);
}
