import fc from 'fast-check';
import { encryptResource, ResourceDecryptionError } from './aead';
import { generateRsaKeyPair } from './keys';
import {
  buildNotification,
  BuildNotificationInput,
  IncomingHeaders,
  NotificationRejectionReason,
  NotificationVerificationError,
  rfc3339China,
  SIGNATURE_PROBE_PREFIX,
  verifyNotification,
  VerifyNotificationInput,
} from './notification';
import { notificationSignMessage, rsaSign } from './signing';
import {
  TEST_API_V3_KEY,
  TEST_PLATFORM_PRIVATE_KEY_PEM,
  TEST_PLATFORM_PUBLIC_KEY_PEM,
  TRANSACTION_NOTIFICATION_VECTOR as vector,
} from './test-vectors';

const SECOND = 1000;

function vectorBuildInput(overrides: Partial<BuildNotificationInput> = {}): BuildNotificationInput {
  return {
    eventType: 'TRANSACTION.SUCCESS',
    originalType: 'transaction',
    summary: vector.summary,
    resource: vector.resource,
    apiV3Key: TEST_API_V3_KEY,
    platformPrivateKeyPem: TEST_PLATFORM_PRIVATE_KEY_PEM,
    platformSerial: vector.platformSerial,
    now: vector.now,
    id: vector.id,
    nonce: vector.nonce,
    resourceNonce: vector.resourceNonce,
    ...overrides,
  };
}

/** The vector's headers as Node's HTTP server hands them over: lower-cased. */
function vectorHeaders(overrides: Record<string, string | string[] | undefined> = {}): IncomingHeaders {
  return {
    'wechatpay-timestamp': vector.timestamp,
    'wechatpay-nonce': vector.nonce,
    'wechatpay-signature': vector.signature,
    'wechatpay-serial': vector.platformSerial,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    ...overrides,
  };
}

function verifyInput(overrides: Partial<VerifyNotificationInput> = {}): VerifyNotificationInput {
  return {
    headers: vectorHeaders(),
    rawBody: Buffer.from(vector.body, 'utf8'),
    platformPublicKeyPem: TEST_PLATFORM_PUBLIC_KEY_PEM,
    platformSerial: vector.platformSerial,
    apiV3Key: TEST_API_V3_KEY,
    now: vector.now,
    ...overrides,
  };
}

/** Headers carrying a valid platform signature over `rawBody`, for bodies the builder would never produce. */
function headersSigning(rawBody: Buffer, signingKeyPem = TEST_PLATFORM_PRIVATE_KEY_PEM): IncomingHeaders {
  const signature = rsaSign(notificationSignMessage(vector.timestamp, vector.nonce, rawBody), signingKeyPem);
  return vectorHeaders({ 'wechatpay-signature': signature });
}

function rejectionReason(input: VerifyNotificationInput): NotificationRejectionReason {
  try {
    verifyNotification(input);
  } catch (error) {
    if (error instanceof NotificationVerificationError) return error.reason;
    throw error;
  }
  throw new Error('expected a NotificationVerificationError');
}

