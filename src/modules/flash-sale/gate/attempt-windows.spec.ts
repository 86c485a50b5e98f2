import { AttemptWindows } from './attempt-windows';

describe('attempt windows (the Postgres adapter rate limit)', () => {
  it('allows the limit in a window, then answers how long to wait, then a new window', () => {
    const windows = new AttemptWindows(3, 1000);
    expect([0, 10, 20].map((t) => windows.hit('s', t))).toEqual([0, 0, 0]);
    expect(windows.hit('s', 400)).toBe(600);
    expect(windows.hit('other', 400)).toBe(0);
    expect(windows.hit('s', 1000)).toBe(0);
  });

  it('stays bounded in memory', () => {
    const windows = new AttemptWindows(1, 1000, 100);
    for (let i = 0; i < 1000; i++) windows.hit(`s${i}`, i * 10);
    expect(windows.hit('s999', 9990)).toBeGreaterThan(0);
  });
});
