import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { METRICS, seriesNames } from './metric-catalogue';

interface Panel {
  title: string;
  type: string;
  targets?: Array<{ expr: string }>;
}

const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../docs/grafana/engage.json'), 'utf8')) as {
  panels: Panel[];
};
const queried = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

/** Metric names in a PromQL expression: identifiers that are not functions, keywords or label names. */
function metricNamesIn(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '').replace(/\bby \([^)]*\)/g, '');
  const words = withoutLabels.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(?:\[|\)|$|\s|==|\/|\{))/g) ?? [];
  return words.filter((word) => /^(engage|process|nodejs)_/.test(word));
}

/** What a scrape of the service shows: the catalogue (a histogram as its series) and prom-client's process metrics. */
function exposedNames(): Set<string> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const names = new Set(registry.getMetricsAsArray().map((metric) => metric.name));
  for (const definition of Object.values(METRICS)) for (const name of seriesNames(definition.name)) names.add(name);
  return names;
}

describe('docs/grafana/engage.json', () => {
  it('queries only metrics the service exposes', () => {
    const exposed = exposedNames();
    const unknown = queried.flatMap((expr) => metricNamesIn(expr).filter((name) => !exposed.has(name)));
    expect(unknown).toEqual([]);
    // Each query names at least one metric (an expression this check cannot read would pass unseen).
    expect(queried.filter((expr) => metricNamesIn(expr).length === 0)).toEqual([]);
  });

  it('charts every metric of the catalogue', () => {
    const charted = new Set(queried.flatMap(metricNamesIn));
    const missing = Object.values(METRICS)
      .map((definition) => definition.name)
      .filter((name) => !seriesNames(name).some((series) => charted.has(series)));
    expect(missing).toEqual([]);
  });

  it('has a query in every chart', () => {
    const charts = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(charts.filter((panel) => (panel.targets ?? []).length === 0).map((panel) => panel.title)).toEqual([]);
  });

  it('finds the names in PromQL around labels, ranges and functions', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(engage_http_request_duration_seconds_bucket[5m])))',
      ),
    ).toEqual(['engage_http_request_duration_seconds_bucket']);
    expect(metricNamesIn('count by (connection) (engage_redis_connection_ready == 0)')).toEqual([
      'engage_redis_connection_ready',
    ]);
    expect(metricNamesIn('max(engage_outbox_pending_messages{env="x"}) / engage_nope_total')).toEqual([
      'engage_outbox_pending_messages',
      'engage_nope_total',
    ]);
  });
});
