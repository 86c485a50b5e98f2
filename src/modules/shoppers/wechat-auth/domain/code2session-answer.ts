import { DomainError } from '../../../../platform/errors/domain-error';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/**
 * WeChat could not tell who the shopper is, for a reason that is not the shopper's: busy, down, slow, or refusing
 * the service's own credentials. The caller gets 503; `reason` is for the operator's log.
 */
export class LoginProviderFailure extends DomainError {
  constructor(readonly reason: string) {
    super('LOGIN_PROVIDER_UNAVAILABLE', 'WeChat login is unavailable right now; try again shortly');
    this.name = 'LoginProviderFailure';
  }
}

/** The errcodes that are about the shopper or the code (WECHATPAY.md §8), as the caller hears them. */
const SHOPPER_REFUSALS: Record<number, () => DomainError> = {
  40029: () => new DomainError('INVALID_LOGIN_CODE', 'The login code is invalid or has expired (errcode 40029)'),
  40163: () => new DomainError('INVALID_LOGIN_CODE', 'The login code was already used (errcode 40163)'),
  // Not 403: login takes no credential, so the refusal is of the login itself.
  40226: () => new DomainError('INVALID_LOGIN_CODE', 'WeChat refuses to log this user in as high-risk (errcode 40226)'),
  45011: () =>
    new DomainError('RATE_LIMITED', 'WeChat allows 100 logins a minute per user; try again shortly (errcode 45011)'),
};

/** Errcodes that mean the service's own WECHAT_APP_ID / WECHAT_APP_SECRET are wrong or missing. */
const CREDENTIAL_ERRCODES = new Set([40013, 40125, 41002, 41004]);

const OPENID = /^[A-Za-z0-9_-]{1,128}$/;

/** code2Session's answer body (JSON, whatever its Content-Type) as a session, or the error the caller gets. */
export function readCode2SessionAnswer(status: number, text: string): WechatSession {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new LoginProviderFailure(`code2Session answered HTTP ${status} with a body that is not JSON`);
  }
  if (typeof body !== 'object' || body === null) {
    throw new LoginProviderFailure(`code2Session answered HTTP ${status} with a body that is not a JSON object`);
  }
  const { openid, unionid, errcode, errmsg } = body as Record<string, unknown>;
  if (errcode !== undefined && errcode !== 0) {
    const refusal = typeof errcode === 'number' ? SHOPPER_REFUSALS[errcode] : undefined;
    if (refusal) throw refusal();
    const hint = CREDENTIAL_ERRCODES.has(errcode as number) ? '; check WECHAT_APP_ID and WECHAT_APP_SECRET' : '';
    throw new LoginProviderFailure(`code2Session refused: errcode ${String(errcode)} (${String(errmsg)})${hint}`);
  }
  if (status < 200 || status > 299) throw new LoginProviderFailure(`code2Session answered HTTP ${status}`);
  if (typeof openid !== 'string' || !OPENID.test(openid)) {
    throw new LoginProviderFailure('code2Session answered without a usable openid');
  }
  return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
}
