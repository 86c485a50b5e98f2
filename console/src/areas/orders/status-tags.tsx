import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, RefundStatus } from './order-types';

const ORDER_COLORS: Record<OrderStatus, string> = {
  pending_payment: 'gold',
  paid: 'green',
  partially_refunded: 'orange',
  refunded: 'purple',
  cancelled: 'default',
};

const REFUND_COLORS: Record<RefundStatus, string> = { processing: 'blue', succeeded: 'green', failed: 'red' };

/** An order's status as a coloured, translated tag. */
export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('orders');
  return <Tag color={ORDER_COLORS[status]}>{t(`status.${status}`)}</Tag>;
}

/** A refund's status (processing, succeeded, failed) as a coloured, translated tag. */
export function RefundStatusTag({ status }: { status: RefundStatus }) {
  const { t } = useTranslation('orders');
  return (
    <Tag color={REFUND_COLORS[status]} data-testid="refund-status">
      {t(`refundStatus.${status}`)}
    </Tag>
  );
}
