import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CampaignStats } from '../../campaigns/CampaignStats';
import { CampaignStatusTag } from '../../campaigns/CampaignStatusTag';
import { EndCampaignButton } from '../../campaigns/EndCampaignButton';
import { TimelineChart } from '../../campaigns/TimelineChart';
import { useCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { flashSaleKind, type FlashSale } from './flash-sale';

const STATS = [
  { key: 'totalStock', labelKey: 'flashSales:stats.totalStock' },
  { key: 'reserved', labelKey: 'flashSales:stats.reserved' },
  { key: 'paid', labelKey: 'flashSales:stats.paid' },
  { key: 'remaining', labelKey: 'flashSales:stats.remaining' },
];

/** One flash sale: its terms, live stock figures, its timeline, edit and end early. */
export function FlashSalePage() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation('flashSales');
  const zone = useTimezone();
  const navigate = useNavigate();
  const { data: sale, error } = useCampaign<FlashSale>('flash-sales', id);

  if (!sale) return error ? <Alert type="error" showIcon title={error.message} /> : <Spin />;
  return (
    <>
      <PageHeader
        title={t('pageTitle', { product: sale.productName })}
        subtitle={<CampaignStatusTag campaign={sale} showEndedAt />}
        extra={
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(`/flash-sales/${encodeURIComponent(id)}/edit`)}
            >
              {t('common:action.edit')}
            </Button>
            <EndCampaignButton path="flash-sales" campaign={sale} />
          </>
        }
      />
      <Flex vertical gap={16}>
        <CampaignStats stats={sale.stats} fields={STATS} />
        <TimelineChart path="flash-sales" id={id} counters={flashSaleKind.counters} />
        <Card title={t('terms')}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('field.product')}>{sale.productName}</Descriptions.Item>
            <Descriptions.Item label={t('field.price')}>{displayYuan(sale.priceFen)}</Descriptions.Item>
            <Descriptions.Item label={t('field.totalStock')}>{sale.totalStock}</Descriptions.Item>
            <Descriptions.Item label={t('field.perUserLimit')}>{sale.perUserLimit}</Descriptions.Item>
            <Descriptions.Item label={t('field.startsAt')}>{formatDateTime(sale.startsAt, zone)}</Descriptions.Item>
            <Descriptions.Item label={t('field.endsAt')}>{formatDateTime(sale.endsAt, zone)}</Descriptions.Item>
            <Descriptions.Item label={t('field.paymentWindowSeconds')}>
              {t('seconds', { count: sale.paymentWindowSeconds })}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.saleStatus')}>{t(`saleStatus.${sale.saleStatus}`)}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Flex>
    </>
  );
}
