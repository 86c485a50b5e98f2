import { createHash } from 'node:crypto';

/** A stable uuid-shaped id from a business key, so one event yields one row whoever writes it first. */
export function idFromKey(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
