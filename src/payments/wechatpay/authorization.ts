/**
 * The merchant's request signature (WECHATPAY.md §2): `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",
 * nonce_str="…",timestamp="…",serial_no="…",signature="…"` over `METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n`.
 * The adapter builds it; the sandbox parses and checks it as WeChat Pay does.
 */
import { nonceString, requestSignMessage, rsaSign, rsaVerify } from './signing';

export const AUTHORIZATION_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export interface AuthorizationParams {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

export interface SignRequestInput {
  method: string;
  /** The path and query exactly as sent (`/v3/pay/transactions/out-trade-no/X?mchid=1900000001`). */
  pathWithQuery: string;
  /** The exact body bytes sent; "" for GET. */
  body: string;
  mchId: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  now: Date;
  nonce?: string;
}

export function buildAuthorization(input: SignRequestInput): string {
  const timestamp = String(Math.floor(input.now.getTime() / 1000));
  const nonce = input.nonce ?? nonceString(32);
  const message = requestSignMessage(input.method, input.pathWithQuery, timestamp, nonce, input.body);
  const params: AuthorizationParams = {
    mchid: input.mchId,
    nonce_str: nonce,
    timestamp,
    serial_no: input.merchantSerial,
    signature: rsaSign(message, input.merchantPrivateKeyPem),
  };
  const fields = Object.entries(params).map(([key, value]) => `${key}="${value}"`);
  return `${AUTHORIZATION_SCHEMA} ${fields.join(',')}`;
}

const PARAM = /^\s*([a-z_]+)="([^"]*)"\s*$/;
const PARAM_NAMES: readonly (keyof AuthorizationParams)[] = [
  'mchid',
  'nonce_str',
  'timestamp',
  'serial_no',
  'signature',
];

/** The five parameters in any order (SDKs differ), or null when the header is not exactly that. */
export function parseAuthorization(header: string | undefined): AuthorizationParams | null {
  if (typeof header !== 'string' || !header.startsWith(`${AUTHORIZATION_SCHEMA} `)) return null;
  const found = new Map<string, string>();
  for (const part of header.slice(AUTHORIZATION_SCHEMA.length + 1).split(',')) {
    const match = PARAM.exec(part);
    if (!match || found.has(match[1])) return null;
    found.set(match[1], match[2]);
  }
  if (found.size !== PARAM_NAMES.length || !PARAM_NAMES.every((name) => found.get(name))) return null;
  return Object.fromEntries(found) as unknown as AuthorizationParams;
}

export type RequestSignatureFailure =
  'malformed' | 'wrong_mchid' | 'wrong_serial' | 'stale_timestamp' | 'bad_signature';

export interface CheckRequestInput {
  authorization: string | undefined;
  method: string;
  pathWithQuery: string;
  body: string;
  mchId: string;
  merchantSerial: string;
  merchantPublicKeyPem: string;
  now: Date;
  maxSkewSeconds: number;
}

/** What WeChat Pay checks before anything else; null when the request is the merchant's, else why not. */
export function requestSignatureFailure(input: CheckRequestInput): RequestSignatureFailure | null {
  const params = parseAuthorization(input.authorization);
  if (!params || !/^[0-9]{1,12}$/.test(params.timestamp)) return 'malformed';
  if (params.mchid !== input.mchId) return 'wrong_mchid';
  if (params.serial_no !== input.merchantSerial) return 'wrong_serial';
  if (Math.abs(input.now.getTime() - Number(params.timestamp) * 1000) >= input.maxSkewSeconds * 1000) {
    return 'stale_timestamp';
  }
  const message = requestSignMessage(input.method, input.pathWithQuery, params.timestamp, params.nonce_str, input.body);
  return rsaVerify(message, params.signature, input.merchantPublicKeyPem) ? null : 'bad_signature';
}
