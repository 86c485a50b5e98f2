/**
 * A PATCH body: the fields of `next` whose values differ from `current` (compared as JSON, so arrays and nested
 * objects by value). Sending only what changed keeps an edit from touching a field it never meant to, such as a
 * started campaign's locked terms or an end that has already passed.
 */
export function patchBody<T extends object>(next: T, current: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(next).filter(
      ([field, value]) => JSON.stringify(value ?? null) !== JSON.stringify(current[field as keyof T] ?? null),
    ),
  ) as Partial<T>;
}
