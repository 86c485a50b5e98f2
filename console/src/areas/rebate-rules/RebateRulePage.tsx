import { Alert, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CampaignPageHeader } from '../../campaigns/CampaignPageHeader';
import { CampaignStats, type StatField } from '../../campaigns/CampaignStats';
import { TimelineChart } from '../../campaigns/TimelineChart';
import { useCampaign } from '../../campaigns/use-campaign';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { ProductNames } from './ProductNames';
import type { RebateRule } from './rebate-rule';
import { rebateRuleKind, rebateText } from './rebate-rule-kind';

const STAT_FIELDS: StatField[] = [
  { key: 'earned', labelKey: 'rebateRules:stats.earned' },
  { key: 'pending', labelKey: 'rebateRules:stats.pending' },
  { key: 'paid', labelKey: 'rebateRules:stats.paid' },
  { key: 'cancelled', labelKey: 'rebateRules:stats.cancelled' },
  { key: 'clawedBack', labelKey: 'rebateRules:stats.clawedBack' },
  { key: 'paidFen', labelKey: 'rebateRules:stats.paidFen', money: true },
  { key: 'clawedBackFen', labelKey: 'rebateRules:stats.clawedBackFen', money: true },
];

/** A rebate rule's page: live figures, terms, timeline, end early. */
export function RebateRulePage() {
  const { t } = useTranslation('rebateRules');
  const zone = useTimezone();
  const { id = '' } = useParams();
  const query = useCampaign<RebateRule>('rebate-rules', id);
  const rule = query.data;

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!rule) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <CampaignPageHeader path="rebate-rules" campaign={rule} title={rule.name} />
      <CampaignStats stats={rule.stats} fields={STAT_FIELDS} />
      <Card title={t('page.terms')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.scope')} span={2}>
            {rule.productIds === null ? t('scope.all') : <ProductNames ids={rule.productIds} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.minOrder')}>{displayYuan(rule.minOrderFen)}</Descriptions.Item>
          <Descriptions.Item label={t('list.rebate')}>{rebateText(t, rule)}</Descriptions.Item>
          <Descriptions.Item label={t('field.delay')}>
            {t('page.delayValue', { seconds: rule.delaySeconds, days: +(rule.delaySeconds / 86_400).toFixed(2) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.startsAt')}>{formatDateTime(rule.startsAt, zone)}</Descriptions.Item>
          <Descriptions.Item label={t('field.endsAt')}>{formatDateTime(rule.endsAt, zone)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <TimelineChart path="rebate-rules" id={id} counters={rebateRuleKind.counters} />
    </Flex>
  );
}
