import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The Fastify instance under Nest's adapter; null when the application runs on another adapter (none here). */
export function fastifyOf(adapterHost: HttpAdapterHost): FastifyInstance | null {
  const adapter = adapterHost.httpAdapter as { getInstance?: () => FastifyInstance } | undefined;
  return adapter?.getInstance ? adapter.getInstance() : null;
}
