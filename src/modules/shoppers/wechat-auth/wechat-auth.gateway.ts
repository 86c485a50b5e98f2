/** Port: code2Session. Exchanges a `wx.login` code for the shopper's openid. */
export abstract class WechatAuthGateway {
  /** The openid the code belongs to; throws INVALID_LOGIN_CODE when WeChat refuses the code. */
  abstract code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
}
