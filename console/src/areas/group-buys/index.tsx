import { TeamOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { CampaignListPage } from '../../campaigns/CampaignListPage';
import { groupBuyKind } from './group-buy-kind';
import { GroupBuyCreatePage, GroupBuyEditPage } from './GroupBuyFormPages';
import { GroupBuyPage } from './GroupBuyPage';

export const area: Area = {
  key: 'group-buys',
  navLabelKey: 'groupBuys:nav',
  icon: <TeamOutlined />,
  order: 50,
  roles: ['merchant'],
  routes: [
    { index: true, element: <CampaignListPage kind={groupBuyKind} /> },
    { path: 'new', element: <GroupBuyCreatePage /> },
    { path: ':id', element: <GroupBuyPage /> },
    { path: ':id/edit', element: <GroupBuyEditPage /> },
  ],
};
