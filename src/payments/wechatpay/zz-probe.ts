import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
export const a = Aes.AesGcm.decrypt('x', 'k', 'iv', 'aad');
export const b = Formatter.joinedByLineFeed('a', 'b');
export const c = Rsa.verify('m', 's', 'k');
