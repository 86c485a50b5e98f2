import { metricsAccess } from './metrics-access';

const TOKEN = 'metrics-token-0123456789';

describe('metricsAccess', () => {
  it('with METRICS_TOKEN set, opens to that bearer token only, in production or not', () => {
    for (const nodeEnv of ['production', 'development'] as const) {
      const config = { metricsToken: TOKEN, nodeEnv };
      expect(metricsAccess(config, `Bearer ${TOKEN}`)).toBe('open');
      expect(metricsAccess(config, `Bearer ${TOKEN}x`)).toBe('unauthenticated');
      expect(metricsAccess(config, TOKEN)).toBe('unauthenticated');
      expect(metricsAccess(config, undefined)).toBe('unauthenticated');
      expect(metricsAccess(config, [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`])).toBe('unauthenticated');
    }
  });

  it('with METRICS_TOKEN unset, is open outside production and closed in production', () => {
    expect(metricsAccess({ metricsToken: null, nodeEnv: 'development' }, undefined)).toBe('open');
    expect(metricsAccess({ metricsToken: null, nodeEnv: 'test' }, 'Bearer anything')).toBe('open');
    expect(metricsAccess({ metricsToken: null, nodeEnv: 'production' }, undefined)).toBe('closed');
    expect(metricsAccess({ metricsToken: null, nodeEnv: 'production' }, `Bearer ${TOKEN}`)).toBe('closed');
  });
});
