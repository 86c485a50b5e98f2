/**
 * Typed reads of a WeChat Pay JSON object (a decrypted notification resource, an API answer, a request body the
 * sandbox receives): the first missing or mistyped field refuses the whole object with the caller's error.
 */
export class ResourceReader {
  constructor(
    private readonly fields: Record<string, unknown>,
    private readonly malformed: (field: string) => Error,
  ) {}

  /** A reader of `value`, or the caller's error when it is not a JSON object. */
  static of(value: unknown, malformed: (field: string) => Error): ResourceReader {
    if (!isRecord(value)) throw malformed('(body)');
    return new ResourceReader(value, malformed);
  }

  text(field: string): string {
    const value = this.fields[field];
    if (typeof value !== 'string' || value.length === 0) throw this.malformed(field);
    return value;
  }

  optionalText(field: string): string | null {
    const value = this.fields[field];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') throw this.malformed(field);
    return value;
  }

  nested(object: string, field: string): string {
    const inner = this.fields[object];
    const value = isRecord(inner) ? inner[field] : undefined;
    if (typeof value !== 'string' || value.length === 0) throw this.malformed(`${object}.${field}`);
    return value;
  }

  /** Integer fen, read from a top-level field or one level down (`amount.total`). */
  fen(field: string, inner?: string): number {
    const outer = this.fields[field];
    const value = inner === undefined ? outer : isRecord(outer) ? outer[inner] : undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw this.malformed(inner === undefined ? field : `${field}.${inner}`);
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.fields[field];
    if (!allowed.includes(value as T)) throw this.malformed(field);
    return value as T;
  }

  /** An RFC 3339 instant, or null when absent (a refund not yet succeeded has no success_time). */
  time(field: string): Date | null {
    const value = this.fields[field];
    if (value === undefined || value === null || value === '') return null;
    const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) throw this.malformed(field);
    return parsed;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
