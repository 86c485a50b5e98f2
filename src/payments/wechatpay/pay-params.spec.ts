import { buildPayParams } from './pay-params';
import { paySignMessage, rsaVerify } from './signing';
import { PAY_SIGN_VECTOR, TEST_MERCHANT_PRIVATE_KEY_PEM, TEST_MERCHANT_PUBLIC_KEY_PEM } from './test-vectors';

describe('buildPayParams', () => {
  it('reproduces the fixed paySign vector, truncating the clock to whole seconds', () => {
    const params = buildPayParams({
      appId: PAY_SIGN_VECTOR.appId,
      prepayId: PAY_SIGN_VECTOR.prepayId,
      merchantPrivateKeyPem: TEST_MERCHANT_PRIVATE_KEY_PEM,
      now: new Date(Number(PAY_SIGN_VECTOR.timeStamp) * 1000 + 999),
      nonceStr: PAY_SIGN_VECTOR.nonceStr,
    });
    expect(params).toEqual({
      appId: 'wx2421b1c4370ec43b',
      timeStamp: '1554208460',
      nonceStr: '593BEC0C930BF1AFEB40B4A08C8FB242',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
      paySign: PAY_SIGN_VECTOR.paySign,
    });
  });

  it('draws a 32-character nonce when none is given, and signs it', () => {
    const params = buildPayParams({
      appId: 'wx0000000000000001',
      prepayId: 'wx21100000000000000000000000000000',
      merchantPrivateKeyPem: TEST_MERCHANT_PRIVATE_KEY_PEM,
      now: new Date('2026-11-21T12:00:00Z'),
    });
    expect(params.nonceStr).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(params.timeStamp).toBe('1795262400');
    const message = paySignMessage(
      params.appId,
      params.timeStamp,
      params.nonceStr,
      'wx21100000000000000000000000000000',
    );
    expect(rsaVerify(message, params.paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
  });

  it('signs the appId: the same params under another appId do not verify', () => {
    const params = buildPayParams({
      appId: 'wx0000000000000001',
      prepayId: 'wx2110',
      merchantPrivateKeyPem: TEST_MERCHANT_PRIVATE_KEY_PEM,
      now: new Date('2026-11-21T12:00:00Z'),
    });
    const underOtherAppId = paySignMessage('wx0000000000000002', params.timeStamp, params.nonceStr, 'wx2110');
    expect(rsaVerify(underOtherAppId, params.paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });
});
