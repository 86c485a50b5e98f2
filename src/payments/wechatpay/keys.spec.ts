import { createPrivateKey, createPublicKey } from 'node:crypto';
import { decryptResource, encryptResource } from './aead';
import { generateApiV3Key, generatePublicKeyId, generateRsaKeyPair } from './keys';
import { rsaSign, rsaVerify } from './signing';

describe('generateRsaKeyPair', () => {
  const keyPair = generateRsaKeyPair();

  it('returns a PKCS#8 private key and an SPKI public key in PEM', () => {
    expect(keyPair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(keyPair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
  });

  it('is RSA 2048', () => {
    const details = createPublicKey(keyPair.publicKeyPem).asymmetricKeyDetails;
    expect(createPrivateKey(keyPair.privateKeyPem).asymmetricKeyType).toBe('rsa');
    expect(details?.modulusLength).toBe(2048);
  });

  it('is a matching pair: what the private key signs, the public key verifies', () => {
    expect(rsaVerify('message\n', rsaSign('message\n', keyPair.privateKeyPem), keyPair.publicKeyPem)).toBe(true);
  });

  it('is a new pair on every call', () => {
    expect(generateRsaKeyPair().publicKeyPem).not.toBe(keyPair.publicKeyPem);
  });
});

describe('generateApiV3Key', () => {
  it('is 32 characters of [0-9A-Za-z], hence 32 UTF-8 bytes', () => {
    const key = generateApiV3Key();
    expect(key).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(Buffer.byteLength(key, 'utf8')).toBe(32);
  });

  it('is accepted as an AES-256-GCM key', () => {
    const key = generateApiV3Key();
    expect(decryptResource(encryptResource('ok', key, 'transaction'), key)).toBe('ok');
  });

  it('differs between calls', () => {
    expect(generateApiV3Key()).not.toBe(generateApiV3Key());
  });
});

describe('generatePublicKeyId', () => {
  it('looks like a WeChat Pay public-key ID: PUB_KEY_ID_01 and 32 digits', () => {
    expect(generatePublicKeyId()).toMatch(/^PUB_KEY_ID_01[0-9]{32}$/);
  });

  it('differs between calls', () => {
    expect(generatePublicKeyId()).not.toBe(generatePublicKeyId());
  });
});
