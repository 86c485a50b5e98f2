/** Numbers shaped like the ones WeChat Pay hands out, so logs and tests look like the real thing. */
import { randomBytes, randomInt } from 'node:crypto';

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;

/** yyyyMMddHHmmss in China Standard Time: WeChat Pay stamps its numbers with Beijing time. */
export function chinaDateTimeDigits(now: Date): string {
  return new Date(now.getTime() + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

export function randomDigits(length: number): string {
  let digits = '';
  for (let i = 0; i < length; i += 1) digits += String(randomInt(10));
  return digits;
}

/** `wx` + yyyyMMddHHmmss + 20 hex, like `wx201410272009395522657a690389285100`. */
export const newPrepayId = (now: Date): string => `wx${chinaDateTimeDigits(now)}${randomBytes(10).toString('hex')}`;

/** 28 digits, like `4200001234202611210123456789`: a fixed prefix, the date, a random tail. */
export const newTransactionId = (now: Date): string =>
  `4200001234${chinaDateTimeDigits(now).slice(0, 8)}${randomDigits(10)}`;

/** 29 digits, like `50300000382019052709732678859`. */
export const newRefundId = (now: Date): string => `50300${chinaDateTimeDigits(now).slice(0, 8)}${randomDigits(16)}`;

/** 40 digits, like the `transfer_bill_no` of the merchant transfer API. */
export const newTransferBillNo = (now: Date): string =>
  `1330000${chinaDateTimeDigits(now).slice(0, 8)}${randomDigits(25)}`;

/** A mini-program AppID: `wx` + 16 hex. */
export const newAppId = (): string => `wx${randomBytes(8).toString('hex')}`;

/** A merchant number: 10 digits, starting with 1 as issued ones do. */
export const newMchId = (): string => `1${randomDigits(9)}`;

/** A merchant API certificate serial: 40 upper-case hex characters. */
export const newMerchantSerial = (): string => randomBytes(20).toString('hex').toUpperCase();
