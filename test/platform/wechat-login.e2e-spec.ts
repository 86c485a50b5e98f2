import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectError } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const APP_SECRET = 'wechat-login-test-app-secret-42';
const APP_ID = 'wx0123456789abcdef';

/** How "WeChat" answers: pass the call on to the sandbox's code2Session, never answer, drop the connection, or a body. */
type Behaviour = 'sandbox' | 'hang' | 'drop' | { status: number; body: string };

/**
 * Where WECHAT_API_BASE_URL points: a loopback server standing in for api.weixin.qq.com. By default it passes each
 * call on, unchanged, to the app's own sandbox `/sns/jscode2session`; a test can make it misbehave instead.
 */
class WechatStandIn {
  behaviour: Behaviour = 'sandbox';
  sandboxUrl = '';
  readonly calls: URL[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.calls.push(new URL(request.url!, 'http://wechat'));
    const behaviour = this.behaviour;
    if (behaviour === 'hang') return;
    if (behaviour === 'drop') {
      request.socket.destroy();
      return;
    }
    if (behaviour === 'sandbox') {
      const upstream = await fetch(this.sandboxUrl + request.url!);
      response.writeHead(upstream.status, { 'content-type': 'text/plain' }).end(await upstream.text());
      return;
    }
    response.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end(behaviour.body);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('WECHAT_AUTH=wechat: code2Session over HTTP', () => {
  const wechat = new WechatStandIn();
  let app: TestApp;

  beforeAll(async () => {
    const wechatUrl = await wechat.start();
    app = await startTestApp({
      env: {
        WECHAT_AUTH: 'wechat',
        WECHAT_APP_ID: APP_ID,
        WECHAT_APP_SECRET: APP_SECRET,
        WECHAT_API_BASE_URL: wechatUrl,
        WECHAT_API_TIMEOUT_MS: '2000',
      },
    });
    wechat.sandboxUrl = app.url;
  });
  afterEach(() => {
    wechat.behaviour = 'sandbox';
  });
  afterAll(async () => {
    await app.close();
    await wechat.close();
  });

  const login = (code: string) => app.http.post('/v1/auth/wechat-login', { body: { code } });
  const shoppers = async () => (await app.db.query<{ n: string }>('SELECT count(*) AS n FROM shoppers'))[0].n;

  it('logs a shopper in through the sandbox’s /sns/jscode2session, the same openid as the same user', async () => {
    const calls = wechat.calls.length;
    const first = await login('sandbox:o_wechat-login_1');
    expect(first.status).toBe(200);
    expect(first.body.user).toEqual({ id: expect.any(String), openid: 'o_wechat-login_1' });
    expect(first.text).not.toContain('session_key');

    const call = wechat.calls[calls];
    expect(call.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(call.searchParams)).toEqual({
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: 'sandbox:o_wechat-login_1',
      grant_type: 'authorization_code',
    });

    const again = await login('sandbox:o_wechat-login_1');
    expect(again.body.user.id).toBe(first.body.user.id);
    const shopper = await app.http.get('/v1/me/rebates', { token: again.body.token });
    expect(shopper.status).toBe(200);
  });

  it('answers a code WeChat refuses (errcode 40029) with 401 INVALID_LOGIN_CODE and creates no shopper', async () => {
    const before = await shoppers();
    const refused = await login('081aBc000real0code1from2wx3login');
    expectError(refused, 401, 'INVALID_LOGIN_CODE');
    expect(refused.body.error.message).toContain('40029');
    expect(await shoppers()).toBe(before);
  });

  it('answers 503 LOGIN_PROVIDER_UNAVAILABLE when WeChat does not answer within WECHAT_API_TIMEOUT_MS', async () => {
    wechat.behaviour = 'hang';
    const before = await shoppers();
    const answer = await login('sandbox:o_wechat-login_slow');
    expectError(answer, 503, 'LOGIN_PROVIDER_UNAVAILABLE');
    expect(await shoppers()).toBe(before);
  });

  it('answers 503 when WeChat drops the connection or answers something that is not code2Session', async () => {
    wechat.behaviour = 'drop';
    expectError(await login('sandbox:o_wechat-login_dropped'), 503, 'LOGIN_PROVIDER_UNAVAILABLE');
    wechat.behaviour = { status: 502, body: '<html>502 Bad Gateway</html>' };
    expectError(await login('sandbox:o_wechat-login_502'), 503, 'LOGIN_PROVIDER_UNAVAILABLE');
  });

  it.each([
    [-1, 503, 'LOGIN_PROVIDER_UNAVAILABLE'],
    [40125, 503, 'LOGIN_PROVIDER_UNAVAILABLE'],
    [40163, 401, 'INVALID_LOGIN_CODE'],
    [40226, 401, 'INVALID_LOGIN_CODE'],
    [45011, 429, 'RATE_LIMITED'],
  ])('maps WeChat errcode %i to %i %s, never showing the app secret', async (errcode, status, code) => {
    wechat.behaviour = { status: 200, body: JSON.stringify({ errcode, errmsg: 'from WeChat, rid: 1' }) };
    const answer = await login('sandbox:o_wechat-login_refused');
    expectError(answer, status, code);
    expect(answer.text).not.toContain(APP_SECRET);
  });
});
