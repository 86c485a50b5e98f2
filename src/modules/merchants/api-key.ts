import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Merchant API keys: `ek_` + 43 characters of base64url over 32 random bytes. The first 12 random characters
 * find the merchant row; the key itself is kept only as its SHA-256 (enough for 256 random bits) and compared
 * in constant time.
 */
const PREFIX = 'ek_';
const LOOKUP_LENGTH = 12;
const KEY_PATTERN = /^ek_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  apiKey: string;
  lookup: string;
  hash: Buffer;
}

export const hashApiKey = (apiKey: string): Buffer => createHash('sha256').update(apiKey, 'utf8').digest();

export function generateApiKey(): NewApiKey {
  const apiKey = PREFIX + randomBytes(32).toString('base64url');
  return { apiKey, lookup: apiKeyLookup(apiKey)!, hash: hashApiKey(apiKey) };
}

/** The lookup part of a well-formed key, null for anything else. */
export function apiKeyLookup(apiKey: string): string | null {
  return KEY_PATTERN.test(apiKey) ? apiKey.slice(PREFIX.length, PREFIX.length + LOOKUP_LENGTH) : null;
}

export function apiKeyMatches(apiKey: string, storedHash: Buffer): boolean {
  const given = hashApiKey(apiKey);
  return given.length === storedHash.length && timingSafeEqual(given, storedHash);
}
