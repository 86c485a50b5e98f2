import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { fastifyOf } from '../http/fastify-instance';
import { FrontDoor } from '../http/front-door';
import { HttpStats, LATENCY_BUCKETS, statusClassAt } from './http-stats';
import { METRICS } from './metric-catalogue';
import { MetricsRegistry } from './metrics-registry';
import { SnapshotCounter, SnapshotHistogram } from './snapshot-metrics';

/** The scrape itself is not an API answer: counting it would add a route that exists only for the scraper. */
export const METRICS_PATH = '/metrics';
/** Requests that matched no route: one series, whatever their URL. */
const UNMATCHED = 'unmatched';

/**
 * HTTP rate, errors and latency per route template: Fastify's routes through an onResponse hook (Fastify timed
 * the request already), and the FrontDoor's routes (the flash-sale purchase) through the door's own observer.
 */
@Injectable()
export class HttpMetrics implements OnModuleInit {
  private readonly stats = new HttpStats();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly frontDoor: FrontDoor,
    metrics: MetricsRegistry,
  ) {
    new SnapshotHistogram(METRICS.httpDuration, metrics.registry, LATENCY_BUCKETS, () => this.latencies());
    new SnapshotCounter(METRICS.httpResponses, metrics.registry, () => this.responses());
  }

  onModuleInit(): void {
    this.frontDoor.observe((method, route, status, seconds) => this.stats.record(method, route, status, seconds));
    const fastify = fastifyOf(this.adapterHost);
    fastify?.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? UNMATCHED;
      if (route !== METRICS_PATH) this.stats.record(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }

  private *latencies() {
    for (const { method, route, stats } of this.stats.series()) {
      for (let index = 0; index < stats.byClass.length; index++) {
        const cells = stats.byClass[index];
        if (!cells) continue;
        yield { labels: { method, route, status_class: statusClassAt(index) }, ...cells, buckets: cells.buckets };
      }
    }
  }

  private *responses() {
    for (const { method, route, stats } of this.stats.series()) {
      for (const [status, value] of stats.byStatus) yield { labels: { method, route, status }, value };
    }
  }
}
