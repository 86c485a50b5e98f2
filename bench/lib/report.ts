import { LoadResult } from './load';

export interface Row {
  name: string;
  result: LoadResult;
}

/** Prints figures beside the reference measured in the same run, so the ratio means something on a noisy machine. */
export function printTable(title: string, reference: Row, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log('| what | requests/s | p50 ms | p99 ms | non-2xx | errors | share of bare |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of [reference, ...rows]) {
    const share = (row.result.requestsPerSecond / reference.result.requestsPerSecond).toFixed(2);
    const { requestsPerSecond, p50Ms, p99Ms, non2xx, errors } = row.result;
    console.log(`| ${row.name} | ${requestsPerSecond} | ${p50Ms} | ${p99Ms} | ${non2xx} | ${errors} | ${share} |`);
  }
}
