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

/** One row: the record's values in the order of `columns`, tab-separated, ending with a newline. */
export function copyLine(columns: readonly string[], record: Readonly<Record<string, CopyValue>>): string {
  let line = copyValue(record[columns[0]]);
  for (let i = 1; i < columns.length; i++) line += '\t' + copyValue(record[columns[i]]);
  return line + '\n';
}
