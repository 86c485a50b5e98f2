/** Ids are UUIDs inside, opaque outside: anything else names nothing (404, never a database error). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isOpaqueId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
