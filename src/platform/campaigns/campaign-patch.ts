import { isDeepStrictEqual } from 'node:util';
import { campaignLocked } from './campaign.errors';

/**
 * What a started campaign still lets change (API.md, "Merchant operations"): its name, a later end, more stock.
 * Fields are compared in the creation body's terms (instants, numbers, arrays, nested objects), so a PATCH that
 * repeats a locked field's current value is not a change.
 */
export interface StartedPolicy {
  /** The end field (`endsAt`, `claimEndsAt`): may move later, never earlier. */
  end: string;
  /** Stock fields: may grow, never shrink (null stock = unlimited, the most there is). */
  stock?: readonly string[];
  /** Fields checked by the kind itself (a draw's prizes, stock by stock). */
  custom?: readonly string[];
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Equal as the contract means it: an instant written two ways is the same instant. */
function same(next: unknown, current: unknown): boolean {
  if (typeof next === 'string' && typeof current === 'string' && ISO_INSTANT.test(next) && ISO_INSTANT.test(current)) {
    return new Date(next).getTime() === new Date(current).getTime();
  }
  if (next && current && typeof next === 'object' && typeof current === 'object' && !Array.isArray(next)) {
    const keys = new Set([...Object.keys(next), ...Object.keys(current)]);
    return [...keys].every((key) =>
      same((next as Record<string, unknown>)[key] ?? null, (current as Record<string, unknown>)[key] ?? null),
    );
  }
  return isDeepStrictEqual(next, current);
}

const later = (next: unknown, current: unknown): boolean =>
  typeof next === 'string' && typeof current === 'string' && new Date(next) > new Date(current);

const more = (next: unknown, current: unknown): boolean =>
  next === null || (typeof next === 'number' && current !== null && next > (current as number));

/**
 * Throws CAMPAIGN_LOCKED naming every field of `patch` a started campaign may not take. `current` is the
 * campaign in the creation body's terms.
 */
export function assertStartedPatch(
  patch: Record<string, unknown>,
  current: Record<string, unknown>,
  policy: StartedPolicy,
): void {
  const locked: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || field === 'name' || policy.custom?.includes(field)) continue;
    if (same(value, current[field] ?? null)) continue;
    if (field === policy.end && later(value, current[field])) continue;
    if (policy.stock?.includes(field) && more(value, current[field])) continue;
    locked.push(field);
  }
  if (locked.length > 0) throw campaignLocked(locked);
}

/** The fields a PATCH names, or 400 when it names none. */
export function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
