import { Formatter, Rsa } from 'wechatpay-axios-plugin';
import { buildAuthorization, CheckRequestInput, parseAuthorization, requestSignatureFailure } from './authorization';
import {
  TEST_MERCHANT_PRIVATE_KEY_PEM,
  TEST_MERCHANT_PUBLIC_KEY_PEM,
  TEST_PLATFORM_PRIVATE_KEY_PEM,
} from './test-vectors';

const NOW = new Date('2026-11-21T12:00:00Z');
const PATH = '/v3/pay/transactions/out-trade-no/ORDER_000001?mchid=1900000001';

const signed = (changes: { key?: string; now?: Date; path?: string; body?: string } = {}) =>
  buildAuthorization({
    method: 'GET',
    pathWithQuery: changes.path ?? PATH,
    body: changes.body ?? '',
    mchId: '1900000001',
    merchantSerial: 'SERIAL01',
    merchantPrivateKeyPem: changes.key ?? TEST_MERCHANT_PRIVATE_KEY_PEM,
    now: changes.now ?? NOW,
    nonce: 'N0nce0123456789abcdefABCDEFxyz01',
  });

const check = (authorization: string | undefined, changes: Partial<CheckRequestInput> = {}) =>
  requestSignatureFailure({
    authorization,
    method: 'GET',
    pathWithQuery: PATH,
    body: '',
    mchId: '1900000001',
    merchantSerial: 'SERIAL01',
    merchantPublicKeyPem: TEST_MERCHANT_PUBLIC_KEY_PEM,
    now: NOW,
    maxSkewSeconds: 300,
    ...changes,
  });

describe('the Authorization header of a merchant request', () => {
  it('carries the five parameters, the signature verifying with the SDK over the SDK-built message', () => {
    const header = signed();
    const params = parseAuthorization(header)!;
    expect(params).toEqual({
      mchid: '1900000001',
      nonce_str: 'N0nce0123456789abcdefABCDEFxyz01',
      timestamp: String(NOW.getTime() / 1000),
      serial_no: 'SERIAL01',
      signature: expect.any(String),
    });
    const message = Formatter.request('GET', PATH, params.timestamp, params.nonce_str, '');
    expect(Rsa.verify(message, params.signature, TEST_MERCHANT_PUBLIC_KEY_PEM)).toBe(true);
  });

  it('parses the parameters in any order (SDKs differ) and nothing else', () => {
    const params = parseAuthorization(signed())!;
    const reordered = `WECHATPAY2-SHA256-RSA2048 signature="${params.signature}",timestamp="${params.timestamp}",serial_no="SERIAL01",nonce_str="${params.nonce_str}",mchid="1900000001"`;
    expect(parseAuthorization(reordered)).toEqual(params);
    expect(parseAuthorization(undefined)).toBeNull();
    expect(parseAuthorization(`Bearer ${params.signature}`)).toBeNull();
    expect(parseAuthorization(reordered.replace(',mchid="1900000001"', ''))).toBeNull(); // one missing
    expect(parseAuthorization(`${reordered},mchid="1900000002"`)).toBeNull(); // one repeated
  });

  it('is checked as WeChat Pay checks it: merchant, serial, 5-minute window, signature over method, path, body', () => {
    expect(check(signed())).toBeNull();
    expect(check(signed(), { mchId: '1900000002' })).toBe('wrong_mchid');
    expect(check(signed(), { merchantSerial: 'SERIAL02' })).toBe('wrong_serial');
    expect(check(signed({ now: new Date(NOW.getTime() - 300_000) }))).toBe('stale_timestamp');
    expect(check(signed({ now: new Date(NOW.getTime() - 299_000) }))).toBeNull();
    expect(check(signed({ key: TEST_PLATFORM_PRIVATE_KEY_PEM }))).toBe('bad_signature');
    expect(check(signed(), { method: 'POST' })).toBe('bad_signature');
    expect(check(signed(), { pathWithQuery: PATH.replace('mchid=', 'mchid=0') })).toBe('bad_signature');
    expect(check(signed({ body: '{"a":1}' }), { body: '{"a":2}' })).toBe('bad_signature');
    expect(check('WECHATPAY2-SHA256-RSA2048 garbage')).toBe('malformed');
    expect(check(undefined)).toBe('malformed');
  });
});
