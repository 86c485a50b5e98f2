import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { RUNTIME, Runtime } from '../../platform/runtime/runtime';

/**
 * Keeps each generated code readable by its merchant only: AES-256-GCM under a key derived from JWT_SECRET (its
 * own HKDF label), stored beside the digest that redemption looks codes up by. A database dump alone reveals no
 * code; a code sealed under another secret (JWT_SECRET changed) simply cannot be shown again, and still redeems.
 */
@Injectable()
export class CouponCodeSeal {
  private readonly key: Buffer;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.key = Buffer.from(hkdfSync('sha256', runtime.jwtSecret, 'engage', 'coupon-code-seal', 32));
  }

  seal(code: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /** The code, or null when it was stored before codes were sealed or under another secret. */
  open(sealed: string | null): string | null {
    if (sealed === null) return null;
    try {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null; // sealed under another JWT_SECRET: the authentication tag does not match
    }
  }
}
