import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { validationFailed } from '../errors/domain-error';
import { QueryInt } from '../validation/decorators';
import { isOpaqueId } from './ids';

export class PageQuery {
  @QueryInt(1, 100, 'Page size (default 20)')
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Position in a list ordered by (createdAt desc, id desc): the last row of the previous page. */
export interface Cursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** An instant as encodeCursor writes it (toISOString of a date within years 0-9999, which PostgreSQL can compare). */
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The position a cursor names; a cursor this service did not issue is 400 (its parts reach SQL as uuid and timestamptz). */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined) return null;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && CURSOR_INSTANT.test(createdAt) && isOpaqueId(id)) {
      const date = new Date(createdAt);
      if (!Number.isNaN(date.getTime())) return { createdAt: date, id };
    }
  } catch {
    // fall through: any undecodable cursor is the caller's mistake
  }
  throw validationFailed([{ field: 'cursor', problems: ['cursor is not one this service issued'] }]);
}

export const pageLimit = (query: PageQuery): number => query.limit ?? 20;

/** Given up to limit+1 rows fetched in list order, the page and the cursor for the next one. */
export function toPage<Row extends Cursor, Item>(rows: Row[], limit: number, map: (row: Row) => Item): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** A `?q=` search term as an ILIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally. */
export const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (symbol) => `\\${symbol}`)}%`;
