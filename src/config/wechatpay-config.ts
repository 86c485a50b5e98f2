/**
 * The `wechatpay` adapter's settings (PAYMENT_GATEWAY=wechatpay): the merchant's identity and keys as the merchant
 * platform issues them, and the WeChat Pay public key that signs answers and notifications. The key files are
 * read and parsed here, so a wrong path or a damaged key stops the start with the variable's name.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface WechatPayConfig {
  /** `https://api.mch.weixin.qq.com`, or the sandbox's own base URL in tests; no trailing slash. */
  baseUrl: string;
  mchId: string;
  appId: string;
  /** Serial of the merchant API certificate: `serial_no` of every request's Authorization. */
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  /** The 32-character APIv3 key: decrypts notification resources. */
  apiV3Key: string;
  platformPublicKeyPem: string;
  /** The WeChat Pay public-key ID (`PUB_KEY_ID_…`) or platform certificate serial that answers carry. */
  platformSerial: string;
}

export const DEFAULT_WECHATPAY_BASE_URL = 'https://api.mch.weixin.qq.com';

type Env = Record<string, string | undefined>;

/** Thrown as the caller's ConfigError, so every start-up error reads alike. */
export type ConfigProblem = (variable: string, problem: string) => Error;

export function loadWechatPayConfig(env: Env, nodeEnv: string, problem: ConfigProblem): WechatPayConfig {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw problem(name, 'is required when PAYMENT_GATEWAY=wechatpay');
    return value;
  };
  const matching = (name: string, pattern: RegExp, shape: string): string => {
    const value = required(name);
    if (!pattern.test(value)) throw problem(name, `must be ${shape}`);
    return value;
  };
  const apiV3Key = required('WECHATPAY_API_V3_KEY');
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) throw problem('WECHATPAY_API_V3_KEY', 'must be 32 bytes');
  return {
    baseUrl: baseUrl(env.WECHATPAY_BASE_URL?.trim() || DEFAULT_WECHATPAY_BASE_URL, nodeEnv, problem),
    mchId: matching('WECHATPAY_MCH_ID', /^[0-9]{1,32}$/, 'the merchant number (digits)'),
    appId: matching('WECHATPAY_APP_ID', /^[0-9A-Za-z_-]{1,32}$/, 'the mini-program AppID (wx…)'),
    merchantSerial: matching('WECHATPAY_MCH_SERIAL', /^[0-9A-Za-z_]{1,64}$/, 'the merchant certificate serial'),
    merchantPrivateKeyPem: keyFile('WECHATPAY_MCH_PRIVATE_KEY_FILE', 'private', required, problem),
    apiV3Key,
    platformPublicKeyPem: keyFile('WECHATPAY_PLATFORM_PUBLIC_KEY_FILE', 'public', required, problem),
    platformSerial: matching('WECHATPAY_PLATFORM_SERIAL', /^[0-9A-Za-z_]{1,64}$/, 'a public-key ID or serial'),
  };
}

function baseUrl(raw: string, nodeEnv: string, problem: ConfigProblem): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw problem('WECHATPAY_BASE_URL', 'is not a valid URL');
  }
  // Plain http only outside production: the tests point the adapter at the sandbox on loopback.
  const allowed = nodeEnv === 'production' ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(parsed.protocol)) {
    throw problem('WECHATPAY_BASE_URL', `must use ${allowed.join(' or ')}, got "${parsed.protocol}"`);
  }
  if (parsed.search || parsed.hash) throw problem('WECHATPAY_BASE_URL', 'must have no query or fragment');
  return raw.replace(/\/+$/, '');
}

function keyFile(
  name: string,
  kind: 'private' | 'public',
  required: (name: string) => string,
  problem: ConfigProblem,
): string {
  const path = required(name);
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw problem(name, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${path}`);
  }
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType} key`);
  } catch (error) {
    throw problem(name, `is not an RSA ${kind} key in PEM (${(error as Error).message}): ${path}`);
  }
  return pem;
}
