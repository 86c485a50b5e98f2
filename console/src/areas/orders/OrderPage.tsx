import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Descriptions, Flex, Skeleton, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { OrderItemsTable } from './OrderItemsTable';
import { ORDERS_PATH, type MerchantOrderDetail } from './order-types';
import { isSettling, refundableFen } from './refundable';
import { RefundForm } from './RefundForm';
import { RefundsTable } from './RefundsTable';
import { OrderStatusTag } from './status-tags';

/** While a refund is processing (or the order awaits payment) the page asks again this often. */
const SETTLING_MS = 2000;

/** One order: amounts, lines, who bought it and when, its refunds, and the refund form. */
export function OrderPage() {
  const { t } = useTranslation('orders');
  const zone = useTimezone();
  const { id = '' } = useParams();
  const order = useQuery({
    queryKey: ['order', id],
    queryFn: ({ signal }) => api.get<MerchantOrderDetail>(`${ORDERS_PATH}/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data && isSettling(query.state.data) ? SETTLING_MS : false),
  });

  const back = <Breadcrumb items={[{ title: <Link to="..">{t('title')}</Link> }, { title: t('detail.title') }]} />;
  if (order.isPending) return <Skeleton active />;
  if (order.error) {
    return (
      <>
        {back}
        <Alert type="error" showIcon title={order.error.message} style={{ marginTop: 16 }} />
      </>
    );
  }

  const data = order.data;
  const rest = refundableFen(data);
  const summary: DescriptionsProps['items'] = [
    { key: 'status', label: t('field.status'), children: <OrderStatusTag status={data.status} /> },
    { key: 'kind', label: t('field.kind'), children: t(`kind.${data.kind}`) },
    { key: 'subtotal', label: t('field.subtotalFen'), children: displayYuan(data.subtotalFen) },
    { key: 'discount', label: t('field.discountFen'), children: displayYuan(data.discountFen) },
    { key: 'total', label: t('field.totalFen'), children: <strong>{displayYuan(data.totalFen)}</strong> },
    { key: 'refunded', label: t('field.refundedFen'), children: displayYuan(data.refundedFen) },
    {
      key: 'coupon',
      label: t('field.couponId'),
      children: data.couponId ? <Typography.Text code>{data.couponId}</Typography.Text> : t('detail.noCoupon'),
    },
    {
      key: 'shopper',
      label: t('field.shopperId'),
      children: <Typography.Text code>{data.shopperId}</Typography.Text>,
    },
    { key: 'created', label: t('field.createdAt'), children: formatDateTime(data.createdAt, zone) },
    {
      key: 'paid',
      label: t('field.paidAt'),
      children: data.paidAt ? formatDateTime(data.paidAt, zone) : t('detail.notPaid'),
    },
    ...(data.status === 'pending_payment'
      ? [{ key: 'expires', label: t('field.expiresAt'), children: formatDateTime(data.expiresAt, zone) }]
      : []),
  ];

  return (
    <>
      {back}
      <PageHeader title={t('detail.title')} subtitle={<Typography.Text code>{data.id}</Typography.Text>} />
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.summary')}</h2>}>
          <Descriptions items={summary} column={{ xs: 1, sm: 1, md: 2, xl: 3 }} size="small" />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.items')}</h2>}>
          <OrderItemsTable items={data.items} />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('detail.refunds')}</h2>}>
          <Flex vertical gap={24}>
            <RefundsTable refunds={data.refunds} />
            {rest > 0 ? (
              <section aria-label={t('refund.formTitle')}>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {t('refund.formTitle')}
                </Typography.Title>
                <RefundForm orderId={data.id} refundableFen={rest} />
              </section>
            ) : (
              <Typography.Text type="secondary">{t('refund.nothingRefundable')}</Typography.Text>
            )}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
