import { Empty, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import type { OrderRefund } from './order-types';
import { RefundStatusTag } from './status-tags';

/** An order's refunds, oldest first, with where each stands (processing until the provider settles it). */
export function RefundsTable({ refunds }: { refunds: OrderRefund[] }) {
  const { t } = useTranslation('orders');
  const zone = useTimezone();
  const columns: TableColumnsType<OrderRefund> = [
    { title: t('refund.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, zone) },
    { title: t('refund.amount'), dataIndex: 'amountFen', align: 'right', render: displayYuan },
    { title: t('refund.reason'), dataIndex: 'reason' },
    {
      title: t('refund.status'),
      dataIndex: 'status',
      render: (status: OrderRefund['status']) => <RefundStatusTag status={status} />,
    },
    {
      title: t('refund.succeededAt'),
      dataIndex: 'succeededAt',
      render: (at: string | null) => formatDateTime(at, zone),
    },
    {
      title: t('refund.outRefundNo'),
      dataIndex: 'outRefundNo',
      render: (no: string) => <Typography.Text code>{no}</Typography.Text>,
    },
  ];
  return (
    <Table
      rowKey="id"
      columns={columns}
      dataSource={refunds}
      pagination={false}
      scroll={{ x: 'max-content' }}
      size="small"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('refund.none')} /> }}
      data-testid="refunds-table"
    />
  );
}
