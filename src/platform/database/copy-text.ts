/** What one column of a COPY row can hold: strings as they are, numbers, dates (as ISO 8601), null. */
export type CopyValue = string | number | Date | null;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One value in PostgreSQL's COPY text format: `\N` for null, and the four characters COPY reads specially
 * (backslash, tab, newline, carriage return) escaped, so any string arrives as it was.
 */
export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** One row: the values tab-separated, ending with a newline. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyValue(values[0]);
  for (let i = 1; i < values.length; i++) line += '\t' + copyValue(values[i]);
  return line + '\n';
}
