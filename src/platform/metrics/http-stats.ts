/** Upper bounds (seconds) of the latency buckets: hot paths answer in a few ms, a slow database path in 100s of ms. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Answers of one status class: count, sum of seconds, and per bucket (not cumulative) how many fell in it. */
export class LatencyCells {
  count = 0;
  sum = 0;
  readonly buckets = new Float64Array(LATENCY_BUCKETS.length);

  add(seconds: number): void {
    this.count++;
    this.sum += seconds;
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= LATENCY_BUCKETS[i]) {
        this.buckets[i]++;
        return;
      }
    }
  }
}

/** One route and method: latency per status class, answers per status code. */
export class RouteStats {
  readonly byClass: Array<LatencyCells | undefined> = [undefined, undefined, undefined, undefined, undefined];
  readonly byStatus = new Map<number, number>();

  record(status: number, seconds: number): void {
    const index = Math.min(4, Math.max(0, Math.floor(status / 100) - 1));
    const cells = this.byClass[index] ?? (this.byClass[index] = new LatencyCells());
    cells.add(seconds);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }
}

export interface RouteSeries {
  method: string;
  route: string;
  stats: RouteStats;
}

/**
 * Every answer's route, method, status and latency, in plain numbers: a request costs two map lookups and a few
 * additions, no allocation once its route and method were seen (prom-client's own histogram builds a label hash
 * per observation). The registry reads it at scrape time (snapshot-metrics.ts). Routes are templates and methods
 * the few HTTP knows, so the series are bounded.
 */
export class HttpStats {
  private readonly routes = new Map<string, Map<string, RouteStats>>();

  record(method: string, route: string, status: number, seconds: number): void {
    let methods = this.routes.get(route);
    if (!methods) this.routes.set(route, (methods = new Map()));
    let stats = methods.get(method);
    if (!stats) methods.set(method, (stats = new RouteStats()));
    stats.record(status, seconds);
  }

  *series(): Generator<RouteSeries> {
    for (const [route, methods] of this.routes) {
      for (const [method, stats] of methods) yield { method, route, stats };
    }
  }
}

export function statusClassAt(index: number): StatusClass {
  return STATUS_CLASSES[index];
}
