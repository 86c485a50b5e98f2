import { GiftOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { CampaignListPage } from '../../campaigns/CampaignListPage';
import { luckyDrawKind } from './lucky-draw-kind';
import { LuckyDrawCreatePage, LuckyDrawEditPage } from './LuckyDrawFormPages';
import { LuckyDrawPage } from './LuckyDrawPage';

export const area: Area = {
  key: 'lucky-draws',
  navLabelKey: 'luckyDraws:nav',
  icon: <GiftOutlined />,
  order: 60,
  roles: ['merchant'],
  routes: [
    { index: true, element: <CampaignListPage kind={luckyDrawKind} /> },
    { path: 'new', element: <LuckyDrawCreatePage /> },
    { path: ':id', element: <LuckyDrawPage /> },
    { path: ':id/edit', element: <LuckyDrawEditPage /> },
  ],
};
