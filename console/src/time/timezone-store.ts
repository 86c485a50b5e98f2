import { useSyncExternalStore } from 'react';
import { DEFAULT_TIMEZONE } from './time';

const STORAGE_KEY = 'engage.console.timezone';

/** Zones offered in the header; Asia/Shanghai unless the merchant picks another. */
export const TIMEZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'UTC'];

let current = TIMEZONES.find((zone) => zone === localStorage.getItem(STORAGE_KEY)) ?? DEFAULT_TIMEZONE;
const listeners = new Set<() => void>();

export function setTimezone(zone: string): void {
  current = zone;
  localStorage.setItem(STORAGE_KEY, zone);
  for (const listener of listeners) listener();
}

/** The timezone the console shows and reads times in. */
export function useTimezone(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
