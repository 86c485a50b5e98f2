import { chancesLeft, dayIn, isTimeZone } from './draw-day';

describe('draw days', () => {
  it('counts days in the campaign time zone', () => {
    const instant = new Date('2026-11-21T17:30:00Z'); // 01:30 on the 22nd in Shanghai
    expect(dayIn('Asia/Shanghai', instant)).toBe('2026-11-22');
    expect(dayIn('UTC', instant)).toBe('2026-11-21');
    expect(dayIn('America/New_York', instant)).toBe('2026-11-21');
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Nowhere/Special')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('adds shares up to the bonus cap', () => {
    const terms = { drawsPerUserPerDay: 1, shareBonusDrawsPerDay: 2 };
    expect(chancesLeft(terms, 0, 0)).toBe(1);
    expect(chancesLeft(terms, 0, 1)).toBe(2);
    expect(chancesLeft(terms, 0, 5)).toBe(3);
    expect(chancesLeft(terms, 4, 5)).toBe(0);
  });
});
