import { Controller, Get, Header, Headers, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { unauthenticated } from '../errors/domain-error';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { metricsAccess } from './metrics-access';
import { MetricsRegistry } from './metrics-registry';

/**
 * `GET /metrics` in the Prometheus text format, for the operators' scraper (docs/metrics.md): not rate limited
 * (a scraper of N instances must not be refused), not counted among the HTTP metrics (http-metrics.ts), and not
 * in the OpenAPI document (it is not the API callers code against).
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const access = metricsAccess(this.runtime.config, authorization);
    if (access === 'closed') throw new NotFoundException();
    if (access === 'unauthenticated') throw unauthenticated('Send Authorization: Bearer <METRICS_TOKEN>');
    const text = await this.metrics.text();
    // Set on success only: a refusal is the JSON envelope.
    reply.header('content-type', this.metrics.contentType);
    return text;
  }
}
