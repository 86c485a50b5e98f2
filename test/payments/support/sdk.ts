/** A client developer's check of the sandbox's output with the published wechatpay-axios-plugin SDK. */
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import type { ReceivedNotification } from './notify-receiver';

export interface PublishedKeys {
  appId: string;
  mchId: string;
  platformSerial: string;
  platformPublicKeyPem: string;
  merchantPublicKeyPem: string;
  apiV3Key: string;
}

const header = (notification: ReceivedNotification, name: string): string => {
  const value = notification.headers[name.toLowerCase()];
  if (typeof value !== 'string') throw new Error(`missing header ${name}`);
  return value;
};

export function sdkVerifies(notification: ReceivedNotification, keys: PublishedKeys): boolean {
  const message = Formatter.response(
    header(notification, 'Wechatpay-Timestamp'),
    header(notification, 'Wechatpay-Nonce'),
    notification.body,
  );
  return Rsa.verify(message, header(notification, 'Wechatpay-Signature'), keys.platformPublicKeyPem);
}

export function sdkDecrypts(notification: ReceivedNotification, keys: PublishedKeys): any {
  const { resource } = JSON.parse(notification.body);
  return JSON.parse(Aes.AesGcm.decrypt(resource.ciphertext, keys.apiV3Key, resource.nonce, resource.associated_data));
}

export function sdkVerifiesPaySign(
  payParams: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string },
  merchantPublicKeyPem: string,
): boolean {
  const message = Formatter.joinedByLineFeed(
    payParams.appId,
    payParams.timeStamp,
    payParams.nonceStr,
    payParams.package,
  );
  return Rsa.verify(message, payParams.paySign, merchantPublicKeyPem);
}
