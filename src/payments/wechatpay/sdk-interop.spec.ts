/**
 * Interoperability with the published wechatpay-axios-plugin SDK (0.9.6, devDependency): what our sandbox
 * produces, a real merchant SDK accepts, and the other way round.
 */
import fc from 'fast-check';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import { AEAD_AES_256_GCM, decryptResource, encryptResource } from './aead';
import { buildNotification } from './notification';
import { buildPayParams } from './pay-params';
import { notificationSignMessage, paySignMessage, requestSignMessage, rsaSign, rsaVerify } from './signing';
import {
  AES_GCM_VECTOR,
  PAY_SIGN_VECTOR,
  REQUEST_SIGN_VECTORS,
  TEST_API_V3_KEY,
  TEST_MERCHANT_PRIVATE_KEY_PEM,
  TEST_MERCHANT_PUBLIC_KEY_PEM,
  TEST_PLATFORM_PRIVATE_KEY_PEM,
  TEST_PLATFORM_PUBLIC_KEY_PEM,
  TRANSACTION_NOTIFICATION_VECTOR as vector,
} from './test-vectors';

interface ParsedNotificationBody {
  resource: { ciphertext: string; nonce: string; associated_data: string };
}

function freshRefundNotification() {
  return buildNotification({
    eventType: 'REFUND.SUCCESS',
    originalType: 'refund',
    summary: '退款成功',
    resource: { out_refund_no: 'R-1', refund_status: 'SUCCESS', amount: { total: 100, refund: 100 } },
    apiV3Key: TEST_API_V3_KEY,
    platformPrivateKeyPem: TEST_PLATFORM_PRIVATE_KEY_PEM,
    platformSerial: vector.platformSerial,
    now: new Date(),
  });
}

describe('our output, checked by the SDK', () => {
  it('Formatter.response builds the same verification message as notificationSignMessage', () => {
    expect(Formatter.response(vector.timestamp, vector.nonce, vector.body)).toBe(
      notificationSignMessage(vector.timestamp, vector.nonce, vector.body),
    );
  });

  it('Rsa.verify accepts our notification signature (fixed vector and a fresh one)', () => {
    expect(
      Rsa.verify(
        Formatter.response(vector.timestamp, vector.nonce, vector.body),
        vector.signature,
        TEST_PLATFORM_PUBLIC_KEY_PEM,
      ),
    ).toBe(true);
    const { body, headers } = freshRefundNotification();
    const message = Formatter.response(headers['Wechatpay-Timestamp'], headers['Wechatpay-Nonce'], body);
    expect(Rsa.verify(message, headers['Wechatpay-Signature'], TEST_PLATFORM_PUBLIC_KEY_PEM)).toBe(true);
  });

  it('Rsa.verify rejects our notification signature over a tampered body', () => {
    const tampered = vector.body.replace('"summary":"支付成功"', '"summary":"支付失败"');
    expect(tampered).not.toBe(vector.body);
    expect(
      Rsa.verify(
        Formatter.response(vector.timestamp, vector.nonce, tampered),
        vector.signature,
        TEST_PLATFORM_PUBLIC_KEY_PEM,
      ),
    ).toBe(false);
  });

  it('Aes.AesGcm.decrypt(ciphertext, key, iv, aad) opens our notification resource', () => {
    const { body } = freshRefundNotification();
    const { resource } = JSON.parse(body) as ParsedNotificationBody;
    const plaintext = Aes.AesGcm.decrypt(
      resource.ciphertext,
      TEST_API_V3_KEY,
      resource.nonce,
      resource.associated_data,
    );
    expect(JSON.parse(plaintext)).toEqual({
      out_refund_no: 'R-1',
      refund_status: 'SUCCESS',
      amount: { total: 100, refund: 100 },
    });
  });

  it('Aes.AesGcm.decrypt opens the fixed notification vector', () => {
    expect(Aes.AesGcm.decrypt(vector.resourceCiphertext, TEST_API_V3_KEY, vector.resourceNonce, 'transaction')).toBe(
      vector.resourcePlaintext,
    );
  });

  it('Aes.AesGcm.decrypt opens our encryptResource output for any Unicode plaintext', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (plaintext) => {
        const sealed = encryptResource(plaintext, TEST_API_V3_KEY, 'transaction');
        expect(Aes.AesGcm.decrypt(sealed.ciphertext, TEST_API_V3_KEY, sealed.nonce, sealed.associated_data)).toBe(
          plaintext,
        );
      }),
      { numRuns: 50 },
    );
  });

  it('Rsa.verify accepts our paySign over Formatter.joinedByLineFeed(appId, timeStamp, nonceStr, package)', () => {
    const params = buildPayParams({
      appId: PAY_SIGN_VECTOR.appId,
      prepayId: PAY_SIGN_VECTOR.prepayId,
      merchantPrivateKeyPem: TEST_MERCHANT_PRIVATE_KEY_PEM,
      now: new Date(),
    });
    const message = Formatter.joinedByLineFeed(params.appId, params.timeStamp, params.nonceStr, params.package);
    expect(message).toBe(paySignMessage(params.appId, params.timeStamp, params.nonceStr, PAY_SIGN_VECTOR.prepayId));
    expect(Rsa.verify(message, params.paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
  });

  it.each(Object.entries(REQUEST_SIGN_VECTORS))(
    'Formatter.request builds the same %s message as requestSignMessage, and Rsa.verify accepts our signature',
    (_, v) => {
      const sdkMessage = Formatter.request(v.method, v.pathWithQuery, v.timestamp, v.nonce, v.body);
      expect(sdkMessage).toBe(requestSignMessage(v.method, v.pathWithQuery, v.timestamp, v.nonce, v.body));
      expect(
        Rsa.verify(sdkMessage, rsaSign(sdkMessage, TEST_MERCHANT_PRIVATE_KEY_PEM), TEST_MERCHANT_PUBLIC_KEY_PEM),
      ).toBe(true);
    },
  );

  it('Rsa.verify also accepts a KeyObject loaded with Rsa.from(pem, "public")', () => {
    const publicKey = Rsa.from(TEST_MERCHANT_PUBLIC_KEY_PEM, Rsa.KEY_TYPE_PUBLIC);
    expect(Rsa.verify(PAY_SIGN_VECTOR.message, PAY_SIGN_VECTOR.paySign, publicKey)).toBe(true);
  });
});

