import type { AppConfig } from '../../config/config';
import { bearerTokenOrNull, secretsEqual } from '../auth/bearer';

/**
 * Who may read /metrics. With METRICS_TOKEN set: a caller presenting it as a bearer token (compared in constant
 * time), anyone else is `unauthenticated` (401). Unset: open outside production, `closed` in production, answered
 * 404 as a route that does not exist: no credential would open it, so a 401 would only invite guessing.
 */
export type MetricsAccess = 'open' | 'unauthenticated' | 'closed';

export function metricsAccess(
  config: Pick<AppConfig, 'metricsToken' | 'nodeEnv'>,
  authorization: string | string[] | undefined,
): MetricsAccess {
  if (config.metricsToken === null) return config.nodeEnv === 'production' ? 'closed' : 'open';
  const token = bearerTokenOrNull(authorization);
  return token !== null && secretsEqual(token, config.metricsToken) ? 'open' : 'unauthenticated';
}
