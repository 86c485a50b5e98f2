import { Counter, Histogram, type Registry } from 'prom-client';

type Labels = Record<string, string | number>;

export interface CounterSample {
  labels: Labels;
  value: number;
}

export interface HistogramSample {
  labels: Labels;
  count: number;
  sum: number;
  /** Per bucket of `bounds`, not cumulative. */
  buckets: ArrayLike<number>;
}

interface Definition {
  name: string;
  help: string;
  labelNames: readonly string[];
}

/**
 * A counter whose values live in plain numbers elsewhere (a hot path increments them without prom-client's label
 * hashing) and are read when the registry is scraped.
 */
export class SnapshotCounter extends Counter {
  constructor(
    definition: Definition,
    registry: Registry,
    private readonly read: () => Iterable<CounterSample>,
  ) {
    super({ name: definition.name, help: definition.help, labelNames: definition.labelNames, registers: [registry] });
  }

  override async get() {
    const base = await super.get();
    return { ...base, values: [...this.read()] };
  }
}

/** A histogram whose buckets live in plain numbers elsewhere (HttpStats), read when the registry is scraped. */
export class SnapshotHistogram extends Histogram {
  private readonly definition: Definition;

  constructor(
    definition: Definition,
    registry: Registry,
    private readonly bounds: readonly number[],
    private readonly read: () => Iterable<HistogramSample>,
  ) {
    super({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames,
      buckets: [...bounds],
      registers: [registry],
    });
    this.definition = definition;
  }

  /** What the registry formats (prom-client's Histogram answers `get()` from it too). */
  async getForPromString() {
    const { name, help } = this.definition;
    const values = [];
    for (const sample of this.read()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += sample.buckets[i];
        values.push({
          labels: { ...sample.labels, le: this.bounds[i] },
          value: cumulative,
          metricName: `${name}_bucket`,
        });
      }
      values.push({ labels: { ...sample.labels, le: '+Inf' }, value: sample.count, metricName: `${name}_bucket` });
      values.push({ labels: sample.labels, value: sample.sum, metricName: `${name}_sum` });
      values.push({ labels: sample.labels, value: sample.count, metricName: `${name}_count` });
    }
    return { name, help, type: 'histogram' as const, values, aggregator: 'sum' as const };
  }
}
