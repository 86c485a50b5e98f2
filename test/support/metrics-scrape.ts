import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { TestApp } from './test-app';

type Family = ReturnType<typeof parsePrometheusTextFormat>[number];

/**
 * One scrape of /metrics, parsed by a Prometheus text-format parser. The parser folds a histogram's labelled series
 * into one (it keeps labels for counters and gauges only), so `series` parses the text a second time with the
 * histograms' TYPE lines left out: each of their `_bucket`, `_sum` and `_count` series is then read with its labels.
 */
export class Scrape {
  private constructor(
    readonly families: Family[],
    private readonly series: Family[],
  ) {}

  static async of(app: TestApp, token?: string): Promise<Scrape> {
    const response = await app.http.get('/metrics', token === undefined ? {} : { token });
    if (response.status !== 200) throw new Error(`GET /metrics: ${response.status} ${response.text}`);
    const flat = response.text.replace(/^# TYPE \S+ histogram$/gm, '');
    return new Scrape(parsePrometheusTextFormat(response.text), parsePrometheusTextFormat(flat));
  }

  family(name: string): Family | undefined {
    const family = this.families.find((one) => one.name === name);
    if (family) return family;
    // Untyped, a histogram's series come as one family per run of lines: gathered here.
    const runs = this.series.filter((one) => one.name === name);
    return runs.length === 0 ? undefined : { ...runs[0], metrics: runs.flatMap((run) => run.metrics) };
  }

  /** The value of the one sample (or histogram series) whose labels include `labels`; 0 when there is none. */
  value(name: string, labels: Record<string, string> = {}): number {
    const samples = (this.family(name)?.metrics ?? []).filter((sample) =>
      Object.entries(labels).every(([label, value]) => sample.labels?.[label] === value),
    );
    if (samples.length > 1) throw new Error(`${name} ${JSON.stringify(labels)}: ${samples.length} samples`);
    return samples.length === 0 ? 0 : Number(samples[0].value);
  }
}
