/** The parameters a mini-program passes to `wx.requestPayment` for a JSAPI prepay_id (WECHATPAY.md §1). */
import { nonceString, paySignMessage, rsaSign } from './signing';

export interface BuildPayParamsInput {
  /** The mini-program AppID the order was placed with: signed although wx.requestPayment does not take it. */
  appId: string;
  prepayId: string;
  merchantPrivateKeyPem: string;
  now: Date;
  nonceStr?: string;
}

export interface PayParams {
  appId: string;
  /** Unix seconds as a string: milliseconds are a known cause of signature errors. */
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export function buildPayParams(input: BuildPayParamsInput): PayParams {
  const timeStamp = String(Math.floor(input.now.getTime() / 1000));
  const nonceStr = input.nonceStr ?? nonceString(32);
  return {
    appId: input.appId,
    timeStamp,
    nonceStr,
    package: `prepay_id=${input.prepayId}`,
    signType: 'RSA',
    paySign: rsaSign(paySignMessage(input.appId, timeStamp, nonceStr, input.prepayId), input.merchantPrivateKeyPem),
  };
}
