import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals a stored response that carries a secret shown once (a new merchant's API key), so a replay can
 * show it again while the table never holds it readable. AES-256-GCM under a key derived from JWT_SECRET.
 * It seals the response's JSON text as sent, and opens to that same text.
 */
export class ResponseSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'engage', 'idempotency-response-seal', 32));
  }

  seal(text: string): { sealed: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return { sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64') };
  }

  open(stored: { sealed: string }): string {
    const raw = Buffer.from(stored.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
