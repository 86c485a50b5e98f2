import { Card, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ScrollRegion } from '../../components/ScrollRegion';
import { displayYuan } from '../../money/money';
import type { LuckyDraw, Prize } from './lucky-draw';

/** The prizes in published order with their odds, stock and how many each has been won, live with the page. */
export function PrizesTable({ campaign }: { campaign: LuckyDraw }) {
  const { t } = useTranslation('luckyDraws');
  const columns: TableColumnsType<Prize> = [
    { key: 'name', title: t('prize.name'), render: (_, prize) => prize.name },
    { key: 'kind', title: t('prize.kind'), render: (_, prize) => t(`prizeKind.${prize.kind}`) },
    {
      key: 'detail',
      title: t('prize.cash'),
      render: (_, prize) => (prize.cashFen !== undefined ? displayYuan(prize.cashFen) : ''),
    },
    { key: 'weight', title: t('prize.weight'), render: (_, prize) => prize.weight.toLocaleString() },
    {
      key: 'odds',
      title: t('prize.oddsColumn'),
      render: (_, prize) => `${(prize.odds.probability * 100).toFixed(2)}%`,
    },
    {
      key: 'stock',
      title: t('prize.stock'),
      render: (_, prize) => (prize.stock === null ? t('prize.unlimited') : prize.stock.toLocaleString()),
    },
    {
      key: 'won',
      title: t('prize.won'),
      render: (_, prize) => (campaign.stats.won[prize.id] ?? 0).toLocaleString(),
    },
  ];
  return (
    <Card title={t('page.prizes')}>
      <ScrollRegion label={t('page.prizes')}>
        <Table<Prize> rowKey="id" size="small" columns={columns} dataSource={campaign.prizes} pagination={false} />
      </ScrollRegion>
    </Card>
  );
}
