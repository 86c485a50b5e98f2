import { Alert, App, Button, Card, Form, InputNumber, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { campaignApiPath } from '../../campaigns/campaign-kind';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import { campaignLock } from '../../campaigns/campaign-lock';
import { CampaignLockNotice } from '../../campaigns/CampaignLockNotice';
import { DateTimeInput } from '../../campaigns/DateTimeInput';
import { ProductSelect } from '../../campaigns/ProductSelect';
import { useCampaign, useRefreshCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import { YuanInput, yuanRule } from '../../money/YuanInput';
import { EDITABLE_WHEN_STARTED, type FlashSale } from './flash-sale';

interface FlashSaleValues {
  productId: string;
  priceFen: number;
  totalStock: number;
  perUserLimit?: number;
  startsAt: string;
  endsAt: string;
  paymentWindowSeconds?: number;
  [field: string]: unknown;
}

/** Create a flash sale, or edit one (everything before its start; after it a later end and more stock). */
export function FlashSaleFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('flashSales');
  if (!id) return <FlashSaleForm title={t('createTitle')} />;
  return <EditFlashSale id={id} />;
}

function EditFlashSale({ id }: { id: string }) {
  const { t } = useTranslation('flashSales');
  const { data: sale, error } = useCampaign<FlashSale>('flash-sales', id, { live: false });
  if (!sale) {
    return (
      <>
        <PageHeader title={t('editTitle')} />
        {error ? <Alert type="error" showIcon title={error.message} /> : <Spin />}
      </>
    );
  }
  return <FlashSaleForm title={t('editTitle')} sale={sale} />;
}

function FlashSaleForm({ title, sale }: { title: string; sale?: FlashSale }) {
  const { t } = useTranslation('flashSales');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('flash-sales');
  const [form] = Form.useForm<FlashSaleValues>();
  const refusal = useCampaignFormError(form);
  const lock = campaignLock(sale, EDITABLE_WHEN_STARTED);
  const required = { required: true, message: t('required') };

  const submit = async (values: FlashSaleValues) => {
    refusal.clear();
    try {
      const saved = sale
        ? await api.patch<FlashSale>(campaignApiPath('flash-sales', sale.id), lock.bodyOf(values))
        : await api.post<FlashSale>(campaignApiPath('flash-sales'), values);
      await refresh(saved.id);
      void message.success(t('saved'));
      void navigate(`/flash-sales/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      refusal.handle(error);
    }
  };

  return (
    <>
      <PageHeader title={title} />
      <Card style={{ maxWidth: 720 }}>
        <CampaignLockNotice started={lock.started} />
        {refusal.alert}
        <Form<FlashSaleValues>
          form={form}
          layout="vertical"
          initialValues={sale ?? { perUserLimit: 1, paymentWindowSeconds: 600 }}
          onFinish={(values) => submit(values)}
        >
          <Form.Item name="productId" label={t('field.product')} rules={[required]}>
            <ProductSelect
              disabled={lock.isLocked('productId')}
              known={sale ? [{ id: sale.productId, name: sale.productName }] : []}
            />
          </Form.Item>
          <Form.Item name="priceFen" label={t('field.price')} rules={[required, yuanRule(t)]}>
            <YuanInput disabled={lock.isLocked('priceFen')} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item
            name="totalStock"
            label={t('field.totalStock')}
            extra={lock.started ? t('moreStockOnly') : undefined}
            rules={[required]}
          >
            <InputNumber min={lock.started ? sale!.totalStock : 1} max={1000000} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="perUserLimit" label={t('field.perUserLimit')} extra={t('perUserLimitHint')}>
            <InputNumber disabled={lock.isLocked('perUserLimit')} min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="startsAt" label={t('field.startsAt')} rules={[required]}>
            <DateTimeInput disabled={lock.isLocked('startsAt')} />
          </Form.Item>
          <Form.Item name="endsAt" label={t('field.endsAt')} rules={[required]}>
            <DateTimeInput />
          </Form.Item>
          <Form.Item name="paymentWindowSeconds" label={t('field.paymentWindowSeconds')} extra={t('paymentWindowHint')}>
            <InputNumber
              disabled={lock.isLocked('paymentWindowSeconds')}
              min={10}
              max={3600}
              precision={0}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common:action.save')}
            </Button>
            <Button
              onClick={() => void navigate(sale ? `/flash-sales/${encodeURIComponent(sale.id)}` : '/flash-sales')}
            >
              {t('common:action.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
