import type { CampaignKind } from '../../campaigns/campaign-kind';
import { formatDateTime } from '../../time/time';
import type { LuckyDraw } from './lucky-draw';

export const luckyDrawKind: CampaignKind<LuckyDraw> = {
  path: 'lucky-draws',
  areaKey: 'lucky-draws',
  titleKey: 'luckyDraws:title',
  nameOf: (campaign) => campaign.name,
  columns: ({ t, zone }) => [
    { key: 'prizes', title: t('luckyDraws:list.prizes'), render: (_, campaign) => campaign.prizes.length },
    {
      key: 'window',
      title: t('luckyDraws:list.window'),
      render: (_, campaign) => `${formatDateTime(campaign.startsAt, zone)} ~ ${formatDateTime(campaign.endsAt, zone)}`,
    },
    { key: 'draws', title: t('luckyDraws:stats.draws'), render: (_, campaign) => campaign.stats.draws },
  ],
  counters: [
    { key: 'draws', labelKey: 'luckyDraws:timeline.draws' },
    { key: 'won', labelKey: 'luckyDraws:timeline.won' },
  ],
};
