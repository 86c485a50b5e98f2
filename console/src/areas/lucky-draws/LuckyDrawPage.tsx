import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CampaignStats, type StatField } from '../../campaigns/CampaignStats';
import { CampaignStatusTag } from '../../campaigns/CampaignStatusTag';
import { EndCampaignButton } from '../../campaigns/EndCampaignButton';
import { TimelineChart } from '../../campaigns/TimelineChart';
import { useCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
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
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useCampaign<LuckyDraw>('lucky-draws', id);
  const campaign = query.data;

  if (query.error) return <Alert type="error" showIcon title={query.error.message} />;
  if (!campaign) return <Skeleton active />;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={campaign.name}
        subtitle={<CampaignStatusTag campaign={campaign} showEndedAt />}
        extra={
          campaign.status !== 'ended' && (
            <>
              <Button
                icon={<EditOutlined />}
                onClick={() => void navigate(`/lucky-draws/${encodeURIComponent(id)}/edit`)}
              >
                {t('common:action.edit')}
              </Button>
              <EndCampaignButton path="lucky-draws" campaign={campaign} />
            </>
          )
        }
      />
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
