import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import { campaignQueryKey } from '../../campaigns/use-campaign';
import { LoadMore, useCursorList } from '../../components/cursor-list';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import { FULFILMENT_STATUSES, fulfilmentsPath, type Fulfilment, type FulfilmentStatus } from './lucky-draw';

/** Prizes are won while the page is open: the list re-reads itself like the campaign's figures. */
const FULFILMENTS_REFRESH_MS = 3000;

/** The item prizes the draw gave away, pending or shipped, each pending one with "mark shipped" (and a note). */
export function Fulfilments({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('luckyDraws');
  const zone = useTimezone();
  const [status, setStatus] = useState<FulfilmentStatus | 'all'>('pending');
  const [shipping, setShipping] = useState<Fulfilment | null>(null);
  const list = useCursorList<Fulfilment>(fulfilmentsPath(campaignId), {
    params: { status: status === 'all' ? undefined : status },
    refetchInterval: FULFILMENTS_REFRESH_MS,
  });

  const columns: TableColumnsType<Fulfilment> = [
    { key: 'wonAt', title: t('fulfilment.wonAt'), render: (_, item) => formatDateTime(item.wonAt, zone) },
    { key: 'prize', title: t('fulfilment.prize'), render: (_, item) => item.prize.name },
    { key: 'shopper', title: t('fulfilment.shopper'), render: (_, item) => item.shopperId },
    {
      key: 'status',
      title: t('fulfilment.status'),
      render: (_, item) => (
        <Tag color={item.status === 'shipped' ? 'green' : 'gold'}>{t(`fulfilmentStatus.${item.status}`)}</Tag>
      ),
    },
    { key: 'note', title: t('fulfilment.note'), render: (_, item) => item.note ?? '' },
    { key: 'shippedAt', title: t('fulfilment.shippedAt'), render: (_, item) => formatDateTime(item.shippedAt, zone) },
    {
      key: 'action',
      title: t('fulfilment.action'),
      render: (_, item) =>
        item.status === 'pending' && (
          <Button
            size="small"
            aria-label={t('fulfilment.shipFor', { prize: item.prize.name, shopper: item.shopperId })}
            onClick={() => setShipping(item)}
          >
            {t('fulfilment.ship')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('fulfilment.title')}
      extra={
        <Radio.Group
          aria-label={t('fulfilment.filter')}
          optionType="button"
          size="small"
          value={status}
          onChange={(event) => setStatus(event.target.value as FulfilmentStatus | 'all')}
          options={[
            ...FULFILMENT_STATUSES.map((value) => ({ value, label: t(`fulfilmentStatus.${value}`) })),
            { value: 'all', label: t('fulfilment.all') },
          ]}
        />
      }
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 16 }} />}
      <ScrollRegion label={t('fulfilment.title')}>
        <Table<Fulfilment>
          rowKey="drawId"
          size="small"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          locale={{ emptyText: t('fulfilment.empty') }}
          data-testid="fulfilments"
        />
      </ScrollRegion>
      <LoadMore list={list} />
      {shipping && <ShipDialog campaignId={campaignId} item={shipping} onClose={() => setShipping(null)} />}
    </Card>
  );
}

/** "Mark shipped" for one item prize, with a note kept with it (carrier, tracking number). */
function ShipDialog({ campaignId, item, onClose }: { campaignId: string; item: Fulfilment; onClose: () => void }) {
  const { t } = useTranslation('luckyDraws');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const errors = useCampaignFormError(form);
  const [busy, setBusy] = useState(false);

  const ship = async ({ note }: { note?: string }) => {
    errors.clear();
    setBusy(true);
    try {
      const text = note?.trim();
      await api.post(`${fulfilmentsPath(campaignId)}/${encodeURIComponent(item.drawId)}`, {
        status: 'shipped',
        ...(text ? { note: text } : {}),
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['list', fulfilmentsPath(campaignId)] }),
        queryClient.invalidateQueries({ queryKey: campaignQueryKey('lucky-draws', campaignId) }),
      ]);
      onClose();
    } catch (error) {
      errors.handle(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('fulfilment.shipTitle', { prize: item.prize.name })}
      okText={t('fulfilment.ship')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={(values) => void ship(values)}>
        <Form.Item name="note" label={t('fulfilment.note')} extra={t('fulfilment.noteHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
