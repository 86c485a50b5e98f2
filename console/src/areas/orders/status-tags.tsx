import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderStatus, RefundStatus } from './order-types';

// Colours dark enough for WCAG AA text on the tag's tint (antd's preset tag colours give 2.8-3.4:1).
const ORDER_COLORS: Record<OrderStatus, string> = {
  pending_payment: '#874d00',
  paid: '#237804',
  partially_refunded: '#ad4e00',
  refunded: '#531dab',
  cancelled: '#595959',
};

const REFUND_COLORS: Record<RefundStatus, string> = {
  processing: '#0958d9',
  succeeded: '#237804',
  failed: '#cf1322',
};

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
