import { isIP } from 'node:net';
import { loadWechatPayConfig, WechatPayConfig } from './wechatpay-config';

/**
 * The service's whole configuration, read from the environment once at start-up.
 * Nothing else in the code reads `process.env`.
 */
export type NodeEnv = 'development' | 'production' | 'test';

/** code2Session's endpoint and the mini-program's credentials (WECHAT_AUTH=wechat). */
export interface WechatApiConfig {
  baseUrl: string;
  appId: string;
  /** Sent to WeChat only; never logged, never in an error message. */
  appSecret: string;
  timeoutMs: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  /** Unset (and no cluster): counters and gates are served by Postgres. */
  redisUrl: string | null;
  /** Seed nodes (`host:port`) of a Redis Cluster; set exactly when Redis runs in cluster mode (then redisUrl is null). */
  redisClusterNodes: RedisNode[] | null;
  /** Prefix of every Redis key this instance writes (lets several deployments or test files share one Redis). */
  redisKeyPrefix: string;
  /** Unset: generated once and kept under `dataDir`. */
  adminToken: string | null;
  /** Unset: generated once per data directory. */
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  paymentGateway: 'sandbox' | 'wechatpay';
  /** Set exactly when paymentGateway is 'wechatpay'. */
  wechatpay: WechatPayConfig | null;
  wechatAuth: 'sandbox' | 'wechat';
  /** Set exactly when wechatAuth is 'wechat'. */
  wechatApi: WechatApiConfig | null;
  /** Lets production run the sandbox adapters and serve the sandbox's routes (sandbox-surface.ts). */
  allowSandbox: boolean;
  /** Unset: this service's own notify route. */
  paymentNotifyUrl: string | null;
  /** Unset: the address this instance listens on. Where callers reach the API (the OpenAPI document's `servers`). */
  publicBaseUrl: string | null;
  /** How long a call to the payment provider may take before it counts as failed with an unknown outcome. */
  paymentGatewayTimeoutMs: number;
  jobIntervalMs: number;
  /** Connections this instance's PostgreSQL pool opens at most (DATABASE_URL only; the embedded database uses one). */
  databasePoolSize: number;
  shareLinkBase: string;
  dataDir: string;
  /** The built merchant console (console/dist), served under /console. */
  consoleDir: string;
  bodyLimitBytes: number;
  /** Requests a minute one caller (verified credential, else address) may make on one route before 429. */
  rateLimitPerMinute: number;
  /**
   * Whose `X-Forwarded-For` is believed (Fastify's `trustProxy`): false, the socket peer is the caller; a hop count;
   * or the addresses and CIDRs of the proxies in front of the service.
   */
  trustProxy: TrustProxy;
  /** How long a request waits for an in-flight one with the same Idempotency-Key before 409 IDEMPOTENCY_KEY_IN_USE. */
  idempotencyWaitMs: number;
  /** Lets webhook URLs be http and reach loopback/private/link-local addresses; off in production by default. */
  webhookAllowPrivateUrls: boolean;
  /** How long a webhook receiver has to answer (API.md: 10 s). */
  webhookTimeoutMs: number;
  /**
   * The bearer token `GET /metrics` requires. Unset: /metrics is open outside production and answers 404 in
   * production (docs/metrics.md).
   */
  metricsToken: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export type TrustProxy = false | number | string[];

export interface RedisNode {
  host: string;
  port: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = optional(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false, got "${raw}"`);
  return raw === 'true';
}

function secret(env: Env, name: string, minLength: number): string | null {
  const raw = optional(env, name);
  if (raw !== null && raw.length < minLength) {
    throw new ConfigError(name, `must be at least ${minLength} characters`);
  }
  return raw;
}

/** An address or CIDR (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7`). */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** REDIS_CLUSTER_NODES: comma-separated `host:port` seeds; refused together with REDIS_URL (which one would win?). */
function redisClusterNodes(env: Env): RedisNode[] | null {
  const raw = optional(env, 'REDIS_CLUSTER_NODES');
  if (raw === null) return null;
  if (optional(env, 'REDIS_URL') !== null) {
    throw new ConfigError(
      'REDIS_CLUSTER_NODES',
      'and REDIS_URL are both set: set REDIS_CLUSTER_NODES for a Redis Cluster or REDIS_URL for one Redis, not both',
    );
  }
  return raw.split(',').map((entry) => {
    const match = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(entry.trim());
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      throw new ConfigError(
        'REDIS_CLUSTER_NODES',
        `must be comma-separated host:port seed nodes, got "${entry.trim()}"`,
      );
    }
    return { host: match[1], port };
  });
}

/** Unset: nobody's X-Forwarded-For is believed. Never `true`: that would believe whoever sends one. */
function trustProxy(env: Env): TrustProxy {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === null) return false;
  if (/^\d+$/.test(raw)) return integer(env, 'TRUST_PROXY', 0, 0, 255) || false;
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be a hop count or comma-separated addresses/CIDRs of your proxies, got "${bad.join(', ')}"`,
    );
  }
  return entries;
}

export function loadConfig(env: Env): AppConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', 'development', ['development', 'production', 'test']);
  const wechatAuth = oneOf(env, 'WECHAT_AUTH', 'sandbox', ['sandbox', 'wechat'] as const);
  const config: AppConfig = {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: optional(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisClusterNodes: redisClusterNodes(env),
    redisKeyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'engage:',
    adminToken: secret(env, 'ADMIN_TOKEN', 16),
    jwtSecret: secret(env, 'JWT_SECRET', 32),
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 7200, 60, 86400),
    paymentGateway: oneOf(env, 'PAYMENT_GATEWAY', 'sandbox', ['sandbox', 'wechatpay'] as const),
    wechatpay: null,
    wechatAuth,
    wechatApi: wechatAuth === 'wechat' ? wechatApi(env) : null,
    allowSandbox: bool(env, 'ALLOW_SANDBOX', false),
    paymentNotifyUrl: url(env, 'PAYMENT_NOTIFY_URL', ['http:', 'https:']),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']),
    paymentGatewayTimeoutMs: integer(env, 'PAYMENT_GATEWAY_TIMEOUT_MS', 10_000, 100, 120_000),
    jobIntervalMs: integer(env, 'JOB_INTERVAL_MS', 1000, 50, 3_600_000),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 2, 500),
    shareLinkBase: url(env, 'SHARE_LINK_BASE', ['http:', 'https:']) ?? 'https://example.com/share/',
    dataDir: optional(env, 'DATA_DIR') ?? './.data',
    consoleDir: optional(env, 'CONSOLE_DIR') ?? './console/dist',
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 100_000_000),
    trustProxy: trustProxy(env),
    idempotencyWaitMs: integer(env, 'IDEMPOTENCY_WAIT_MS', 10_000, 100, 60_000),
    webhookAllowPrivateUrls: bool(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', nodeEnv !== 'production'),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    metricsToken: secret(env, 'METRICS_TOKEN', 16),
    logLevel: oneOf(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
  };
  if (config.paymentGateway === 'wechatpay') {
    config.wechatpay = loadWechatPayConfig(env, nodeEnv, (variable, problem) => new ConfigError(variable, problem));
    // WeChat Pay posts to an HTTPS notify_url; the address this instance binds is not one it can reach.
    if (nodeEnv === 'production' && !config.paymentNotifyUrl?.startsWith('https:')) {
      throw new ConfigError('PAYMENT_NOTIFY_URL', 'must be an https URL when PAYMENT_GATEWAY=wechatpay in production');
    }
  }
  if (nodeEnv === 'production') {
    for (const [variable, value] of [
      ['DATABASE_URL', config.databaseUrl],
      ['ADMIN_TOKEN', config.adminToken],
      ['JWT_SECRET', config.jwtSecret],
    ] as const) {
      if (value === null) throw new ConfigError(variable, 'is required when NODE_ENV=production');
    }
    refuseSandboxInProduction(config);
  }
  return config;
}

/** What each sandbox adapter would let anyone do, in the start-up error that refuses it. */
const SANDBOX_RISKS = {
  PAYMENT_GATEWAY: 'payments are simulated and anyone can pay any order',
  WECHAT_AUTH: 'anyone logs in as any openid',
} as const;

/** The sandbox adapters are for tests and trials: production runs them only when ALLOW_SANDBOX=true says so. */
function refuseSandboxInProduction(config: AppConfig): void {
  if (config.allowSandbox) return;
  const adapters = { PAYMENT_GATEWAY: config.paymentGateway, WECHAT_AUTH: config.wechatAuth };
  const sandboxed = (Object.keys(SANDBOX_RISKS) as (keyof typeof SANDBOX_RISKS)[]).filter(
    (variable) => adapters[variable] === 'sandbox',
  );
  if (sandboxed.length === 0) return;
  throw new ConfigError(
    sandboxed.map((variable) => `${variable}=sandbox`).join(' and '),
    `${sandboxed.length > 1 ? 'are' : 'is'} refused when NODE_ENV=production ` +
      `(${sandboxed.map((variable) => SANDBOX_RISKS[variable]).join('; ')}); ` +
      'configure the real adapter, or set ALLOW_SANDBOX=true to run the sandbox deliberately',
  );
}

function wechatApi(env: Env): WechatApiConfig {
  const required = (name: string): string => {
    const value = optional(env, name);
    if (value === null) throw new ConfigError(name, 'is required when WECHAT_AUTH=wechat');
    return value;
  };
  return {
    baseUrl: url(env, 'WECHAT_API_BASE_URL', ['http:', 'https:']) ?? 'https://api.weixin.qq.com',
    appId: required('WECHAT_APP_ID'),
    appSecret: required('WECHAT_APP_SECRET'),
    timeoutMs: integer(env, 'WECHAT_API_TIMEOUT_MS', 5_000, 100, 60_000),
  };
}
