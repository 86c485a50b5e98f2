import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** An instant from the API (UTC ISO) as the merchant reads it in their timezone: "2026-01-31 18:05". */
export function formatDateTime(iso: string | null | undefined, zone: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  return iso ? dayjs.utc(iso).tz(zone).format(pattern) : '';
}

export const formatDate = (iso: string | null | undefined, zone: string): string =>
  formatDateTime(iso, zone, 'YYYY-MM-DD');

/**
 * A date picker's value as the UTC ISO instant the API wants. The picker works in the browser's own timezone;
 * its wall-clock reading is what the merchant meant in theirs (18:00 picked means 18:00 in Asia/Shanghai).
 */
export function toUtcIso(picked: Dayjs, zone: string): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss.SSS'), zone).utc().toISOString();
}

/** The inverse of toUtcIso: the picker value that shows an API instant as the merchant's wall clock. */
export function toPickerValue(iso: string, zone: string): Dayjs {
  return dayjs(dayjs.utc(iso).tz(zone).format('YYYY-MM-DDTHH:mm:ss.SSS'));
}

/** [start of the day `daysBack` days before today, start of tomorrow) in the zone, as UTC ISO instants (`?from=&to=`). */
export function dayRange(now: Date, zone: string, daysBack = 0): { from: string; to: string } {
  const today = dayjs(now).tz(zone).startOf('day');
  return {
    from: today.subtract(daysBack, 'day').utc().toISOString(),
    to: today.add(1, 'day').utc().toISOString(),
  };
}
