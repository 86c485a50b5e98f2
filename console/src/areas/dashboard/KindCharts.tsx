import { Card, Col, Row } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../components/Chart';
import { formatFen } from '../../money/money';
import { CAMPAIGN_KINDS, ORDER_KINDS, type DailyDashboard, type Dashboard } from './dashboard';

interface Figures {
  today: Dashboard | undefined;
  month: Dashboard | undefined;
  daily: DailyDashboard | undefined;
}

type Series = { name: string; data: number[] };

function chart(type: 'bar' | 'line', categories: string[], series: Series[], yName?: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0, data: series.map((one) => one.name) } : undefined,
    grid: { top: 48, left: 64, right: 16, bottom: 32 },
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1, name: yName },
    series: series.map((one) => ({ ...one, type })),
  };
}

// Yuan for an axis, converted exactly from fen (the chart only draws it).
const yuan = (fen: number) => Number(formatFen(fen));

function chartOptions(t: TFunction, { today, month, daily }: Figures): Record<string, ChartOption> {
  const kinds = ORDER_KINDS.map((kind) => ({ kind, name: t(`orderKind.${kind}`) }));
  const dates = daily?.days.map((day) => day.date.slice(5)) ?? [];
  return {
    ordersByKind: chart(
      'bar',
      kinds.map(({ name }) => name),
      [
        { name: t('range.today'), figures: today },
        { name: t('range.last30Days'), figures: month },
      ].map(({ name, figures }) => ({
        name,
        data: ORDER_KINDS.map((kind) => figures?.byKind.orders[kind].ordersPaid ?? 0),
      })),
    ),
    activeCampaigns: chart(
      'bar',
      CAMPAIGN_KINDS.map((kind) => t(`campaignKind.${kind}`)),
      [
        {
          name: t('chart.activeCampaigns'),
          data: CAMPAIGN_KINDS.map((kind) => month?.byKind.activeCampaigns[kind] ?? 0),
        },
      ],
    ),
    dailyOrders: chart(
      'line',
      dates,
      kinds.map(({ kind, name }) => ({ name, data: daily?.days.map((day) => day.byKind[kind].ordersPaid) ?? [] })),
    ),
    dailyRevenue: chart(
      'line',
      dates,
      kinds.map(({ kind, name }) => ({
        name,
        data: daily?.days.map((day) => yuan(day.byKind[kind].revenueFen)) ?? [],
      })),
      t('chart.yuan'),
    ),
  };
}

/** By kind: paid orders (today, 30 days), campaigns active now, and each order kind day by day over 30 days. */
export function KindCharts(figures: Figures) {
  const { t } = useTranslation('dashboard');
  const { today, month, daily } = figures;
  const options = useMemo(() => chartOptions(t, { today, month, daily }), [t, today, month, daily]);
  return (
    <Row gutter={[16, 16]}>
      {Object.entries(options).map(([key, option]) => (
        <Col key={key} xs={24} lg={12}>
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`chart.${key}`)}</h2>}>
            <Chart option={option} label={t(`chart.${key}`)} height={260} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
