import type { TFunction } from 'i18next';
import type { CampaignKind } from '../../campaigns/campaign-kind';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import type { RebateRule } from './rebate-rule';

/** What a rule gives: "¥5.00" or "10% (at most ¥20.00)". */
export function rebateText(t: TFunction, rule: RebateRule): string {
  if (rule.kind === 'fixed') return displayYuan(rule.valueFen ?? 0);
  return rule.maxRebateFen === null
    ? t('rebateRules:value.percent', { percent: rule.percent })
    : t('rebateRules:value.percentCapped', { percent: rule.percent, cap: displayYuan(rule.maxRebateFen) });
}

export const rebateRuleKind: CampaignKind<RebateRule> = {
  path: 'rebate-rules',
  areaKey: 'rebate-rules',
  titleKey: 'rebateRules:title',
  nameOf: (rule) => rule.name,
  columns: ({ t, zone }) => [
    { key: 'rebate', title: t('rebateRules:list.rebate'), render: (_, rule) => rebateText(t, rule) },
    {
      key: 'window',
      title: t('rebateRules:list.window'),
      render: (_, rule) => `${formatDateTime(rule.startsAt, zone)} ~ ${formatDateTime(rule.endsAt, zone)}`,
    },
    {
      key: 'paid',
      title: t('rebateRules:list.paid'),
      render: (_, rule) => t('rebateRules:list.paidValue', { paid: rule.stats.paid, earned: rule.stats.earned }),
    },
  ],
  counters: [
    { key: 'rebatesEarned', labelKey: 'rebateRules:timeline.rebatesEarned' },
    { key: 'rebatesPaid', labelKey: 'rebateRules:timeline.rebatesPaid' },
  ],
};
