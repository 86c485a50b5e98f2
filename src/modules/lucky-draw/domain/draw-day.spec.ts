import { chancesLeft, dayIn, isTimeZone } from './draw-day';

describe('draw days', () => {
  it('counts days in the campaign time zone', () => {
    const instant = new Date('2026-11-21T17:30:00Z'); // 01:30 on the 22nd in Shanghai
    expect(dayIn('Asia/Shanghai', instant)).toBe('2026-11-22');
    expect(dayIn('UTC', instant)).toBe('2026-11-21');
    expect(dayIn('America/New_York', instant)).toBe('2026-11-21');
  });

  it('answers each instant of a minute alike, and the next minute anew, across a midnight in the zone', () => {
    expect(dayIn('Asia/Kolkata', new Date('2026-11-21T18:29:00Z'))).toBe('2026-11-21'); // 23:59 in Kolkata
    expect(dayIn('Asia/Kolkata', new Date('2026-11-21T18:29:59.999Z'))).toBe('2026-11-21');
    expect(dayIn('Asia/Kolkata', new Date('2026-11-21T18:30:00Z'))).toBe('2026-11-22'); // its midnight (+05:30)
    expect(dayIn('Asia/Kolkata', new Date('2026-11-21T18:29:30Z'))).toBe('2026-11-21'); // back in time too
    expect(dayIn('Asia/Kathmandu', new Date('2026-11-21T18:14:59Z'))).toBe('2026-11-21'); // +05:45
    expect(dayIn('Asia/Kathmandu', new Date('2026-11-21T18:15:00Z'))).toBe('2026-11-22');
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
