import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../platform/errors/domain-error';
import { WechatAuthGateway } from './wechat-auth.gateway';

const SANDBOX_CODE = /^sandbox:([A-Za-z0-9_-]{1,64})$/;

/** Accepts `sandbox:<openid>` codes, which always log in as that openid; refuses every other code as WeChat would. */
@Injectable()
export class SandboxWechatAuthGateway extends WechatAuthGateway {
  async code2Session(code: string): Promise<{ openid: string }> {
    const match = SANDBOX_CODE.exec(code);
    if (!match) throw new DomainError('INVALID_LOGIN_CODE', 'The login code is invalid or has expired (errcode 40029)');
    return { openid: match[1] };
  }
}
