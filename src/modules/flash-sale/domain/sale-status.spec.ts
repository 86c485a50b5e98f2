import { isOpen, saleStatus } from './sale-status';

describe('flash sale status', () => {
  const window = { startsAtMs: 1_000, endsAtMs: 2_000 };

  it('is upcoming before the start, ended from the end on, whatever the stock', () => {
    expect(saleStatus(window, 999, 10)).toBe('upcoming');
    expect(saleStatus(window, 999, 0)).toBe('upcoming');
    expect(saleStatus(window, 2_000, 10)).toBe('ended');
    expect(saleStatus(window, 2_000, 0)).toBe('ended');
  });

  it('is active inside the window with stock left, sold out without', () => {
    expect(saleStatus(window, 1_000, 1)).toBe('active');
    expect(saleStatus(window, 1_999, 5)).toBe('active');
    expect(saleStatus(window, 1_500, 0)).toBe('sold_out');
  });

  it('accepts attempts from the start (inclusive) to the end (exclusive)', () => {
    expect([999, 1_000, 1_999, 2_000].map((now) => isOpen(window, now))).toEqual([false, true, true, false]);
  });
});
