import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { campaignApiPath, type CampaignBase, type CampaignPath } from './campaign-kind';

/** How often a campaign page re-reads its campaign (and so its stats): live figures, at most every few seconds. */
export const CAMPAIGN_REFRESH_MS = 3000;

/** Query key of one campaign; its timeline's key extends it, so invalidating this refreshes both. */
export const campaignQueryKey = (path: CampaignPath, id: string) => ['campaign', path, id];

/** One campaign of a kind (GET /v1/merchant/<kind>/:id), re-read every CAMPAIGN_REFRESH_MS unless `live` is false. */
export function useCampaign<T extends CampaignBase>(path: CampaignPath, id: string, { live = true } = {}) {
  return useQuery({
    queryKey: campaignQueryKey(path, id),
    queryFn: ({ signal }) => api.get<T>(campaignApiPath(path, id), { signal }),
    refetchInterval: live ? CAMPAIGN_REFRESH_MS : false,
  });
}

/** After a change to a campaign: its page, its timeline and every list of its kind read again. */
export function useRefreshCampaign(path: CampaignPath) {
  const queryClient = useQueryClient();
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: campaignQueryKey(path, id) }),
      queryClient.invalidateQueries({ queryKey: ['list', campaignApiPath(path)] }),
    ]);
}
