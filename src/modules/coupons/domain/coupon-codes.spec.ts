import { CODE_ALPHABET, CODE_LENGTH, codeDigest, generateCode, isWellFormedCode, normalizeCode } from './coupon-codes';

describe('coupon codes', () => {
  it('use no symbol a shopper could misread', () => {
    for (const ambiguous of '01OIL') expect(CODE_ALPHABET).not.toContain(ambiguous);
  });

  it('are at least 10 symbols of that alphabet, and do not repeat', () => {
    const codes = Array.from({ length: 5000 }, generateCode);
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(10);
    expect(codes.every(isWellFormedCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read the same typed in lower case, with spaces or dashes', () => {
    const code = generateCode();
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;
    expect(normalizeCode(typed)).toBe(code);
    expect(codeDigest(typed)).toBe(codeDigest(code));
    expect(codeDigest(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('anything else is not a code', () => {
    expect(isWellFormedCode('ABCDEFGHJK0M')).toBe(false);
    expect(isWellFormedCode('ABCDEFGHJK')).toBe(false);
  });
});
