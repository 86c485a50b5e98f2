import dayjs from 'dayjs';
import { dayRange, formatDateTime, toPickerValue, toUtcIso } from './time';

describe('time in the merchant timezone', () => {
  it('shows a UTC instant in Asia/Shanghai', () => {
    expect(formatDateTime('2026-01-31T10:05:00.000Z', 'Asia/Shanghai')).toBe('2026-01-31 18:05');
    expect(formatDateTime('2026-01-31T17:00:00.000Z', 'Asia/Shanghai', 'YYYY-MM-DD')).toBe('2026-02-01');
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('');
  });

  it('reads a picked wall-clock time as meant in the zone, whatever the browser zone', () => {
    const picked = dayjs('2026-03-01T09:30:00');
    expect(toUtcIso(picked, 'Asia/Shanghai')).toBe('2026-03-01T01:30:00.000Z');
    expect(toUtcIso(picked, 'UTC')).toBe('2026-03-01T09:30:00.000Z');
  });

  it('round-trips a picker value', () => {
    const iso = '2026-07-15T23:45:00.000Z';
    expect(toUtcIso(toPickerValue(iso, 'Asia/Shanghai'), 'Asia/Shanghai')).toBe(iso);
  });

  it('bounds today and the last 30 days by midnight in the zone', () => {
    const now = new Date('2026-05-10T20:00:00.000Z'); // 04:00 on 11 May in Shanghai
    expect(dayRange(now, 'Asia/Shanghai')).toEqual({
      from: '2026-05-10T16:00:00.000Z',
      to: '2026-05-11T16:00:00.000Z',
    });
    expect(dayRange(now, 'Asia/Shanghai', 29).from).toBe('2026-04-11T16:00:00.000Z');
  });
});
