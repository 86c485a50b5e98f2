import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { RUNTIME, Runtime } from '../../platform/runtime/runtime';

/**
 * Signing secrets are kept sealed: AES-256-GCM under a key derived from JWT_SECRET (its own HKDF label), so a
 * database dump alone cannot sign webhooks. The service needs the secret itself to sign, hence a seal, not a hash.
 */
@Injectable()
export class WebhookSecretSeal {
  private readonly key: Buffer;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.key = Buffer.from(hkdfSync('sha256', runtime.jwtSecret, 'engage', 'webhook-secret-seal', 32));
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** The secret; throws when it was sealed under another JWT_SECRET (rotate the endpoint's secret then). */
  open(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
