import type { TFunction } from 'i18next';

/** A number of seconds in the largest whole unit that says it exactly: 86400 -> "1 天", 90 -> "90 秒". */
export function durationText(t: TFunction, seconds: number): string {
  if (seconds > 0 && seconds % 86_400 === 0) return t('groupBuys:duration.days', { count: seconds / 86_400 });
  if (seconds > 0 && seconds % 3600 === 0) return t('groupBuys:duration.hours', { count: seconds / 3600 });
  if (seconds > 0 && seconds % 60 === 0) return t('groupBuys:duration.minutes', { count: seconds / 60 });
  return t('groupBuys:duration.seconds', { count: seconds });
}
