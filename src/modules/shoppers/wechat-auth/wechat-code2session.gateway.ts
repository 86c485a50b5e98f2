import { Logger } from '@nestjs/common';
import { WechatApiConfig } from '../../../config/config';
import { describeFetchFailure } from '../../../platform/http/fetch-failure';
import { LoginProviderFailure, readCode2SessionAnswer, WechatSession } from './domain/code2session-answer';
import { WechatAuthGateway } from './wechat-auth.gateway';

/**
 * WECHAT_AUTH=wechat: code2Session over HTTPS (WECHATPAY.md §8), `GET {WECHAT_API_BASE_URL}/sns/jscode2session`.
 * The app secret travels in the query string, as WeChat wants it, so the URL is never logged nor put in an error;
 * `session_key` is dropped here and never reaches the client.
 */
export class WechatCode2SessionGateway extends WechatAuthGateway {
  private readonly logger = new Logger('WechatAuth');
  private readonly endpoint: string;

  constructor(private readonly api: WechatApiConfig) {
    super();
    // A base URL with a path (a proxy's prefix) keeps it.
    this.endpoint = `${api.baseUrl.replace(/\/+$/, '')}/sns/jscode2session`;
  }

  async code2Session(code: string): Promise<WechatSession> {
    try {
      const { status, text } = await this.exchange(code);
      return readCode2SessionAnswer(status, text);
    } catch (error) {
      if (error instanceof LoginProviderFailure) this.logger.warn(error.reason);
      throw error;
    }
  }

  private async exchange(code: string): Promise<{ status: number; text: string }> {
    const query = new URLSearchParams({
      appid: this.api.appId,
      secret: this.api.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    try {
      // One timeout over the answer and its body: a login never waits on WeChat for longer.
      const response = await fetch(`${this.endpoint}?${query}`, {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(this.api.timeoutMs),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      throw new LoginProviderFailure(`code2Session failed: ${describeFetchFailure(error, this.api.timeoutMs)}`);
    }
  }
}
