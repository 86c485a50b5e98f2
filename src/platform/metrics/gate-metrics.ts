import { FactoryProvider, Injectable, Type } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { EntryStreams } from '../redis/entry-streams';
import { RedisService } from '../redis/redis.service';
import { hotGateBacklog } from './hot-gate-backlog';
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

/**
 * One hot gate's attempts, counted by outcome (`attempt()` is on the hot path). Each module with a hot path whose
 * accepting instance writes its own entries provides its own, from `GateMetrics.hotGate()`, and does not export it.
 */
export abstract class GateCounter {
  abstract attempt(outcome: GateOutcome): void;
}

/**
 * Counts what a hot path's gate call threw, when it is an answer of its own (refusals are counted where they are
 * made): the gate failing (503 `unavailable`) or the caller's budget spent in the gate's call (429 `rate_limited`).
 */
export function countGateError(counter: GateCounter, error: unknown): void {
  if (!(error instanceof DomainError)) return;
  if (error.code === 'SERVICE_UNAVAILABLE') counter.attempt('unavailable');
  else if (error.code === 'RATE_LIMITED') counter.attempt('rate_limited');
}

type Counts = Record<GateOutcome, number>;

/**
 * A module's GateCounter for its hot path (GateMetrics.hotGate): `record` lists the campaigns whose streams may hold
 * entries (`openCampaigns`) and `keys` names a campaign's stream.
 */
export function hotGateCounter<R, K extends { keysOf(campaignId: string): { stream: string } }>(
  gate: string,
  record: Type<R>,
  openCampaigns: (record: R, now: Date) => Promise<string[]>,
  keys: Type<K>,
): FactoryProvider<GateCounter> {
  return {
    provide: GateCounter,
    inject: [GateMetrics, record, keys],
    useFactory: (gates: GateMetrics, records: R, named: K) =>
      gates.hotGate(
        gate,
        (now) => openCampaigns(records, now),
        (id) => named.keysOf(id).stream,
      ),
  };
}

/**
 * Attempts at the hot gates (the flash-sale purchase, coupon claims, lucky draws), by outcome, and
 * their streams' backlog. `attempt()` is on the hot path: a map lookup and an increment of a plain number; the
 * registry reads the numbers at scrape time. Gate names are constants of the code (label values, never ids).
 */
@Injectable()
export class GateMetrics {
  private readonly counts = new Map<string, Counts>();
  private readonly backlogs = new Map<string, SharedRead<StreamBacklog>>();

  constructor(
    metrics: MetricsRegistry,
    private readonly redis: RedisService,
    private readonly clock: Clock,
    private readonly streams: EntryStreams,
  ) {
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

  /**
   * A hot path whose accepting instance writes its own entries (coupon claims, lucky draws): with REDIS_URL its
   * counters read 0 from the start and its backlog is what its campaigns' streams hold (`openCampaigns`: those whose
   * streams may hold entries; `streamKey`: a campaign's stream). Without REDIS_URL the path never runs and shows
   * nothing.
   */
  hotGate(
    gate: string,
    openCampaigns: (now: Date) => Promise<string[]>,
    streamKey: (campaignId: string) => string,
  ): GateCounter {
    if (this.redis.enabled) {
      this.declare(gate);
      this.streamBacklog(gate, async () =>
        hotGateBacklog(await openCampaigns(this.clock.now()), (id) => this.streams.length(streamKey(id))),
      );
    }
    return { attempt: (outcome) => this.attempt(gate, outcome) };
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
