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
import { durationText } from './duration';
import type { GroupBuy } from './group-buy';
import { groupBuyKind } from './group-buy-kind';
import { GroupRooms } from './GroupRooms';

const STAT_KEYS = ['rooms', 'pending', 'open', 'completed', 'failed', 'cancelled', 'shares', 'joinsFromShares'];
const STAT_FIELDS: StatField[] = STAT_KEYS.map((key) => ({ key, labelKey: `groupBuys:stats.${key}` }));

/** A group-buy's page: live figures, terms, timeline, end early, and its rooms with their QR codes. */
export function GroupBuyPage() {
  const { t } = useTranslation('groupBuys');
  const zone = useTimezone();
  const { id = '' } = useParams();
  const query = useCampaign<GroupBuy>('group-buys', id);
  const campaign = query.data;

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!campaign) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <CampaignPageHeader path="group-buys" campaign={campaign} title={campaign.productName} />
      <CampaignStats stats={campaign.stats as unknown as Record<string, unknown>} fields={STAT_FIELDS} />
      <Card title={t('page.terms')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.product')}>{campaign.productName}</Descriptions.Item>
          <Descriptions.Item label={t('field.groupPrice')}>{displayYuan(campaign.groupPriceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('field.leaderPrice')}>
            {campaign.leaderPriceFen === null ? t('page.sameAsGroupPrice') : displayYuan(campaign.leaderPriceFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.groupSize')}>{campaign.groupSize}</Descriptions.Item>
          <Descriptions.Item label={t('field.completionWindow')}>
            {durationText(t, campaign.completionWindowSeconds)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.paymentWindow')}>
            {durationText(t, campaign.paymentWindowSeconds)}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.virtualCompletion')}>
            {campaign.virtualCompletion ? t('page.yes') : t('page.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.startsAt')}>{formatDateTime(campaign.startsAt, zone)}</Descriptions.Item>
          <Descriptions.Item label={t('field.endsAt')}>{formatDateTime(campaign.endsAt, zone)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <TimelineChart path="group-buys" id={id} counters={groupBuyKind.counters} />
      <GroupRooms campaignId={id} />
    </Flex>
  );
}
