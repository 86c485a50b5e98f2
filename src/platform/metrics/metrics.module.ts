import { Global, Module } from '@nestjs/common';
import { ConnectionMetrics } from './connection-metrics';
import { DueWorkMetrics } from './due-work-metrics';
import { GateMetrics } from './gate-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';

/** `GET /metrics` and what it shows; GateMetrics and ConnectionMetrics are for modules to report to. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, HttpMetrics, GateMetrics, DueWorkMetrics, ConnectionMetrics],
  exports: [GateMetrics, ConnectionMetrics],
})
export class MetricsModule {}
