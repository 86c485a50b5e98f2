/**
 * One signed round trip to WeChat Pay API v3: the request signed with the merchant key, a 2xx answer verified
 * with the WeChat Pay public key over its exact bytes before it is read, an error answer turned into a GatewayError.
 */
import type { WechatPayConfig } from '../../config/wechatpay-config';
import { describeFetchFailure } from '../../platform/http/fetch-failure';
import { GatewayError, GatewayTimeoutError } from '../payment-gateway';
import { buildAuthorization } from './authorization';
import { NotificationVerificationError, verifySignedMessage } from './notification';
import { readErrorAnswer } from './v3-bodies';

/** A 2xx answer whose signature did not verify: it may be forged, so what was done is unknown (retry the number). */
export class UnverifiedAnswerError extends GatewayError {
  constructor(
    readonly operation: string,
    readonly reason: string,
  ) {
    super('SYSTEM_ERROR', 502, `${operation}: the answer failed verification (${reason})`);
    this.name = 'UnverifiedAnswerError';
  }
}

export interface WechatPayCall {
  /** The port operation, named in errors. */
  operation: string;
  method: 'GET' | 'POST';
  /** Path and query under the base URL (`/v3/…?mchid=…`). */
  path: string;
  body?: object;
}

export interface WechatPayAnswer {
  status: number;
  /** The parsed JSON of a 200; null for a 204. */
  json: unknown;
}

export class WechatPayClient {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly now: () => Date,
    private readonly timeoutMs: number,
  ) {}

  async call(call: WechatPayCall): Promise<WechatPayAnswer> {
    const url = new URL(this.config.baseUrl + call.path);
    // The exact bytes sent are the bytes signed; the path signed is the URL's, base URL path prefix included.
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    const authorization = buildAuthorization({
      method: call.method,
      pathWithQuery: url.pathname + url.search,
      body,
      mchId: this.config.mchId,
      merchantSerial: this.config.merchantSerial,
      merchantPrivateKeyPem: this.config.merchantPrivateKeyPem,
      now: this.now(),
    });
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetch(url, {
        method: call.method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          'Wechatpay-Serial': this.config.platformSerial,
          ...(call.method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(call.method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      raw = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw this.noAnswer(call.operation, error);
    }
    // The official SDKs verify 2xx answers only: error answers may come without signature headers (WECHATPAY.md §2).
    if (!response.ok) throw readErrorAnswer(response.status, raw.toString('utf8'));
    try {
      verifySignedMessage({
        headers: Object.fromEntries(response.headers),
        rawBody: raw,
        platformPublicKeyPem: this.config.platformPublicKeyPem,
        platformSerial: this.config.platformSerial,
        now: this.now(),
      });
    } catch (error) {
      if (error instanceof NotificationVerificationError) throw new UnverifiedAnswerError(call.operation, error.reason);
      throw error;
    }
    if (raw.length === 0) return { status: response.status, json: null };
    try {
      return { status: response.status, json: JSON.parse(raw.toString('utf8')) };
    } catch {
      throw new GatewayError('SYSTEM_ERROR', 502, `${call.operation}: the answer is not JSON`);
    }
  }

  /** No answer: the call timed out or the connection failed; the provider may or may not have acted. */
  private noAnswer(operation: string, error: unknown): GatewayError {
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
      return new GatewayTimeoutError(operation, this.timeoutMs);
    }
    return new GatewayError(
      'SYSTEM_ERROR',
      503,
      `${operation}: no answer (${describeFetchFailure(error, this.timeoutMs)})`,
    );
  }
}
