import { HttpStats, LATENCY_BUCKETS } from './http-stats';

describe('HttpStats', () => {
  it('counts answers per route, method and status, and their latency per status class and bucket', () => {
    const stats = new HttpStats();
    stats.record('POST', '/v1/flash-sales/:id/purchase', 202, 0.002);
    stats.record('POST', '/v1/flash-sales/:id/purchase', 409, 0.0004);
    stats.record('POST', '/v1/flash-sales/:id/purchase', 409, 0.03);
    stats.record('GET', '/v1/orders/:id', 500, 20);
    const series = [...stats.series()];
    expect(series.map(({ method, route }) => `${method} ${route}`)).toEqual([
      'POST /v1/flash-sales/:id/purchase',
      'GET /v1/orders/:id',
    ]);
    const purchase = series[0].stats;
    expect([...purchase.byStatus]).toEqual([
      [202, 1],
      [409, 2],
    ]);
    const fourHundreds = purchase.byClass[3]!;
    expect(fourHundreds.count).toBe(2);
    expect(fourHundreds.sum).toBeCloseTo(0.0304);
    expect(fourHundreds.buckets[LATENCY_BUCKETS.indexOf(0.001)]).toBe(1);
    expect(fourHundreds.buckets[LATENCY_BUCKETS.indexOf(0.05)]).toBe(1);
    // Past the last bucket: counted (the +Inf bucket is the count), in no finite bucket.
    const slow = series[1].stats.byClass[4]!;
    expect(slow.count).toBe(1);
    expect(slow.buckets.reduce((a, b) => a + b, 0)).toBe(0);
  });
});
