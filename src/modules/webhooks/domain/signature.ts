import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new signing secret as merchants see it: `whsec_` and 32 random bytes in base64 (Standard Webhooks). */
export const newSigningSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

/**
 * The `webhook-signature` header value of Standard Webhooks: `v1,` and the base64 HMAC-SHA256, keyed by the
 * secret's decoded bytes, over `<id>.<timestamp>.<body>`; one per secret, space-separated.
 */
export function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
    })
    .join(' ');
}