describe('rfc3339China', () => {
  it('writes China Standard Time with a +08:00 offset', () => {
    expect(rfc3339China(new Date('2026-11-21T12:00:00Z'))).toBe('2026-11-21T20:00:00+08:00');
  });

  it('rolls over the date (and year) at 16:00 UTC', () => {
    expect(rfc3339China(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  it('drops milliseconds, as WeChat Pay does', () => {
    expect(rfc3339China(new Date('2026-11-21T12:00:00.999Z'))).toBe('2026-11-21T20:00:00+08:00');
  });

  it('denotes the same instant', () => {
    const now = new Date('2026-03-01T01:02:03Z');
    expect(new Date(rfc3339China(now)).getTime()).toBe(now.getTime());
  });

  it('rejects an invalid date', () => {
    expect(() => rfc3339China(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('buildNotification', () => {
  it('reproduces the fixed notification byte for byte: body, signature and headers', () => {
    expect(buildNotification(vectorBuildInput())).toEqual({
      body: vector.body,
      headers: {
        'Wechatpay-Timestamp': '1795262400',
        'Wechatpay-Nonce': vector.nonce,
        'Wechatpay-Signature': vector.signature,
        'Wechatpay-Serial': vector.platformSerial,
        'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      },
    });
  });

  it('lays out the body like a real notification', () => {
    const body: unknown = JSON.parse(buildNotification(vectorBuildInput()).body);
    expect(body).toEqual({
      id: vector.id,
      create_time: '2026-11-21T20:00:00+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: vector.resourceCiphertext,
        associated_data: 'transaction',
        nonce: vector.resourceNonce,
      },
    });
  });

  it('draws a UUID id, a 32-character nonce and a 12-character resource nonce when none are given', () => {
    const { body, headers } = buildNotification(
      vectorBuildInput({ id: undefined, nonce: undefined, resourceNonce: undefined }),
    );
    const parsed = JSON.parse(body) as { id: string; resource: { nonce: string } };
    expect(parsed.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(headers['Wechatpay-Nonce']).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(parsed.resource.nonce).toMatch(/^[0-9A-Za-z]{12}$/);
  });

  it('sends a WECHATPAY/SIGNTEST/ signature when asked for a probe', () => {
    const { headers } = buildNotification(vectorBuildInput({ signatureProbe: true }));
    expect(headers['Wechatpay-Signature'].startsWith(SIGNATURE_PROBE_PREFIX)).toBe(true);
  });

  it.each([
    ['REFUND.SUCCESS', 'refund', '退款成功', { out_refund_no: 'R1', refund_status: 'SUCCESS' }],
    ['REFUND.ABNORMAL', 'refund', '退款异常', { out_refund_no: 'R2', refund_status: 'ABNORMAL' }],
    ['REFUND.CLOSED', 'refund', '退款关闭', { out_refund_no: 'R3', refund_status: 'CLOSED' }],
    ['MCHTRANSFER.BILL.FINISHED', 'mch_payment', '商家转账单据终态通知', { out_bill_no: 'B1', state: 'SUCCESS' }],
  ] as const)('round-trips a %s notification with associated_data %s', (eventType, originalType, summary, resource) => {
    const built = buildNotification(
      vectorBuildInput({ eventType, originalType, summary, resource, id: undefined, nonce: undefined }),
    );
    const parsed = JSON.parse(built.body) as { resource: { associated_data: string; original_type: string } };
    expect(parsed.resource.associated_data).toBe(originalType);
    expect(parsed.resource.original_type).toBe(originalType);
    expect(verifyNotification(verifyInput({ headers: built.headers, rawBody: built.body }))).toMatchObject({
      eventType,
      summary,
      originalType,
      resource,
    });
  });
});

describe('verifyNotification accepts', () => {
  const expected = {
    id: vector.id,
    eventType: 'TRANSACTION.SUCCESS',
    createTime: '2026-11-21T20:00:00+08:00',
    summary: '支付成功',
    originalType: 'transaction',
    resource: vector.resource,
  };

  it('the fixed notification, returning the decrypted resource', () => {
    expect(verifyNotification(verifyInput())).toEqual(expected);
  });

  it('the raw body as a string', () => {
    expect(verifyNotification(verifyInput({ rawBody: vector.body }))).toEqual(expected);
  });

  it('headers in any case, or as single-element arrays', () => {
    const headers = {
      'WECHATPAY-TIMESTAMP': vector.timestamp,
      'Wechatpay-Nonce': [vector.nonce],
      'wechatpay-signature': vector.signature,
      'WeChatPay-Serial': vector.platformSerial,
    };
    expect(verifyNotification(verifyInput({ headers }))).toEqual(expected);
  });

  it('a notification without Wechatpay-Signature-Type (responses omit it)', () => {
    const headers = vectorHeaders({ 'wechatpay-signature-type': undefined });
    expect(verifyNotification(verifyInput({ headers }))).toEqual(expected);
  });

  it('a timestamp 299.999 s in the past or 299 s in the future', () => {
    const timestampMs = Number(vector.timestamp) * SECOND;
    expect(verifyNotification(verifyInput({ now: new Date(timestampMs + 300 * SECOND - 1) }))).toEqual(expected);
    expect(verifyNotification(verifyInput({ now: new Date(timestampMs - 299 * SECOND) }))).toEqual(expected);
  });
});

describe('verifyNotification rejects', () => {
  it.each(['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial'])(
    'a notification without %s: missing_headers',
    (name) => {
      expect(rejectionReason(verifyInput({ headers: vectorHeaders({ [name]: undefined }) }))).toBe('missing_headers');
    },
  );

  it('an empty header: missing_headers', () => {
    expect(rejectionReason(verifyInput({ headers: vectorHeaders({ 'wechatpay-nonce': '' }) }))).toBe('missing_headers');
  });

  it('a header sent twice (as an array): missing_headers', () => {
    const headers = vectorHeaders({ 'wechatpay-serial': [vector.platformSerial, 'PUB_KEY_ID_other'] });
    expect(rejectionReason(verifyInput({ headers }))).toBe('missing_headers');
  });

  it('a header sent twice under different cases: missing_headers', () => {
    const headers = { ...vectorHeaders(), 'Wechatpay-Timestamp': vector.timestamp };
    expect(rejectionReason(verifyInput({ headers }))).toBe('missing_headers');
  });

  it.each(['1795262400.5', '-1795262400', 'soon', '1795262400000'])(
    'a timestamp %p that is not Unix seconds: missing_headers',
    (timestamp) => {
      const headers = vectorHeaders({ 'wechatpay-timestamp': timestamp });
      expect(rejectionReason(verifyInput({ headers }))).toBe('missing_headers');
    },
  );

  it('an unknown Wechatpay-Serial: unknown_serial', () => {
    expect(rejectionReason(verifyInput({ platformSerial: 'PUB_KEY_ID_0114232134912410000000000001' }))).toBe(
      'unknown_serial',
    );
  });

  it('a timestamp exactly 300 s in the past: stale_timestamp', () => {
    const now = new Date((Number(vector.timestamp) + 300) * SECOND);
    expect(rejectionReason(verifyInput({ now }))).toBe('stale_timestamp');
  });

  it('a timestamp exactly 300 s in the future: stale_timestamp', () => {
    const now = new Date((Number(vector.timestamp) - 300) * SECOND);
    expect(rejectionReason(verifyInput({ now }))).toBe('stale_timestamp');
  });

  it('a timestamp beyond a custom maxSkewSeconds: stale_timestamp', () => {
    const now = new Date((Number(vector.timestamp) + 60) * SECOND);
    expect(rejectionReason(verifyInput({ now, maxSkewSeconds: 60 }))).toBe('stale_timestamp');
  });

  it('a WECHATPAY/SIGNTEST/ probe: signature_probe', () => {
    const probe = buildNotification(vectorBuildInput({ signatureProbe: true }));
    expect(rejectionReason(verifyInput({ headers: probe.headers, rawBody: probe.body }))).toBe('signature_probe');
  });

  it('a body with one character changed: bad_signature', () => {
    const tampered = vector.body.replace('"summary":"支付成功"', '"summary":"支付失败"');
    expect(tampered).not.toBe(vector.body);
    expect(rejectionReason(verifyInput({ rawBody: tampered }))).toBe('bad_signature');
  });

  it('the same JSON re-serialized by a framework: bad_signature (only the raw bytes verify)', () => {
    const reserialized = JSON.stringify(JSON.parse(vector.body), null, 1);
    expect(rejectionReason(verifyInput({ rawBody: reserialized }))).toBe('bad_signature');
  });

  it('a body signed by another key under the known serial: bad_signature', () => {
    const forger = generateRsaKeyPair();
    const forged = buildNotification(vectorBuildInput({ platformPrivateKeyPem: forger.privateKeyPem }));
    expect(rejectionReason(verifyInput({ headers: forged.headers, rawBody: forged.body }))).toBe('bad_signature');
  });

  it('a different nonce header: bad_signature', () => {
    const headers = vectorHeaders({ 'wechatpay-nonce': 'fdasflkja484w9ewUu8wjeF8lwe9aWwq' });
    expect(rejectionReason(verifyInput({ headers }))).toBe('bad_signature');
  });

  it('a different (still fresh) timestamp header: bad_signature', () => {
    const headers = vectorHeaders({ 'wechatpay-timestamp': String(Number(vector.timestamp) + 1) });
    expect(rejectionReason(verifyInput({ headers }))).toBe('bad_signature');
  });

  it.each(['garbage', 'not base64!', Buffer.alloc(256, 1).toString('base64')])(
    'the signature %p: bad_signature',
    (signature) => {
      const headers = vectorHeaders({ 'wechatpay-signature': signature });
      expect(rejectionReason(verifyInput({ headers }))).toBe('bad_signature');
    },
  );

  it('an unsupported Wechatpay-Signature-Type: bad_signature', () => {
    const headers = vectorHeaders({ 'wechatpay-signature-type': 'WECHATPAY2-SM2-WITH-SM3' });
    expect(rejectionReason(verifyInput({ headers }))).toBe('bad_signature');
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['a JSON array', '[]'],
    [
      'JSON without a resource',
      '{"id":"EV-1","create_time":"x","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"s"}',
    ],
    ['a plain (not encrypt-resource) resource_type', vector.body.replace('encrypt-resource', 'plain-resource')],
    ['a resource without a nonce', vector.body.replace(/,"nonce":"[^"]*"/, '')],
  ])('a correctly signed body that is %s: malformed_body', (_, body) => {
    const rawBody = Buffer.from(body, 'utf8');
    expect(rejectionReason(verifyInput({ headers: headersSigning(rawBody), rawBody }))).toBe('malformed_body');
  });

  it('a correctly signed body that is not UTF-8: malformed_body', () => {
    const rawBody = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(rejectionReason(verifyInput({ headers: headersSigning(rawBody), rawBody }))).toBe('malformed_body');
  });

  it('a resource encrypted under another APIv3 key: decryption_failed, caused by a ResourceDecryptionError', () => {
    const built = buildNotification(vectorBuildInput({ apiV3Key: 'OtherApiV3Key0123456789abcdefABC' }));
    try {
      verifyNotification(verifyInput({ headers: built.headers, rawBody: built.body }));
      throw new Error('expected a NotificationVerificationError');
    } catch (error) {
      expect(error).toBeInstanceOf(NotificationVerificationError);
      expect((error as NotificationVerificationError).reason).toBe('decryption_failed');
      expect((error as NotificationVerificationError).cause).toBeInstanceOf(ResourceDecryptionError);
    }
  });

  it('a resource whose decrypted plaintext is not JSON: malformed_body', () => {
    const sealed = encryptResource('not json', TEST_API_V3_KEY, 'transaction');
    const body = JSON.stringify({
      id: 'EV-1',
      create_time: vector.createTime,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: 's',
      resource: { original_type: 'transaction', ...sealed },
    });
    const rawBody = Buffer.from(body, 'utf8');
    expect(rejectionReason(verifyInput({ headers: headersSigning(rawBody), rawBody }))).toBe('malformed_body');
  });
});

describe('verifyNotification checks in order: headers, serial, timestamp, signature, body, decryption', () => {
  const stale = new Date((Number(vector.timestamp) + 3600) * SECOND);

  it('reports missing headers before an unknown serial', () => {
    const headers = vectorHeaders({ 'wechatpay-nonce': undefined, 'wechatpay-serial': 'PUB_KEY_ID_unknown' });
    expect(rejectionReason(verifyInput({ headers }))).toBe('missing_headers');
  });

  it('reports an unknown serial before a stale timestamp', () => {
    const headers = vectorHeaders({ 'wechatpay-serial': 'PUB_KEY_ID_unknown' });
    expect(rejectionReason(verifyInput({ headers, now: stale }))).toBe('unknown_serial');
  });

  it('reports a stale timestamp before a bad signature or a probe', () => {
    const headers = vectorHeaders({ 'wechatpay-signature': `${SIGNATURE_PROBE_PREFIX}x` });
    expect(rejectionReason(verifyInput({ now: stale, rawBody: 'tampered' }))).toBe('stale_timestamp');
    expect(rejectionReason(verifyInput({ headers, now: stale }))).toBe('stale_timestamp');
  });

  it('reports a bad signature before a malformed body', () => {
    expect(rejectionReason(verifyInput({ rawBody: 'not json' }))).toBe('bad_signature');
  });
});

describe('verifyNotification (property)', () => {
  it('rejects any single-byte change of the raw body as bad_signature', () => {
    const body = Buffer.from(vector.body, 'utf8');
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const tampered = Buffer.from(body);
        tampered[position] ^= mask;
        expect(rejectionReason(verifyInput({ rawBody: tampered }))).toBe('bad_signature');
      }),
    );
  });
});
