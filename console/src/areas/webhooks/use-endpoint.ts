import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/api-error';
import { api, queryString } from '../../api/client';
import type { Page } from '../../components/cursor-list';
import { ENDPOINTS_PATH, type WebhookEndpoint } from './webhook-types';

/**
 * One endpoint of the merchant's. The API has no route for a single endpoint, so this pages through the list
 * (a merchant has a handful). Keyed under the list so invalidating ['list', ENDPOINTS_PATH] refreshes it too.
 */
export function useEndpoint(id: string) {
  return useQuery({
    queryKey: ['list', ENDPOINTS_PATH, 'one', id],
    queryFn: async ({ signal }) => {
      let cursor: string | null = null;
      do {
        const page: Page<WebhookEndpoint> = await api.get<Page<WebhookEndpoint>>(
          `${ENDPOINTS_PATH}${queryString({ limit: 100, cursor })}`,
          { signal },
        );
        const found = page.items.find((endpoint) => endpoint.id === id);
        if (found) return found;
        cursor = page.nextCursor;
      } while (cursor);
      throw new ApiError(404, 'NOT_FOUND', 'Webhook endpoint not found');
    },
  });
}
