import { Registry } from 'prom-client';
import { SnapshotCounter, SnapshotHistogram } from './snapshot-metrics';

describe('snapshot metrics', () => {
  it('format plain numbers read at scrape time as a Prometheus counter and a cumulative histogram', async () => {
    const registry = new Registry();
    let attempts = 3;
    new SnapshotCounter({ name: 'c_total', help: 'attempts', labelNames: ['gate'] }, registry, () => [
      { labels: { gate: 'flash_sale' }, value: attempts },
    ]);
    new SnapshotHistogram({ name: 'h_seconds', help: 'latency', labelNames: ['route'] }, registry, [0.01, 0.1], () => [
      { labels: { route: '/a/:id' }, count: 5, sum: 0.75, buckets: [2, 1] },
    ]);
    attempts = 4;
    const text = await registry.metrics();
    expect(text).toContain('# TYPE c_total counter\nc_total{gate="flash_sale"} 4');
    expect(text).toContain('# TYPE h_seconds histogram');
    expect(text).toContain('h_seconds_bucket{route="/a/:id",le="0.01"} 2');
    expect(text).toContain('h_seconds_bucket{route="/a/:id",le="0.1"} 3');
    expect(text).toContain('h_seconds_bucket{route="/a/:id",le="+Inf"} 5');
    expect(text).toContain('h_seconds_sum{route="/a/:id"} 0.75');
    expect(text).toContain('h_seconds_count{route="/a/:id"} 5');
  });
});
