import { normalizeIp } from '@nestjs/throttler/dist/ip';
import type { TrustProxy } from '../../config/config';

/**
 * The address a request comes from, as rate limits count it: Fastify's `request.ip` (the socket peer, or the
 * X-Forwarded-For entry TRUST_PROXY lets it believe), an IPv6 address as its /64 (one subscriber's block).
 */
export function clientAddress(request: { ip: string }): string {
  return normalizeIp(request.ip);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`. A hop count becomes a function: Fastify 5 now trusts nobody for a plain
 * number (a direct client could name itself), so the count is only for a service reachable through its proxies alone.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
