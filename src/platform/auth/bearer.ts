import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthenticated } from '../errors/domain-error';

/** The token of an `Authorization: Bearer <token>` header's value; 401 when absent or malformed. */
export function bearerTokenOf(header: string | string[] | undefined): string {
  const token = bearerTokenOrNull(header);
  if (token === null) throw missingBearerToken();
  return token;
}

/** The token of the header's value; null when there is none or the header is not `Bearer <token>`. */
export function bearerTokenOrNull(header: string | string[] | undefined): string | null {
  const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,2048})$/.exec(header) : null;
  return match ? match[1] : null;
}

export const missingBearerToken = () => unauthenticated('Send Authorization: Bearer <token>');

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Compares two secrets in time that does not depend on where they differ (hashing first evens the lengths). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}
