import { Initial1795263822089 } from './1795263822089-Initial';

/** Every migration, in order. A new one is appended here; a landed one is never edited. */
export const ALL_MIGRATIONS: Function[] = [Initial1795263822089];
