import type { Dayjs } from 'dayjs';
import { toUtcIso } from '../../time/time';

/** The days a range picker shows, both included. */
export type DayRange = [Dayjs, Dayjs];

/**
 * `?from=&to=` for whole days picked in the merchant's timezone: from the start of the first day to the start of
 * the day after the last (the API's `to` is exclusive). Nothing picked: no bounds.
 */
export function dayRangeParams(range: DayRange | null | undefined, zone: string): { from?: string; to?: string } {
  if (!range) return {};
  const [first, last] = range;
  return {
    from: toUtcIso(first.startOf('day'), zone),
    to: toUtcIso(last.add(1, 'day').startOf('day'), zone),
  };
}
