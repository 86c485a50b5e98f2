/**
 * WeChat Pay API v3 signature messages and SHA256withRSA (PKCS#1 v1.5) signing.
 *
 * Every signed message is a list of lines, each ending in "\n" (the last one too): a missing trailing
 * "\n" or a "\r\n" is the most common cause of SIGN_ERROR (WECHATPAY.md §2, §9).
 */
import { createPrivateKey, createPublicKey, createSign, createVerify, randomInt } from 'node:crypto';

const LINE_FEED = '\n';
const NONCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** Standard (not URL-safe) base64 with padding, as WeChat Pay sends it. Node's decoder silently skips junk. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function linesEachEndingInLineFeed(lines: readonly string[]): string {
  return lines.map((line) => line + LINE_FEED).join('');
}

/** The string `wx.requestPayment`'s paySign covers: appId is line 1 although the mini-program never passes it. */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, prepayId: string): string {
  return linesEachEndingInLineFeed([appId, timeStamp, nonceStr, `prepay_id=${prepayId}`]);
}

/**
 * The string a response or notification signature covers. Pass the body as the raw bytes received: decoding them
 * to a string first would map different invalid UTF-8 bytes to the same U+FFFD and let a tampered body verify.
 */
export function notificationSignMessage(timestamp: string, nonce: string, body: string): string;
export function notificationSignMessage(timestamp: string, nonce: string, body: Buffer): Buffer;
export function notificationSignMessage(timestamp: string, nonce: string, body: string | Buffer): string | Buffer {
  if (typeof body === 'string') return linesEachEndingInLineFeed([timestamp, nonce, body]);
  return Buffer.concat([Buffer.from(timestamp + LINE_FEED + nonce + LINE_FEED, 'utf8'), body, Buffer.from(LINE_FEED)]);
}

/** The string a merchant's `Authorization` signature covers. GET requests sign an empty body (its line is just "\n"). */
export function requestSignMessage(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return linesEachEndingInLineFeed([method.toUpperCase(), pathWithQuery, timestamp, nonce, body]);
}

/** Base64 SHA256withRSA (PKCS#1 v1.5) signature: deterministic, so the same message and key always give the same value. */
export function rsaSign(message: string | Buffer, privateKeyPem: string): string {
  return createSign('sha256').update(message).sign(createPrivateKey(privateKeyPem), 'base64');
}

/**
 * True only when `signatureBase64` is a valid SHA256withRSA signature of `message`. Untrusted input (a garbage or
 * non-base64 signature) gives false instead of throwing; a malformed *public key* is a configuration error and throws.
 */
export function rsaVerify(message: string | Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  const publicKey = createPublicKey(publicKeyPem);
  if (typeof signatureBase64 !== 'string' || signatureBase64.length === 0 || !STRICT_BASE64.test(signatureBase64)) {
    return false;
  }
  try {
    return createVerify('sha256').update(message).verify(publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    // OpenSSL can reject some malformed signatures with an error rather than `false`; both mean "not verified".
    return false;
  }
}

/** A random `[0-9A-Za-z]` string. randomInt avoids the modulo bias of `byte % 62`. */
export function nonceString(length = 32): string {
  if (!Number.isSafeInteger(length) || length < 1)
    throw new RangeError(`nonce length must be a positive integer, got ${length}`);
  let nonce = '';
  for (let i = 0; i < length; i += 1) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return nonce;
}
