import { MoneyCollectOutlined } from '@ant-design/icons';
import type { Area } from '../../area';
import { CampaignListPage } from '../../campaigns/CampaignListPage';
import { rebateRuleKind } from './rebate-rule-kind';
import { RebateRuleCreatePage, RebateRuleEditPage } from './RebateRuleFormPages';
import { RebateRulePage } from './RebateRulePage';

export const area: Area = {
  key: 'rebate-rules',
  navLabelKey: 'rebateRules:nav',
  icon: <MoneyCollectOutlined />,
  order: 70,
  roles: ['merchant'],
  routes: [
    { index: true, element: <CampaignListPage kind={rebateRuleKind} /> },
    { path: 'new', element: <RebateRuleCreatePage /> },
    { path: ':id', element: <RebateRulePage /> },
    { path: ':id/edit', element: <RebateRuleEditPage /> },
  ],
};
