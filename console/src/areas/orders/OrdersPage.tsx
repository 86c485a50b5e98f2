import { Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCursorList } from '../../components/cursor-list';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { dayRangeParams } from './date-range';
import { ExportCsvButton } from './ExportCsvButton';
import { OrderFilters, type OrderFilterValues } from './OrderFilters';
import { ORDERS_PATH, type MerchantOrder } from './order-types';
import { OrderStatusTag } from './status-tags';

/** New orders and payments show within this long, without a reload. */
const LIVE_MS = 3000;

/** The merchant's orders, newest first, filtered by status, kind and days of creation. */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const zone = useTimezone();
  const [filters, setFilters] = useState<OrderFilterValues>({});
  const list = useCursorList<MerchantOrder>(ORDERS_PATH, {
    params: { status: filters.status, kind: filters.kind, ...dayRangeParams(filters.created, zone) },
    refetchInterval: LIVE_MS,
  });

  const columns: TableColumnsType<MerchantOrder> = [
    {
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => formatDateTime(at, zone),
    },
    {
      title: t('field.id'),
      dataIndex: 'id',
      render: (id: string) => (
        <Link to={id} aria-label={t('list.open', { id })}>
          <Typography.Text code>{id.slice(0, 8)}</Typography.Text>
        </Link>
      ),
    },
    { title: t('field.kind'), dataIndex: 'kind', render: (kind: MerchantOrder['kind']) => t(`kind.${kind}`) },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (status: MerchantOrder['status']) => <OrderStatusTag status={status} />,
    },
    { title: t('field.totalFen'), dataIndex: 'totalFen', align: 'right', render: displayYuan },
    { title: t('field.discountFen'), dataIndex: 'discountFen', align: 'right', render: displayYuan },
    { title: t('field.refundedFen'), dataIndex: 'refundedFen', align: 'right', render: displayYuan },
    {
      title: t('field.shopperId'),
      dataIndex: 'shopperId',
      render: (id: string) => <Typography.Text type="secondary">{id.slice(0, 8)}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('title')} extra={<ExportCsvButton initialRange={filters.created} />} />
      <OrderFilters onChange={setFilters} />
      <CursorTable list={list} columns={columns} emptyText={t('common:list.empty')} testId="orders-table" />
    </>
  );
}
