import {
  nonceString,
  notificationSignMessage,
  paySignMessage,
  requestSignMessage,
  rsaSign,
  rsaVerify,
} from './signing';
import {
  PAY_SIGN_VECTOR,
  REQUEST_SIGN_VECTORS,
  TEST_MERCHANT_PRIVATE_KEY_PEM,
  TEST_MERCHANT_PUBLIC_KEY_PEM,
  TEST_PLATFORM_PUBLIC_KEY_PEM,
} from './test-vectors';

describe('signature messages', () => {
  it('paySignMessage is appId, timeStamp, nonceStr, prepay_id=<id>, each line ending in \\n', () => {
    const { appId, timeStamp, nonceStr, prepayId } = PAY_SIGN_VECTOR;
    expect(paySignMessage(appId, timeStamp, nonceStr, prepayId)).toBe(
      'wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n',
    );
  });

  it('notificationSignMessage is timestamp, nonce, body, each line ending in \\n', () => {
    expect(notificationSignMessage('1795262400', 'abc', '{"a":1}')).toBe('1795262400\nabc\n{"a":1}\n');
  });

  it('notificationSignMessage of an empty body ends in a bare \\n line', () => {
    expect(notificationSignMessage('1795262400', 'abc', '')).toBe('1795262400\nabc\n\n');
  });

  it('notificationSignMessage of a Buffer keeps the raw bytes, invalid UTF-8 included', () => {
    const rawBody = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(notificationSignMessage('1', 'n', rawBody)).toEqual(
      Buffer.from([0x31, 0x0a, 0x6e, 0x0a, 0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
    );
  });

  it('requestSignMessage of a POST is method, path, timestamp, nonce, body', () => {
    const { method, pathWithQuery, timestamp, nonce, body, message } = REQUEST_SIGN_VECTORS.post;
    expect(requestSignMessage(method, pathWithQuery, timestamp, nonce, body)).toBe(message);
  });

  it('requestSignMessage of a GET keeps the query and signs an empty body line', () => {
    const { method, pathWithQuery, timestamp, nonce, body, message } = REQUEST_SIGN_VECTORS.getWithQueryAndEmptyBody;
    expect(requestSignMessage(method, pathWithQuery, timestamp, nonce, body)).toBe(message);
    expect(message.endsWith('H0mV7XjX3Yt4b0Qv9vH3aV6sL2p1r8Zk\n\n')).toBe(true);
  });

  it('requestSignMessage upper-cases the method', () => {
    expect(requestSignMessage('get', '/v3/x', '1', 'n', '')).toBe('GET\n/v3/x\n1\nn\n\n');
  });
});

describe('rsaSign', () => {
  it('reproduces the openssl SHA256withRSA signature of the paySign vector', () => {
    expect(rsaSign(PAY_SIGN_VECTOR.message, TEST_MERCHANT_PRIVATE_KEY_PEM)).toBe(PAY_SIGN_VECTOR.paySign);
  });

  it.each(Object.entries(REQUEST_SIGN_VECTORS))(
    'reproduces the openssl signature of the %s request vector',
    (_, vector) => {
      expect(rsaSign(vector.message, TEST_MERCHANT_PRIVATE_KEY_PEM)).toBe(vector.signature);
    },
  );

  it('signs a Buffer exactly like the same bytes as a string', () => {
    expect(rsaSign(Buffer.from(PAY_SIGN_VECTOR.message, 'utf8'), TEST_MERCHANT_PRIVATE_KEY_PEM)).toBe(
      PAY_SIGN_VECTOR.paySign,
    );
  });
});

describe('rsaVerify', () => {
  const { message, paySign } = PAY_SIGN_VECTOR;

  it('accepts the openssl signature with the matching public key', () => {
    expect(rsaVerify(message, paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
  });

  it('rejects the signature under another public key', () => {
    expect(rsaVerify(message, paySign, TEST_PLATFORM_PUBLIC_KEY_PEM)).toBe(false);
  });

  it('rejects the signature over a message without the trailing \\n', () => {
    expect(rsaVerify(message.slice(0, -1), paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });

  it('rejects the signature over a message with \\r\\n line breaks', () => {
    expect(rsaVerify(message.replace(/\n/g, '\r\n'), paySign, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not base64 at all!'],
    ['padding only', '===='],
    ['a signature probe', `WECHATPAY/SIGNTEST/${paySign}`],
    ['truncated', paySign.slice(0, 100)],
    ['valid base64 with a junk character inside (Node would skip it)', `${paySign.slice(0, 10)}!${paySign.slice(10)}`],
    ['URL-safe base64', paySign.replace(/\+/g, '-').replace(/\//g, '_')],
    ['one byte too long', Buffer.concat([Buffer.from(paySign, 'base64'), Buffer.from([0])]).toString('base64')],
    ['256 zero bytes', Buffer.alloc(256).toString('base64')],
  ])('returns false, without throwing, for a signature that is %s', (_, signature) => {
    expect(rsaVerify(message, signature, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(false);
  });

  it('throws on a malformed public key: that is configuration, not input', () => {
    expect(() => rsaVerify(message, paySign, '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n')).toThrow();
  });
});

describe('nonceString', () => {
  it('is 32 characters of [0-9A-Za-z] by default', () => {
    expect(nonceString()).toMatch(/^[0-9A-Za-z]{32}$/);
  });

  it('has the requested length', () => {
    expect(nonceString(12)).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it('differs between calls', () => {
    expect(new Set(Array.from({ length: 50 }, () => nonceString())).size).toBe(50);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(nonceString(5000));
    expect(seen.size).toBe(62);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects length %s', (length) => {
    expect(() => nonceString(length)).toThrow(RangeError);
  });
});
