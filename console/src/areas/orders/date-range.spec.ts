import dayjs from 'dayjs';
import '../../time/time';
import { dayRangeParams } from './date-range';

describe('dayRangeParams', () => {
  it('bounds the picked days by midnight in the merchant timezone, the last day included', () => {
    const range: [dayjs.Dayjs, dayjs.Dayjs] = [dayjs('2026-05-01T15:20:00'), dayjs('2026-05-03T08:00:00')];
    expect(dayRangeParams(range, 'Asia/Shanghai')).toEqual({
      from: '2026-04-30T16:00:00.000Z',
      to: '2026-05-03T16:00:00.000Z',
    });
    expect(dayRangeParams(range, 'UTC')).toEqual({ from: '2026-05-01T00:00:00.000Z', to: '2026-05-04T00:00:00.000Z' });
  });

  it('has no bounds when nothing is picked', () => {
    expect(dayRangeParams(null, 'Asia/Shanghai')).toEqual({});
  });
});
