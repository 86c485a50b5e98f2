import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Codes of cards sold offline are coupon codes (12 symbols of an unambiguous alphabet, 59 bits: coupons/domain/
 * coupon-codes.ts); each comes with a 6-digit PIN. The PIN is kept only as an HMAC keyed by its code, so a copy of
 * the table alone cannot be tried against PINs: the code it needs is kept only as a SHA-256 digest.
 */
const PIN_DIGITS = 6;

export const generatePin = (): string => String(randomInt(10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');

export const pinDigest = (normalizedCode: string, pin: string): string =>
  createHmac('sha256', normalizedCode).update(pin.trim()).digest('hex');

/** Whether `pin` is the PIN whose digest is stored (compared in constant time). */
export function pinMatches(normalizedCode: string, pin: string, storedDigest: string): boolean {
  const given = Buffer.from(pinDigest(normalizedCode, pin), 'hex');
  const stored = Buffer.from(storedDigest, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
