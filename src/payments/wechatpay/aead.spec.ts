import fc from 'fast-check';
import { AEAD_AES_256_GCM, decryptResource, encryptResource, EncryptedResource, ResourceDecryptionError } from './aead';
import { AES_GCM_VECTOR, TEST_API_V3_KEY, TRANSACTION_NOTIFICATION_VECTOR } from './test-vectors';

const OTHER_API_V3_KEY = 'OtherApiV3Key0123456789abcdefABC';

function vectorResource(): EncryptedResource {
  return {
    algorithm: AEAD_AES_256_GCM,
    ciphertext: AES_GCM_VECTOR.ciphertext,
    associated_data: AES_GCM_VECTOR.associatedData,
    nonce: AES_GCM_VECTOR.nonce,
  };
}

/** XOR one byte of the decoded ciphertext; negative positions count from the end (the tag). */
function flipByte(ciphertextBase64: string, position: number): string {
  const bytes = Buffer.from(ciphertextBase64, 'base64');
  bytes[position < 0 ? bytes.length + position : position] ^= 0x01;
  return bytes.toString('base64');
}

function decryptionFailure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ResourceDecryptionError) return error.failure;
    throw error;
  }
  throw new Error('expected a ResourceDecryptionError');
}

describe('encryptResource', () => {
  it('reproduces the fixed-nonce AES-256-GCM vector (ciphertext ∥ 16-byte tag, base64)', () => {
    const { plaintext, associatedData, nonce } = AES_GCM_VECTOR;
    expect(encryptResource(plaintext, TEST_API_V3_KEY, associatedData, nonce)).toEqual(vectorResource());
  });

  it('reproduces the ciphertext inside the notification vector', () => {
    const { resourcePlaintext, resourceNonce, resourceCiphertext } = TRANSACTION_NOTIFICATION_VECTOR;
    expect(encryptResource(resourcePlaintext, TEST_API_V3_KEY, 'transaction', resourceNonce).ciphertext).toBe(
      resourceCiphertext,
    );
  });

  it('lists the fields in the order of real payloads', () => {
    const { plaintext, associatedData, nonce } = AES_GCM_VECTOR;
    expect(Object.keys(encryptResource(plaintext, TEST_API_V3_KEY, associatedData, nonce))).toEqual([
      'algorithm',
      'ciphertext',
      'associated_data',
      'nonce',
    ]);
  });

  it('draws a fresh 12-character [0-9A-Za-z] nonce when none is given', () => {
    const first = encryptResource('x', TEST_API_V3_KEY, 'transaction');
    const second = encryptResource('x', TEST_API_V3_KEY, 'transaction');
    expect(first.nonce).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('appends a 16-byte tag to a ciphertext as long as the UTF-8 plaintext', () => {
    const sealed = Buffer.from(encryptResource('支付', TEST_API_V3_KEY, '').ciphertext, 'base64');
    expect(sealed.length).toBe(Buffer.byteLength('支付') + 16);
  });

  it.each([
    ['31 bytes', 'a'.repeat(31)],
    ['33 bytes', 'a'.repeat(33)],
    ['32 characters but 34 UTF-8 bytes', `中${'a'.repeat(31)}`],
  ])('rejects an APIv3 key of %s', (_, key) => {
    expect(() => encryptResource('x', key, 'transaction', AES_GCM_VECTOR.nonce)).toThrow(RangeError);
  });

  it('rejects a nonce that is not 12 bytes', () => {
    expect(() => encryptResource('x', TEST_API_V3_KEY, 'transaction', 'short')).toThrow(RangeError);
  });
});

describe('decryptResource', () => {
  it('decrypts the fixed vector', () => {
    expect(decryptResource(vectorResource(), TEST_API_V3_KEY)).toBe(AES_GCM_VECTOR.plaintext);
  });

  it('treats a missing associated_data as empty', () => {
    const sealed = encryptResource('no aad', TEST_API_V3_KEY, '');
    expect(
      decryptResource(
        { algorithm: sealed.algorithm, ciphertext: sealed.ciphertext, nonce: sealed.nonce },
        TEST_API_V3_KEY,
      ),
    ).toBe('no aad');
  });

  it('rejects a ciphertext with one flipped byte', () => {
    const tampered = { ...vectorResource(), ciphertext: flipByte(AES_GCM_VECTOR.ciphertext, 0) };
    expect(decryptionFailure(() => decryptResource(tampered, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects a tampered tag', () => {
    const tampered = { ...vectorResource(), ciphertext: flipByte(AES_GCM_VECTOR.ciphertext, -1) };
    expect(decryptionFailure(() => decryptResource(tampered, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects a tag replaced by zeros (the check klover2 skips by not calling final())', () => {
    const sealed = Buffer.from(AES_GCM_VECTOR.ciphertext, 'base64');
    sealed.fill(0, sealed.length - 16);
    const forged = { ...vectorResource(), ciphertext: sealed.toString('base64') };
    expect(decryptionFailure(() => decryptResource(forged, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects the wrong APIv3 key', () => {
    expect(decryptionFailure(() => decryptResource(vectorResource(), OTHER_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects the wrong associated_data', () => {
    const wrongAad = { ...vectorResource(), associated_data: 'refund' };
    expect(decryptionFailure(() => decryptResource(wrongAad, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects the wrong nonce', () => {
    const wrongNonce = { ...vectorResource(), nonce: 'q9mZx3Lr7TbB' };
    expect(decryptionFailure(() => decryptResource(wrongNonce, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it('rejects a ciphertext with the tag cut off', () => {
    const sealed = Buffer.from(AES_GCM_VECTOR.ciphertext, 'base64');
    const truncated = { ...vectorResource(), ciphertext: sealed.subarray(0, sealed.length - 16).toString('base64') };
    expect(decryptionFailure(() => decryptResource(truncated, TEST_API_V3_KEY))).toBe('authentication_failed');
  });

  it.each([
    ['empty', ''],
    ['shorter than the tag', Buffer.alloc(12).toString('base64')],
    ['not base64', 'this is not base64!'],
  ])('rejects a ciphertext that is %s as malformed', (_, ciphertext) => {
    const malformed = { ...vectorResource(), ciphertext };
    expect(decryptionFailure(() => decryptResource(malformed, TEST_API_V3_KEY))).toBe('malformed_resource');
  });

  it.each(['', 'short', 'thirteen-char'])('rejects the nonce %p as malformed', (nonce) => {
    expect(decryptionFailure(() => decryptResource({ ...vectorResource(), nonce }, TEST_API_V3_KEY))).toBe(
      'malformed_resource',
    );
  });

  it('rejects an algorithm other than AEAD_AES_256_GCM', () => {
    const other = { ...vectorResource(), algorithm: 'AEAD_AES_128_GCM' };
    expect(decryptionFailure(() => decryptResource(other, TEST_API_V3_KEY))).toBe('unsupported_algorithm');
  });

  it('throws RangeError, not a decryption error, for an APIv3 key of the wrong size', () => {
    expect(() => decryptResource(vectorResource(), 'too short')).toThrow(RangeError);
  });

  it('keeps the underlying crypto error as the cause', () => {
    try {
      decryptResource(vectorResource(), OTHER_API_V3_KEY);
      throw new Error('expected a ResourceDecryptionError');
    } catch (error) {
      expect(error).toBeInstanceOf(ResourceDecryptionError);
      // Node's crypto errors come from another realm under jest, so match the message rather than instanceof.
      expect(String((error as ResourceDecryptionError).cause)).toMatch(/unable to authenticate/);
    }
  });
});

describe('AEAD round trip (property)', () => {
  const apiV3Key = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdefxyz'), minLength: 32, maxLength: 32 });

  it('decrypt(encrypt(p)) === p for any Unicode plaintext, associated_data and key', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        apiV3Key,
        (plaintext, aad, key) => {
          expect(decryptResource(encryptResource(plaintext, key, aad), key)).toBe(plaintext);
        },
      ),
    );
  });

  it('any single flipped byte of ciphertext or tag fails authentication', () => {
    const sealed = Buffer.from(AES_GCM_VECTOR.ciphertext, 'base64');
    fc.assert(
      fc.property(fc.nat(sealed.length - 1), fc.integer({ min: 1, max: 255 }), (position, mask) => {
        const tampered = Buffer.from(sealed);
        tampered[position] ^= mask;
        const resource = { ...vectorResource(), ciphertext: tampered.toString('base64') };
        expect(decryptionFailure(() => decryptResource(resource, TEST_API_V3_KEY))).toBe('authentication_failed');
      }),
    );
  });
});
