/**
 * Every metric the service defines beside prom-client's default process metrics: names, help and labels in one
 * place, so the Grafana dashboard (docs/grafana/engage.json) can be checked against them and docs/metrics.md
 * explains the same list. No label carries an id: label values are route templates, methods, status codes, gate,
 * job and connection names, all bounded by the code.
 */
export const METRICS = {
  httpDuration: {
    name: 'engage_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status class',
    labelNames: ['method', 'route', 'status_class'],
  },
  httpResponses: {
    name: 'engage_http_responses_total',
    help: 'HTTP answers by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
  },
  gateAttempts: {
    name: 'engage_gate_attempts_total',
    help: 'Attempts at a hot gate (flash-sale purchase, ...) by how they were answered',
    labelNames: ['gate', 'outcome'],
  },
  gateStreamEntries: {
    name: 'engage_gate_stream_entries',
    help: 'Accepted entries of open campaigns not yet persisted (stream length), by gate',
    labelNames: ['gate'],
  },
  gateStreamPending: {
    name: 'engage_gate_stream_pending_entries',
    help: 'Stream entries read by a consumer and not yet acknowledged, by gate',
    labelNames: ['gate'],
  },
  outboxPending: {
    name: 'engage_outbox_pending_messages',
    help: 'Outbox messages not delivered yet (due or backing off)',
    labelNames: [],
  },
  outboxOldestAge: {
    name: 'engage_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest outbox message not delivered yet; 0 when none',
    labelNames: [],
  },
  webhookPending: {
    name: 'engage_webhook_deliveries_pending',
    help: 'Webhook deliveries not acknowledged yet (due or backing off)',
    labelNames: [],
  },
  webhookOldestAge: {
    name: 'engage_webhook_oldest_pending_age_seconds',
    help: 'Age of the oldest webhook delivery not acknowledged yet; 0 when none',
    labelNames: [],
  },
  jobLag: {
    name: 'engage_job_lag_seconds',
    help: 'How long the oldest work a job should have done is overdue; 0 when nothing is due',
    labelNames: ['job'],
  },
  pgPoolConnections: {
    name: 'engage_pg_pool_connections',
    help: 'Connections of the PostgreSQL pool: open in total, idle, and the pool maximum',
    labelNames: ['state'],
  },
  pgPoolWaiting: {
    name: 'engage_pg_pool_waiting_requests',
    help: 'Queries waiting for a free connection of the PostgreSQL pool',
    labelNames: [],
  },
  redisReady: {
    name: 'engage_redis_connection_ready',
    help: '1 while the Redis connection can take commands, 0 otherwise, by connection',
    labelNames: ['connection'],
  },
  collectFailures: {
    name: 'engage_metrics_collect_failures_total',
    help: 'Scrapes in which a collector could not read its source (its gauges are left out of that scrape)',
    labelNames: ['collector'],
  },
} as const;

/** The names a scrape shows for a metric: a histogram's series carry suffixes. */
export function seriesNames(name: string): string[] {
  return name === METRICS.httpDuration.name ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}
