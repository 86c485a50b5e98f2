import { Card, Col, Row } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatFen } from '../../money/money';
import { CAMPAIGN_KINDS, ORDER_KINDS, type Dashboard } from './dashboard';

type Figures = Dashboard | undefined;

function bars(categories: string[], series: { name: string; data: number[] }[], yName?: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0, data: series.map((one) => one.name) } : undefined,
    grid: { top: 48, left: 64, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1, name: yName },
    series: series.map((one) => ({ ...one, type: 'bar' })),
  };
}

function chartOptions(t: TFunction, today: Figures, month: Figures) {
  const kinds = ORDER_KINDS.map((kind) => t(`orderKind.${kind}`));
  const ranges = [
    { name: t('range.today'), figures: today },
    { name: t('range.last30Days'), figures: month },
  ];
  return {
    ordersByKind: bars(
      kinds,
      ranges.map(({ name, figures }) => ({
        name,
        data: ORDER_KINDS.map((kind) => figures?.byKind.orders[kind].ordersPaid ?? 0),
      })),
    ),
    revenueByKind: bars(
      kinds,
      ranges.map(({ name, figures }) => ({
        name,
        // Yuan for the axis, converted exactly from fen (the chart only draws it).
        data: ORDER_KINDS.map((kind) => Number(formatFen(figures?.byKind.orders[kind].revenueFen ?? 0))),
      })),
      t('chart.yuan'),
    ),
    activeCampaigns: bars(
      CAMPAIGN_KINDS.map((kind) => t(`campaignKind.${kind}`)),
      [
        {
          name: t('chart.activeCampaigns'),
          data: CAMPAIGN_KINDS.map((kind) => month?.byKind.activeCampaigns[kind] ?? 0),
        },
      ],
    ),
  };
}

/** Per kind: paid orders and revenue by order kind (today and 30 days), campaigns active now by campaign kind. */
export function KindCharts({ today, month }: { today: Figures; month: Figures }) {
  const { t } = useTranslation('dashboard');
  const options = useMemo(() => chartOptions(t, today, month), [t, today, month]);
  return (
    <Row gutter={[16, 16]}>
      {Object.entries(options).map(([key, option]) => (
        <Col key={key} xs={24} lg={12} xxl={8}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`chart.${key}`)}</h2>}>
            <Chart option={option} label={t(`chart.${key}`)} height={260} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
