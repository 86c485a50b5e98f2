import { displayYuan, formatFen, parseYuan } from './money';

describe('parseYuan', () => {
  it.each([
    ['19.99', 1999],
    ['0.1', 10],
    ['0.01', 1],
    ['5', 500],
    [' 12.5 ', 1250],
    ['0', 0],
    ['007.70', 770],
    ['1.15', 115],
    ['4.35', 435],
    ['90071992547409.91', 9007199254740991],
  ])('reads %j as %i fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each([
    '1.234',
    '-1',
    '-0.5',
    '',
    ' ',
    'abc',
    '1.',
    '.5',
    '1e3',
    '1,000',
    '¥5',
    '1.2.3',
    '0x10',
    '90071992547409.92',
  ])('refuses %j', (text) => expect(parseYuan(text)).toBeNull());
});

describe('formatFen', () => {
  it.each([
    [1999, '19.99'],
    [10, '0.10'],
    [1, '0.01'],
    [0, '0.00'],
    [500, '5.00'],
    [-5, '-0.05'],
    [-1999, '-19.99'],
  ])('shows %i fen as %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('refuses a fraction of a fen', () => expect(() => formatFen(1.5)).toThrow(RangeError));

  it('round-trips every amount it shows', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 1999, 123456789]) expect(parseYuan(formatFen(fen))).toBe(fen);
  });
});

describe('displayYuan', () => {
  it.each([
    [1999, '¥19.99'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-123456, '-¥1,234.56'],
  ])('shows %i fen as %s', (fen, text) => expect(displayYuan(fen)).toBe(text));
});
