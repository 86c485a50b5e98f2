/** Key material for the sandbox gateway, shaped like what WeChat Pay issues to a merchant. */
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { nonceString } from './signing';

export interface RsaKeyPairPem {
  /** PKCS#8 `-----BEGIN PRIVATE KEY-----`, the format of a merchant's apiclient_key.pem. */
  privateKeyPem: string;
  /** SPKI `-----BEGIN PUBLIC KEY-----`, the format of the WeChat Pay public key download. */
  publicKeyPem: string;
}

const PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_';

/** RSA 2048, the size WeChat Pay uses for merchant and platform keys. Synchronous: meant for start-up and tests. */
export function generateRsaKeyPair(): RsaKeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The APIv3 key merchants set in the merchant platform: 32 characters, used as 32 UTF-8 bytes of AES-256 key. */
export function generateApiV3Key(): string {
  return nonceString(32);
}

/**
 * A WeChat Pay public-key ID, the `Wechatpay-Serial` of public-key mode (the only mode for new merchants).
 * Real IDs are `PUB_KEY_ID_01` followed by 32 decimal digits (e.g. PUB_KEY_ID_0117469715472026061500382161001801).
 */
export function generatePublicKeyId(): string {
  let digits = '';
  for (let i = 0; i < 32; i += 1) digits += String(randomInt(10));
  return `${PUBLIC_KEY_ID_PREFIX}01${digits}`;
}