describe('SDK output, checked by us', () => {
  it('decryptResource opens a resource sealed by Aes.AesGcm.encrypt', () => {
    const ciphertext = Aes.AesGcm.encrypt(
      AES_GCM_VECTOR.plaintext,
      TEST_API_V3_KEY,
      AES_GCM_VECTOR.nonce,
      'transaction',
    );
    expect(ciphertext).toBe(AES_GCM_VECTOR.ciphertext);
    const resource = {
      algorithm: AEAD_AES_256_GCM,
      ciphertext,
      nonce: AES_GCM_VECTOR.nonce,
      associated_data: 'transaction',
    };
    expect(decryptResource(resource, TEST_API_V3_KEY)).toBe(AES_GCM_VECTOR.plaintext);
  });

  it('rsaVerify accepts an Rsa.sign signature, which equals ours (PKCS#1 v1.5 is deterministic)', () => {
    const sdkSignature = Rsa.sign(PAY_SIGN_VECTOR.message, TEST_MERCHANT_PRIVATE_KEY_PEM);
    expect(sdkSignature).toBe(PAY_SIGN_VECTOR.paySign);
    expect(rsaVerify(PAY_SIGN_VECTOR.message, sdkSignature, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
  });

  it('rsaVerify rejects an Rsa.sign signature made with another key', () => {
    const sdkSignature = Rsa.sign(PAY_SIGN_VECTOR.message, TEST_PLATFORM_PRIVATE_KEY_PEM);
    expect(rsaVerify(PAY_SIGN_VECTOR.message, sdkSignature, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });
});

describe('where the SDK is more lenient than we are', () => {
  it('Rsa.verify decodes base64 leniently (skips junk characters); rsaVerify requires strict base64', () => {
    const withJunk = `${PAY_SIGN_VECTOR.paySign.slice(0, 10)}!*${PAY_SIGN_VECTOR.paySign.slice(10)}`;
    expect(Rsa.verify(PAY_SIGN_VECTOR.message, withJunk, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
    expect(rsaVerify(PAY_SIGN_VECTOR.message, withJunk, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });

  it('both reject a tampered GCM tag (the SDK does call decipher.final())', () => {
    const sealed = Buffer.from(AES_GCM_VECTOR.ciphertext, 'base64');
    sealed[sealed.length - 1] ^= 1;
    const tampered = sealed.toString('base64');
    expect(() => Aes.AesGcm.decrypt(tampered, TEST_API_V3_KEY, AES_GCM_VECTOR.nonce, 'transaction')).toThrow(
      /unable to authenticate/,
    );
    expect(() =>
      decryptResource(
        { ...encryptResource('', TEST_API_V3_KEY, 'transaction', AES_GCM_VECTOR.nonce), ciphertext: tampered },
        TEST_API_V3_KEY,
      ),
    ).toThrow(/did not authenticate/);
  });
});
