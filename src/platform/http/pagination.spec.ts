import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, likePattern, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = { createdAt: new Date('2026-11-21T10:00:00.123Z'), id: 'b7c1e0de-1d0b-4a4e-9a8e-0d4f3c2b1a00' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'x',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('["not a date","id"]').toString('base64url'),
    Buffer.from('["2026-11-21T10:00:00.123Z","not-a-uuid"]').toString('base64url'),
    Buffer.from('["2026-11-21T10:00:00.123Z","b7c1e0de-1d0b-4a4e-9a8e-0d4f3c2b1a00\\u0000"]').toString('base64url'),
    Buffer.from('["-200000-01-01T00:00:00.000Z","b7c1e0de-1d0b-4a4e-9a8e-0d4f3c2b1a00"]').toString('base64url'),
    Buffer.from('["2026-13-45T10:00:00.000Z","b7c1e0de-1d0b-4a4e-9a8e-0d4f3c2b1a00"]').toString('base64url'),
    Buffer.from('[1700000000000,"b7c1e0de-1d0b-4a4e-9a8e-0d4f3c2b1a00"]').toString('base64url'),
  ])('refuses a cursor it did not issue (%p)', (raw) => {
    expect(() => decodeCursor(raw)).toThrow(DomainError);
  });

  it('cuts a page at the limit and points the cursor at its last row', () => {
    const rows = [3, 2, 1].map((n) => ({
      createdAt: new Date(n * 1000),
      id: `00000000-0000-4000-8000-00000000000${n}`,
    }));
    const page = toPage(rows, 2, (row) => row.id);
    expect(page.items).toEqual([rows[0].id, rows[1].id]);
    expect(decodeCursor(page.nextCursor!)).toEqual(rows[1]);
    expect(toPage(rows, 3, (row) => row.id).nextCursor).toBeNull();
  });
});

describe('likePattern', () => {
  it('matches the term anywhere, taking %, _ and \\ literally', () => {
    expect(likePattern('tea')).toBe('%tea%');
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
