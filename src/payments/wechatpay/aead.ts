/**
 * AEAD_AES_256_GCM, the encryption of notification resources (and platform certificates) in WeChat Pay API v3:
 * key = the 32-byte APIv3 key, IV = the 12-char nonce, AAD = associated_data, ciphertext = base64(ct ∥ 16-byte tag).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { nonceString } from './signing';

export const AEAD_AES_256_GCM = 'AEAD_AES_256_GCM';
const API_V3_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const AUTH_TAG_BYTES = 16;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The `resource` object of a notification, minus `original_type` (which is not part of the cryptography). */
export interface EncryptedResource {
  algorithm: typeof AEAD_AES_256_GCM;
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

/** What decryption accepts: fields as they arrive in an untrusted body, checked before use. */
export interface EncryptedResourceInput {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

export type ResourceDecryptionFailure = 'unsupported_algorithm' | 'malformed_resource' | 'authentication_failed';

/** The resource could not be authenticated or decoded: wrong/rotated APIv3 key, tampering, or a malformed resource. */
export class ResourceDecryptionError extends Error {
  override readonly name = 'ResourceDecryptionError';

  constructor(
    readonly failure: ResourceDecryptionFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The APIv3 key is configuration, not input: a key of the wrong size is a programming error, not a bad message. */
export function apiV3KeyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== API_V3_KEY_BYTES) {
    throw new RangeError(`the APIv3 key must be ${API_V3_KEY_BYTES} bytes of UTF-8, got ${key.length}`);
  }
  return key;
}

function nonceBytes(nonce: string): Buffer | undefined {
  const iv = Buffer.from(nonce, 'utf8');
  return iv.length === NONCE_BYTES ? iv : undefined;
}

export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
  nonce: string = nonceString(NONCE_BYTES),
): EncryptedResource {
  const key = apiV3KeyBytes(apiV3Key);
  const iv = nonceBytes(nonce);
  if (!iv) throw new RangeError(`the nonce must be ${NONCE_BYTES} bytes of UTF-8`);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  // Field order as in real notification payloads.
  return {
    algorithm: AEAD_AES_256_GCM,
    ciphertext: ciphertext.toString('base64'),
    associated_data: associatedData,
    nonce,
  };
}

/**
 * Authenticates, then returns the plaintext. decipher.final() is what checks the GCM tag: skipping it (as
 * klover2/wechatpay-node-v3-ts does since PR #72) returns forged plaintext unauthenticated.
 */
export function decryptResource(resource: EncryptedResourceInput, apiV3Key: string): string {
  const key = apiV3KeyBytes(apiV3Key);
  if (resource.algorithm !== AEAD_AES_256_GCM) {
    throw new ResourceDecryptionError('unsupported_algorithm', `unsupported algorithm ${String(resource.algorithm)}`);
  }
  const iv = typeof resource.nonce === 'string' ? nonceBytes(resource.nonce) : undefined;
  if (!iv) throw new ResourceDecryptionError('malformed_resource', `the nonce must be ${NONCE_BYTES} bytes`);
  const associatedData = resource.associated_data ?? '';
  if (typeof associatedData !== 'string') {
    throw new ResourceDecryptionError('malformed_resource', 'associated_data must be a string');
  }
  if (typeof resource.ciphertext !== 'string' || !STRICT_BASE64.test(resource.ciphertext)) {
    throw new ResourceDecryptionError('malformed_resource', 'the ciphertext is not base64');
  }
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length < AUTH_TAG_BYTES) {
    throw new ResourceDecryptionError(
      'malformed_resource',
      `the ciphertext is shorter than the ${AUTH_TAG_BYTES}-byte tag`,
    );
  }

  // authTagLength pins the tag to 16 bytes, so a truncated tag cannot be accepted.
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: AUTH_TAG_BYTES });
  decipher.setAuthTag(sealed.subarray(sealed.length - AUTH_TAG_BYTES));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - AUTH_TAG_BYTES)), decipher.final()]);
  } catch (error) {
    throw new ResourceDecryptionError(
      'authentication_failed',
      'the resource did not authenticate (wrong APIv3 key, or tampered ciphertext, tag, nonce or associated_data)',
      { cause: error },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch (error) {
    throw new ResourceDecryptionError('malformed_resource', 'the plaintext is not UTF-8', { cause: error });
  }
}
