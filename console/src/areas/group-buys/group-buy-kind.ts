import type { CampaignKind } from '../../campaigns/campaign-kind';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import type { GroupBuy } from './group-buy';

/** How the shared campaign pieces show group-buys: named by their product. */
export const groupBuyKind: CampaignKind<GroupBuy> = {
  path: 'group-buys',
  areaKey: 'group-buys',
  titleKey: 'groupBuys:title',
  nameOf: (campaign) => campaign.productName,
  columns: ({ t, zone }) => [
    {
      key: 'groupPrice',
      title: t('groupBuys:field.groupPrice'),
      render: (_, campaign) => displayYuan(campaign.groupPriceFen),
    },
    { key: 'groupSize', title: t('groupBuys:field.groupSize'), render: (_, campaign) => campaign.groupSize },
    {
      key: 'window',
      title: t('groupBuys:list.window'),
      render: (_, campaign) => `${formatDateTime(campaign.startsAt, zone)} ~ ${formatDateTime(campaign.endsAt, zone)}`,
    },
    {
      key: 'rooms',
      title: t('groupBuys:list.rooms'),
      render: (_, campaign) =>
        t('groupBuys:list.roomsValue', { completed: campaign.stats.completed, rooms: campaign.stats.rooms }),
    },
  ],
  counters: [
    { key: 'roomsOpened', labelKey: 'groupBuys:timeline.roomsOpened' },
    { key: 'roomsCompleted', labelKey: 'groupBuys:timeline.roomsCompleted' },
    { key: 'roomsFailed', labelKey: 'groupBuys:timeline.roomsFailed' },
  ],
};
