import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('serves on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: null,
      redisUrl: null,
      adminToken: null,
      jwtSecret: null,
      paymentGateway: 'sandbox',
      wechatAuth: 'sandbox',
      wechatApi: null,
      allowSandbox: false,
      paymentNotifyUrl: null,
      paymentGatewayTimeoutMs: 10_000,
      jobIntervalMs: 1000,
      databasePoolSize: 10,
      shareLinkBase: 'https://example.com/share/',
    });
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/engage',
      REDIS_URL: 'redis://cache:6379/3',
      ADMIN_TOKEN: 'a'.repeat(32),
      JWT_SECRET: 'j'.repeat(40),
      PAYMENT_GATEWAY: 'sandbox',
      WECHAT_AUTH: 'sandbox',
      PAYMENT_NOTIFY_URL: 'https://shop.example.com/v1/payments/wechat/notify',
      PAYMENT_GATEWAY_TIMEOUT_MS: '3000',
      JOB_INTERVAL_MS: '250',
      DATABASE_POOL_SIZE: '40',
      SHARE_LINK_BASE: 'https://shop.example.com/s/',
      NODE_ENV: 'production',
      ALLOW_SANDBOX: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/engage',
      redisUrl: 'redis://cache:6379/3',
      paymentGatewayTimeoutMs: 3000,
      jobIntervalMs: 250,
      databasePoolSize: 40,
      shareLinkBase: 'https://shop.example.com/s/',
      nodeEnv: 'production',
    });
  });

  it('reads Redis Cluster seed nodes, and refuses them beside REDIS_URL', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'cache-1:7000, 10.0.0.2:7001,[::1]:7002' })).toMatchObject({
      redisUrl: null,
      redisClusterNodes: [
        { host: 'cache-1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
    expect(loadConfig({}).redisClusterNodes).toBeNull();
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'cache-1:7000', REDIS_URL: 'redis://cache:6379' })).toThrow(
      /REDIS_CLUSTER_NODES and REDIS_URL are both set/,
    );
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL must use postgres: or postgresql:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL is not a valid URL/],
    ['REDIS_URL', 'http://cache', /REDIS_URL must use redis: or rediss:/],
    ['JOB_INTERVAL_MS', '1.5', /JOB_INTERVAL_MS must be a whole number/],
    ['JOB_INTERVAL_MS', '0', /JOB_INTERVAL_MS must be between/],
    ['DATABASE_POOL_SIZE', '1', /DATABASE_POOL_SIZE must be between/],
    ['PAYMENT_GATEWAY_TIMEOUT_MS', '50', /PAYMENT_GATEWAY_TIMEOUT_MS must be between 100 and 120000/],
    ['PAYMENT_GATEWAY', 'stripe', /PAYMENT_GATEWAY must be one of sandbox/],
    ['WECHAT_AUTH', 'real', /WECHAT_AUTH must be one of sandbox, wechat/],
    ['ALLOW_SANDBOX', 'yes', /ALLOW_SANDBOX must be true or false/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN must be at least 16 characters/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['SHARE_LINK_BASE', 'ftp://x/', /SHARE_LINK_BASE must use http: or https:/],
    ['WEBHOOK_ALLOW_PRIVATE_URLS', 'yes', /WEBHOOK_ALLOW_PRIVATE_URLS must be true or false/],
    ['METRICS_TOKEN', 'short-token', /METRICS_TOKEN must be at least 16 characters/],
    ['REDIS_CLUSTER_NODES', 'cache-1', /REDIS_CLUSTER_NODES must be comma-separated host:port seed nodes/],
    ['REDIS_CLUSTER_NODES', 'a:7000,b:99999', /REDIS_CLUSTER_NODES must be comma-separated host:port.*"b:99999"/],
  ])('refuses %s=%s with a message naming the variable', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it.each(['DATABASE_URL', 'ADMIN_TOKEN', 'JWT_SECRET'])('refuses production without %s', (missing) => {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      ALLOW_SANDBOX: 'true',
      DATABASE_URL: 'postgres://u@db/engage',
      ADMIN_TOKEN: 'a'.repeat(32),
      JWT_SECRET: 'j'.repeat(40),
    };
    delete env[missing];
    expect(() => loadConfig(env)).toThrow(`${missing} is required when NODE_ENV=production`);
  });

  it('lets webhooks reach private addresses outside production only, unless told otherwise', () => {
    const production = {
      NODE_ENV: 'production',
      ALLOW_SANDBOX: 'true',
      DATABASE_URL: 'postgres://u@db/engage',
      ADMIN_TOKEN: 'a'.repeat(32),
    };
    const secrets = { ...production, JWT_SECRET: 'j'.repeat(40) };
    expect(loadConfig({}).webhookAllowPrivateUrls).toBe(true);
    expect(loadConfig(secrets).webhookAllowPrivateUrls).toBe(false);
    expect(loadConfig({ ...secrets, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }).webhookAllowPrivateUrls).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }).webhookAllowPrivateUrls).toBe(false);
  });

  it('reads METRICS_TOKEN, unset by default', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: 'm'.repeat(24) }).metricsToken).toBe('m'.repeat(24));
  });

  it('believes X-Forwarded-For from nobody unless TRUST_PROXY names a hop count or the proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
    ]);
  });

  it.each(['true', '*', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8,', 'proxy.example.com', '10.0.0.1/8/8', '256'])(
    'refuses TRUST_PROXY=%s at start-up',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^Invalid configuration: TRUST_PROXY must be/);
    },
  );

  describe('the sandbox in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db/engage',
      ADMIN_TOKEN: 'a'.repeat(32),
      JWT_SECRET: 'j'.repeat(40),
    };
    const wechatLogin = { WECHAT_AUTH: 'wechat', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 's3cret' };

    it('refuses the sandbox gateway and the sandbox login, naming both and ALLOW_SANDBOX', () => {
      expect(() => loadConfig(production)).toThrow(ConfigError);
      expect(() => loadConfig(production)).toThrow(
        /PAYMENT_GATEWAY=sandbox and WECHAT_AUTH=sandbox are refused when NODE_ENV=production.*ALLOW_SANDBOX=true/,
      );
      expect(() => loadConfig({ ...production, PAYMENT_GATEWAY: 'sandbox', WECHAT_AUTH: 'sandbox' })).toThrow(
        /PAYMENT_GATEWAY=sandbox and WECHAT_AUTH=sandbox are refused/,
      );
    });

    it('names only the sandbox adapter left when the other is real', () => {
      expect(() => loadConfig({ ...production, ...wechatLogin })).toThrow(
        /Invalid configuration: PAYMENT_GATEWAY=sandbox is refused when NODE_ENV=production \(payments are simulated/,
      );
    });

    it('runs the sandbox in production only when ALLOW_SANDBOX=true', () => {
      expect(loadConfig({ ...production, ALLOW_SANDBOX: 'true' })).toMatchObject({
        nodeEnv: 'production',
        paymentGateway: 'sandbox',
        wechatAuth: 'sandbox',
        allowSandbox: true,
      });
      expect(() => loadConfig({ ...production, ALLOW_SANDBOX: 'false' })).toThrow(ConfigError);
    });

    it('keeps the sandbox on outside production without being asked', () => {
      expect(loadConfig({ NODE_ENV: 'development' }).paymentGateway).toBe('sandbox');
      expect(loadConfig({ NODE_ENV: 'test' }).wechatAuth).toBe('sandbox');
    });
  });

  describe('WECHAT_AUTH=wechat', () => {
    it('reads code2Session settings, WeChat by default', () => {
      expect(
        loadConfig({ WECHAT_AUTH: 'wechat', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 's3cret' }),
      ).toMatchObject({
        wechatAuth: 'wechat',
        wechatApi: {
          baseUrl: 'https://api.weixin.qq.com',
          appId: 'wx0123456789abcdef',
          appSecret: 's3cret',
          timeoutMs: 5000,
        },
      });
      expect(
        loadConfig({
          WECHAT_AUTH: 'wechat',
          WECHAT_APP_ID: 'wx1',
          WECHAT_APP_SECRET: 's',
          WECHAT_API_BASE_URL: 'http://127.0.0.1:3000',
          WECHAT_API_TIMEOUT_MS: '800',
        }).wechatApi,
      ).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', timeoutMs: 800 });
    });

    it.each([
      [{ WECHAT_APP_SECRET: 's' }, /WECHAT_APP_ID is required when WECHAT_AUTH=wechat/],
      [{ WECHAT_APP_ID: 'wx1' }, /WECHAT_APP_SECRET is required when WECHAT_AUTH=wechat/],
      [
        { WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', WECHAT_API_BASE_URL: 'ftp://x' },
        /WECHAT_API_BASE_URL must use/,
      ],
      [{ WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', WECHAT_API_TIMEOUT_MS: '50' }, /WECHAT_API_TIMEOUT_MS must be/],
    ])('refuses %p', (env, message) => {
      expect(() => loadConfig({ WECHAT_AUTH: 'wechat', ...env })).toThrow(message);
    });
  });
});
