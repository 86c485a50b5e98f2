import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { METRICS } from './metric-catalogue';
import { SnapshotCounter } from './snapshot-metrics';

interface Definition {
  name: string;
  help: string;
  labelNames: readonly string[];
}

type SetGauge = (labels: Record<string, string>, value: number) => void;

/**
 * This application's metrics registry (one per application, not prom-client's global one: tests run several
 * instances in one process), with prom-client's default process metrics. Gauges read at scrape time go through
 * `scrapeGauge`: a source that fails leaves its gauge out of that scrape and counts a collect failure, so one
 * unreachable dependency never fails the whole scrape.
 */
@Injectable()
export class MetricsRegistry {
  private readonly logger = new Logger(MetricsRegistry.name);
  readonly registry = new Registry();
  private readonly failures = new Map<string, number>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    new SnapshotCounter(METRICS.collectFailures, this.registry, () =>
      [...this.failures].map(([collector, value]) => ({ labels: { collector }, value })),
    );
  }

  /** A gauge whose values `read` sets at every scrape (after the previous ones are cleared). */
  scrapeGauge(definition: Definition, collector: string, read: (set: SetGauge) => Promise<void> | void): void {
    if (!this.failures.has(collector)) this.failures.set(collector, 0);
    const failed = (error: unknown) => {
      this.failures.set(collector, (this.failures.get(collector) ?? 0) + 1);
      this.logger.warn(`metrics: ${collector} could not be read: ${(error as Error).message}`);
    };
    new Gauge({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await read((labels, value) => this.set(labels, value));
        } catch (error) {
          this.reset();
          failed(error);
        }
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
