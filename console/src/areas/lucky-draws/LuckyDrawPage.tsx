import { Alert, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CampaignPageHeader } from '../../campaigns/CampaignPageHeader';
import { CampaignStats, type StatField } from '../../campaigns/CampaignStats';
import { TimelineChart } from '../../campaigns/TimelineChart';
import { useCampaign } from '../../campaigns/use-campaign';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { FairnessCard } from './FairnessCard';
import { Fulfilments } from './Fulfilments';
import type { LuckyDraw } from './lucky-draw';
import { luckyDrawKind } from './lucky-draw-kind';
import { PrizesTable } from './PrizesTable';

const STAT_FIELDS: StatField[] = ['draws', 'won', 'outOfStock'].map((key) => ({
  key,
  labelKey: `luckyDraws:stats.${key}`,
}));

/** `stats.won` counts per prize; the cards show the total beside the draws and the misses. */
const figures = (campaign: LuckyDraw) => ({
  draws: campaign.stats.draws,
  won: Object.values(campaign.stats.won).reduce((sum, count) => sum + count, 0),
  outOfStock: campaign.stats.outOfStock,
});

/** A lucky draw's page: live figures, prizes and odds, seed commitment and reveal, timeline, item prizes to ship. */
export function LuckyDrawPage() {
  const { t } = useTranslation('luckyDraws');
  const zone = useTimezone();
  const { id = '' } = useParams();
  const query = useCampaign<LuckyDraw>('lucky-draws', id);
  const campaign = query.data;

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!campaign) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <CampaignPageHeader path="lucky-draws" campaign={campaign} title={campaign.name} />
      <CampaignStats stats={figures(campaign)} fields={STAT_FIELDS} />
      <Card title={t('page.terms')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.startsAt')}>{formatDateTime(campaign.startsAt, zone)}</Descriptions.Item>
          <Descriptions.Item label={t('field.endsAt')}>{formatDateTime(campaign.endsAt, zone)}</Descriptions.Item>
          <Descriptions.Item label={t('field.drawsPerUserPerDay')}>{campaign.drawsPerUserPerDay}</Descriptions.Item>
          <Descriptions.Item label={t('field.shareBonusDrawsPerDay')}>
            {campaign.shareBonusDrawsPerDay}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.timezone')}>
            {t(`common:timezone.${campaign.timezone}`, campaign.timezone)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <PrizesTable campaign={campaign} />
      <FairnessCard campaign={campaign} />
      <TimelineChart path="lucky-draws" id={id} counters={luckyDrawKind.counters} />
      <Fulfilments campaignId={id} />
    </Flex>
  );
}
