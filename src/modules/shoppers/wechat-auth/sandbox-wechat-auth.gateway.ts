import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';
import { sandboxOpenid } from './domain/sandbox-code2session';
import { WechatAuthGateway } from './wechat-auth.gateway';

/** Accepts `sandbox:<openid>` codes, which always log in as that openid; refuses every other code as WeChat would. */
@Injectable()
export class SandboxWechatAuthGateway extends WechatAuthGateway {
  async code2Session(code: string): Promise<{ openid: string }> {
    const openid = sandboxOpenid(code);
    if (openid === null) {
      throw new DomainError('INVALID_LOGIN_CODE', 'The login code is invalid or has expired (errcode 40029)');
    }
    return { openid };
  }
}
