import { DomainError } from '../../../../platform/errors/domain-error';
import { LoginProviderFailure, readCode2SessionAnswer } from './code2session-answer';
import { sandboxCode2Session } from './sandbox-code2session';

const refusal = (status: number, body: string): DomainError => {
  try {
    readCode2SessionAnswer(status, body);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('readCode2SessionAnswer (WECHATPAY.md §8)', () => {
  it('reads the openid (and unionid when bound), never the session_key', () => {
    expect(readCode2SessionAnswer(200, '{"session_key":"k==","openid":"oAbc_1"}')).toEqual({ openid: 'oAbc_1' });
    expect(readCode2SessionAnswer(200, '{"openid":"oAbc","session_key":"k","unionid":"uX","errcode":0}')).toEqual({
      openid: 'oAbc',
      unionid: 'uX',
    });
  });

  it.each([
    [40029, 'INVALID_LOGIN_CODE'],
    [40163, 'INVALID_LOGIN_CODE'],
    [40226, 'INVALID_LOGIN_CODE'],
    [45011, 'RATE_LIMITED'],
  ])('errcode %i is the shopper’s problem: %s', (errcode, code) => {
    const error = refusal(200, JSON.stringify({ errcode, errmsg: 'x, rid: 1' }));
    expect(error).not.toBeInstanceOf(LoginProviderFailure);
    expect(error.code).toBe(code);
    expect(error.message).toContain(`errcode ${errcode}`);
  });

  it.each([
    [200, '{"errcode":-1,"errmsg":"system error"}', /errcode -1 \(system error\)$/],
    [
      200,
      '{"errcode":40125,"errmsg":"invalid appsecret"}',
      /errcode 40125 .*check WECHAT_APP_ID and WECHAT_APP_SECRET/,
    ],
    [200, '{"errcode":40013,"errmsg":"invalid appid"}', /check WECHAT_APP_ID and WECHAT_APP_SECRET/],
    [200, '{"errcode":99999,"errmsg":"new"}', /errcode 99999/],
    [502, '<html>Bad Gateway</html>', /HTTP 502 with a body that is not JSON/],
    [503, '{}', /HTTP 503$/],
    [200, '[]', /without a usable openid/],
    [200, '"text"', /not a JSON object/],
    [200, '{"session_key":"k"}', /without a usable openid/],
    [200, '{"openid":"has space"}', /without a usable openid/],
  ])(
    'HTTP %i %s is 503 LOGIN_PROVIDER_UNAVAILABLE for the caller, the reason for the operator',
    (status, body, reason) => {
      const error = refusal(status, body);
      expect(error).toBeInstanceOf(LoginProviderFailure);
      expect(error.code).toBe('LOGIN_PROVIDER_UNAVAILABLE');
      expect(error.message).toBe('WeChat login is unavailable right now; try again shortly');
      expect((error as LoginProviderFailure).reason).toMatch(reason);
    },
  );
});

describe('sandboxCode2Session', () => {
  const query = { appid: 'wx1', secret: 's', js_code: 'sandbox:o_1', grant_type: 'authorization_code' };

  it('logs a sandbox code in as its openid, with a session_key as WeChat gives one', () => {
    const answer = sandboxCode2Session(query);
    expect(answer).toEqual({ openid: 'o_1', session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) });
  });

  it.each([
    [{ js_code: 'wx-real-code' }, 40029],
    [{ js_code: 'sandbox:' }, 40029],
    [{ appid: undefined }, 41002],
    [{ secret: '' }, 41004],
    [{ js_code: undefined }, 41008],
    [{ grant_type: 'client_credential' }, 40002],
  ])('answers %p with errcode %i, as WeChat does', (change, errcode) => {
    expect(sandboxCode2Session({ ...query, ...change })).toEqual({ errcode, errmsg: expect.any(String) });
  });
});
