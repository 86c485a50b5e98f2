import type { TestApp } from '../support/test-app';

/**
 * Reads every page of a list, calling `between` after each page (to insert rows while paging). Returns the items
 * in the order the pages gave them.
 */
export async function readAllPages<Item>(
  app: TestApp,
  path: string,
  token: string,
  options: { limit: number; between?: (page: number) => Promise<void> },
): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const query: string = `${separator}limit=${options.limit}` + (cursor ? `&cursor=${cursor}` : '');
    const response = await app.http.get(path + query, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
    expect(response.body.items.length).toBeLessThanOrEqual(options.limit);
    seen.push(...(response.body.items as Item[]));
    cursor = response.body.nextCursor;
    if (options.between) await options.between(page);
    page++;
  } while (cursor);
  return seen;
}
