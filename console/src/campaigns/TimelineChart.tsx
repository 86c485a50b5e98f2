import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Radio, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { Chart, type ChartOption } from '../components/Chart';
import { displayYuan } from '../money/money';
import { formatDateTime } from '../time/time';
import { useTimezone } from '../time/timezone-store';
import { campaignApiPath, type CampaignPath, type TimelineCounter } from './campaign-kind';
import { campaignQueryKey } from './use-campaign';

export type Bucket = 'hour' | 'day';

/** One bucket of GET /v1/merchant/<kind>/:id/timeline: its start (UTC), the kind's counters, and money in fen. */
export interface TimelineBucket {
  at: string;
  revenueFen: number;
  discountFen: number;
  [counter: string]: number | string;
}

/** The timeline refreshes this often, as the campaign page's figures do. */
const TIMELINE_REFRESH_MS = 5000;

const LABEL_PATTERN: Record<Bucket, string> = { hour: 'MM-DD HH:mm', day: 'YYYY-MM-DD' };

interface TimelineChartProps {
  path: CampaignPath;
  id: string;
  counters: TimelineCounter[];
}

/**
 * A campaign's timeline by hour or by day: the kind's counters as bars (left axis), revenue and discount in yuan
 * as lines (right axis), labelled in the merchant's timezone; re-read every 5 s.
 */
export function TimelineChart({ path, id, counters }: TimelineChartProps) {
  const { t } = useTranslation();
  const zone = useTimezone();
  const [bucket, setBucket] = useState<Bucket>('hour');
  const timeline = useQuery({
    queryKey: [...campaignQueryKey(path, id), 'timeline', bucket],
    queryFn: ({ signal }) =>
      api.get<{ buckets: TimelineBucket[] }>(`${campaignApiPath(path, id)}/timeline?bucket=${bucket}`, { signal }),
    refetchInterval: TIMELINE_REFRESH_MS,
  });
  const buckets = timeline.data?.buckets;

  const option = useMemo<ChartOption | null>(() => {
    if (!buckets) return null;
    const money = (key: 'revenueFen' | 'discountFen', label: string) => ({
      name: label,
      type: 'line',
      yAxisIndex: 1,
      data: buckets.map((entry) => entry[key]),
      tooltip: { valueFormatter: (value: number) => displayYuan(Math.round(value)) },
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 72, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: buckets.map((entry) => formatDateTime(entry.at, zone, LABEL_PATTERN[bucket])) },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('campaigns:timeline.count') },
        {
          type: 'value',
          minInterval: 1,
          name: t('campaigns:timeline.yuan'),
          axisLabel: { formatter: (value: number) => displayYuan(Math.round(value)) },
        },
      ],
      series: [
        ...counters.map((counter) => ({
          name: t(counter.labelKey),
          type: 'bar',
          barMaxWidth: 40,
          data: buckets.map((entry) => entry[counter.key] ?? 0),
        })),
        money('revenueFen', t('campaigns:timeline.revenue')),
        money('discountFen', t('campaigns:timeline.discount')),
      ],
    };
  }, [buckets, bucket, counters, t, zone]);

  return (
    <Card
      title={t('campaigns:timeline.title')}
      extra={
        <Radio.Group
          aria-label={t('campaigns:timeline.bucket')}
          optionType="button"
          size="small"
          value={bucket}
          onChange={(event) => setBucket(event.target.value as Bucket)}
          options={[
            { value: 'hour', label: t('campaigns:timeline.byHour') },
            { value: 'day', label: t('campaigns:timeline.byDay') },
          ]}
        />
      }
    >
      {timeline.error && <Alert type="error" showIcon title={timeline.error.message} />}
      {buckets && buckets.length === 0 && <Empty description={t('campaigns:timeline.empty')} />}
      {option && buckets && buckets.length > 0 && (
        <Flex vertical gap={8}>
          <Chart option={option} label={t('campaigns:timeline.chartLabel')} />
          {bucket === 'day' && <Typography.Text type="secondary">{t('campaigns:timeline.utcDays')}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}
