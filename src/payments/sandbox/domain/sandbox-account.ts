/** A sandbox merchant account as WeChat Pay would issue it: identifiers, two RSA key pairs, the APIv3 key. */
import { generateApiV3Key, generatePublicKeyId, generateRsaKeyPair } from '../../wechatpay/keys';
import { newAppId, newMchId, newMerchantSerial } from './sandbox-ids';

export interface SandboxAccount {
  appId: string;
  mchId: string;
  merchantSerial: string;
  merchantPrivateKeyPem: string;
  merchantPublicKeyPem: string;
  /** A WeChat Pay public-key ID (`PUB_KEY_ID_…`): the only key mode open to new merchants. */
  platformSerial: string;
  platformPrivateKeyPem: string;
  platformPublicKeyPem: string;
  apiV3Key: string;
}

/** Two RSA-2048 pairs are made synchronously (a few hundred ms): meant for the first start only. */
export function generateSandboxAccount(): SandboxAccount {
  const merchant = generateRsaKeyPair();
  const platform = generateRsaKeyPair();
  return {
    appId: newAppId(),
    mchId: newMchId(),
    merchantSerial: newMerchantSerial(),
    merchantPrivateKeyPem: merchant.privateKeyPem,
    merchantPublicKeyPem: merchant.publicKeyPem,
    platformSerial: generatePublicKeyId(),
    platformPrivateKeyPem: platform.privateKeyPem,
    platformPublicKeyPem: platform.publicKeyPem,
    apiV3Key: generateApiV3Key(),
  };
}
