import { Injectable } from '@nestjs/common';
import { METRICS } from './metric-catalogue';
import { MetricsRegistry } from './metrics-registry';
import { SharedRead } from './shared-read';
import { SnapshotCounter } from './snapshot-metrics';

/** How a hot gate answered an attempt. */
export const GATE_OUTCOMES = [
  'accepted',
  'repeat',
  'sold_out',
  'limit_reached',
  'not_active',
  'rate_limited',
  'not_found',
  'invalid',
  'unavailable',
] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

/** A gate's stream backlog at scrape time: entries not persisted yet, and those read but not acknowledged. */
export interface StreamBacklog {
  entries: number;
  pending: number;
}

type Counts = Record<GateOutcome, number>;

/**
 * Attempts at the hot gates (the flash-sale purchase today; coupon claims and lucky draws next), by outcome, and
 * their streams' backlog. `attempt()` is on the hot path: a map lookup and an increment of a plain number; the
 * registry reads the numbers at scrape time. Gate names are constants of the code (label values, never ids).
 */
@Injectable()
export class GateMetrics {
  private readonly counts = new Map<string, Counts>();
  private readonly backlogs = new Map<string, SharedRead<StreamBacklog>>();

  constructor(metrics: MetricsRegistry) {
    new SnapshotCounter(METRICS.gateAttempts, metrics.registry, () => this.samples());
    metrics.scrapeGauge(METRICS.gateStreamEntries, 'gate_streams', (set) => this.readBacklogs(set, 'entries'));
    metrics.scrapeGauge(METRICS.gateStreamPending, 'gate_streams', (set) => this.readBacklogs(set, 'pending'));
  }

  attempt(gate: string, outcome: GateOutcome): void {
    const counts = this.counts.get(gate) ?? this.declare(gate);
    counts[outcome]++;
  }

  /** A gate whose counters read 0 from the start, so a rate over them exists before its first attempt. */
  declare(gate: string): Counts {
    let counts = this.counts.get(gate);
    if (!counts) {
      counts = Object.fromEntries(GATE_OUTCOMES.map((outcome) => [outcome, 0])) as Counts;
      this.counts.set(gate, counts);
    }
    return counts;
  }

  /** How to read a gate's stream backlog at scrape time; it must bound its own work (open campaigns only). */
  streamBacklog(gate: string, read: () => Promise<StreamBacklog>): void {
    // Both backlog gauges read it in one scrape: one read of the streams serves both.
    this.backlogs.set(gate, new SharedRead(read));
  }

  private *samples() {
    for (const [gate, counts] of this.counts) {
      for (const outcome of GATE_OUTCOMES) yield { labels: { gate, outcome }, value: counts[outcome] };
    }
  }

  private async readBacklogs(set: (labels: Record<string, string>, value: number) => void, field: keyof StreamBacklog) {
    for (const [gate, backlog] of this.backlogs) set({ gate }, (await backlog.read())[field]);
  }
}
