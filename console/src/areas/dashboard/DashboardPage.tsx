import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useTimezone } from '../../time/timezone-store';
import { fetchDaily, fetchDashboard, REFRESH_MS } from './dashboard';
import { FigureCards } from './FigureCards';
import { KindCharts } from './KindCharts';

/** Today and the last 30 days (in the merchant's timezone), refreshed every few seconds without a reload. */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const zone = useTimezone();
  const today = useQuery({
    queryKey: ['dashboard', zone, 0],
    queryFn: ({ signal }) => fetchDashboard(zone, 0, signal),
    refetchInterval: REFRESH_MS,
  });
  const month = useQuery({
    queryKey: ['dashboard', zone, 29],
    queryFn: ({ signal }) => fetchDashboard(zone, 29, signal),
    refetchInterval: REFRESH_MS,
  });
  const daily = useQuery({
    queryKey: ['dashboard', zone, 'daily'],
    queryFn: ({ signal }) => fetchDaily(zone, 30, signal),
    refetchInterval: REFRESH_MS,
  });
  const error = today.error ?? month.error ?? daily.error;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageHeader title={t('title')} subtitle={t('refreshing', { seconds: REFRESH_MS / 1000 })} />
      {error && <Alert type="error" showIcon title={error.message} />}
      <section>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('range.today')}
        </Typography.Title>
        <FigureCards figures={today.data} testId="today" />
      </section>
      <section>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('range.last30Days')}
        </Typography.Title>
        <FigureCards figures={month.data} testId="last-30-days" />
      </section>
      <KindCharts today={today.data} month={month.data} daily={daily.data} />
    </Space>
  );
}
