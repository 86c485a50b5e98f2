import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a shopper can misread from a printed card. 31 symbols. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 31^12 ≈ 7.9e17 (59 bits): with 10 failed guesses a minute allowed, guessing is hopeless. */
export const CODE_LENGTH = 12;

/** A fresh random code (crypto-strong, uniform over the alphabet). */
export function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What the shopper typed, as codes are stored: upper case, without spaces or dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a (normalized) string could be one of our codes at all. */
export function isWellFormedCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((symbol) => CODE_ALPHABET.includes(symbol));
}

/** Codes are stored only as this digest (hex SHA-256 of the normalized code), under a unique index. */
export function codeDigest(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}
