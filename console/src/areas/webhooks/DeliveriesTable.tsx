import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Select, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { api } from '../../api/client';
import { useCursorList } from '../../components/cursor-list';
import { CursorTable } from '../../components/CursorTable';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { DeliveryStatusTag } from './status-tags';
import { deliveriesPath, DELIVERY_STATUSES, type DeliveryStatus, type WebhookDelivery } from './webhook-types';

/** Attempts and their outcomes show within this long, without a reload. */
const LIVE_MS = 3000;

/** An endpoint's delivery log, newest first, filtered by status; a pending or failed delivery can be retried now. */
export function DeliveriesTable({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation('webhooks');
  const { message } = App.useApp();
  const zone = useTimezone();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [retrying, setRetrying] = useState<string | null>(null);
  const path = deliveriesPath(endpointId);
  const list = useCursorList<WebhookDelivery>(path, { params: { status }, refetchInterval: LIVE_MS });

  const retry = async (delivery: WebhookDelivery) => {
    setRetrying(delivery.id);
    try {
      await api.post(`/v1/merchant/webhook-deliveries/${delivery.id}/retry`);
      void message.success(t('delivery.retried'));
      await queryClient.invalidateQueries({ queryKey: ['list', path] });
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t('common:error.unexpected'));
    } finally {
      setRetrying(null);
    }
  };

  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('delivery.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, zone) },
    {
      title: t('delivery.type'),
      dataIndex: 'type',
      render: (type: string) => <Typography.Text code>{type}</Typography.Text>,
    },
    {
      title: t('delivery.status'),
      dataIndex: 'status',
      render: (value: DeliveryStatus) => <DeliveryStatusTag status={value} />,
    },
    { title: t('delivery.attempts'), dataIndex: 'attempts', align: 'right' },
    {
      title: t('delivery.lastStatusCode'),
      dataIndex: 'lastStatusCode',
      align: 'right',
      render: (code: number | null) => code ?? '',
    },
    {
      title: t('delivery.lastError'),
      dataIndex: 'lastError',
      render: (error: string | null) =>
        error && (
          <Typography.Text type="danger" style={{ maxWidth: 280 }} ellipsis={{ tooltip: error }}>
            {error}
          </Typography.Text>
        ),
    },
    {
      title: t('delivery.nextAttemptAt'),
      dataIndex: 'nextAttemptAt',
      render: (at: string | null) => formatDateTime(at, zone),
    },
    {
      title: t('delivery.actions'),
      key: 'actions',
      render: (_value, delivery) =>
        delivery.status !== 'succeeded' && (
          <Button
            size="small"
            loading={retrying === delivery.id}
            onClick={() => void retry(delivery)}
            aria-label={t('delivery.retryFor', { type: delivery.type, at: formatDateTime(delivery.createdAt, zone) })}
          >
            {t('delivery.retry')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Form
        layout="inline"
        name="deliveryFilters"
        onValuesChange={(_changed, values: { status?: DeliveryStatus }) => setStatus(values.status)}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="status" label={t('delivery.status')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={DELIVERY_STATUSES.map((value) => ({ value, label: t(`deliveryStatus.${value}`) }))}
          />
        </Form.Item>
      </Form>
      <CursorTable list={list} columns={columns} emptyText={t('delivery.none')} testId="deliveries-table" />
    </>
  );
}
