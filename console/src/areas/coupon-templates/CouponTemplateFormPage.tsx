import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Spin, Switch } from 'antd';
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
import { COUPON_TYPES, DISTRIBUTIONS, EDITABLE_WHEN_STARTED, type CouponTemplate } from './coupon-template';
import { templateBody, type TemplateValues } from './template-body';

/** Create a coupon template (amount off or percent off), or edit one (everything until claims open). */
export function CouponTemplateFormPage() {
  const { id } = useParams();
  const { t } = useTranslation('couponTemplates');
  if (!id) return <TemplateForm title={t('createTitle')} />;
  return <EditTemplate id={id} />;
}

function EditTemplate({ id }: { id: string }) {
  const { t } = useTranslation('couponTemplates');
  const { data: template, error } = useCampaign<CouponTemplate>('coupon-templates', id, { live: false });
  if (!template) {
    return (
      <>
        <PageHeader title={t('editTitle')} />
        {error ? <Alert type="error" showIcon title={error.message} /> : <Spin />}
      </>
    );
  }
  return <TemplateForm title={t('editTitle')} template={template} />;
}

const NEW_TEMPLATE: Partial<TemplateValues> = {
  type: 'amount_off',
  distribution: 'public',
  perUserLimit: 1,
  validity: { type: 'relative' },
  allProducts: true,
};

function valuesOf(template: CouponTemplate): TemplateValues {
  return { ...template, allProducts: template.productIds === null, productIds: template.productIds ?? [] };
}

function TemplateForm({ title, template }: { title: string; template?: CouponTemplate }) {
  const { t } = useTranslation('couponTemplates');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('coupon-templates');
  const [form] = Form.useForm<TemplateValues>();
  const refusal = useCampaignFormError(form);
  const lock = campaignLock(template, EDITABLE_WHEN_STARTED);
  const type = Form.useWatch('type', form) ?? template?.type ?? 'amount_off';
  const validityType = Form.useWatch(['validity', 'type'], form) ?? template?.validity.type ?? 'relative';
  const allProducts = Form.useWatch('allProducts', form) ?? true;
  const required = { required: true, message: t('required') };
  const locked = lock.isLocked;

  const submit = async (values: TemplateValues) => {
    refusal.clear();
    const body = templateBody(values);
    try {
      const saved = template
        ? await api.patch<CouponTemplate>(campaignApiPath('coupon-templates', template.id), lock.bodyOf(body))
        : await api.post<CouponTemplate>(campaignApiPath('coupon-templates'), body);
      await refresh(saved.id);
      void message.success(t('saved'));
      void navigate(`/coupon-templates/${encodeURIComponent(saved.id)}`);
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
        <Form<TemplateValues>
          form={form}
          layout="vertical"
          initialValues={template ? valuesOf(template) : NEW_TEMPLATE}
          onFinish={(values) => submit(values)}
        >
          <Form.Item name="name" label={t('field.name')} rules={[required]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="type" label={t('field.type')} rules={[required]}>
            <Radio.Group
              disabled={locked('type')}
              options={COUPON_TYPES.map((value) => ({ value, label: t(`type.${value}`) }))}
            />
          </Form.Item>
          {type === 'amount_off' ? (
            <Form.Item name="valueFen" label={t('field.valueFen')} rules={[required, yuanRule(t)]}>
              <YuanInput disabled={locked('valueFen')} style={{ maxWidth: 240 }} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="percentOff" label={t('field.percentOff')} extra={t('percentOffHint')} rules={[required]}>
                <InputNumber disabled={locked('percentOff')} min={1} max={99} precision={0} suffix="%" />
              </Form.Item>
              <Form.Item
                name="maxDiscountFen"
                label={t('field.maxDiscountFen')}
                extra={t('maxDiscountHint')}
                rules={[yuanRule(t)]}
              >
                <YuanInput disabled={locked('maxDiscountFen')} style={{ maxWidth: 240 }} />
              </Form.Item>
            </>
          )}
          <Form.Item name="minSpendFen" label={t('field.minSpendFen')} extra={t('minSpendHint')} rules={[yuanRule(t)]}>
            <YuanInput disabled={locked('minSpendFen')} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item
            name="distribution"
            label={t('field.distribution')}
            extra={t('distributionHint')}
            rules={[required]}
          >
            <Select
              disabled={locked('distribution')}
              style={{ maxWidth: 240 }}
              options={DISTRIBUTIONS.map((value) => ({ value, label: t(`distribution.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="totalQuantity"
            label={t('field.totalQuantity')}
            extra={lock.started ? t('moreOnly') : undefined}
            rules={[required]}
          >
            <InputNumber
              min={lock.started ? template!.totalQuantity : 1}
              max={10000000}
              precision={0}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="perUserLimit" label={t('field.perUserLimit')} extra={t('perUserLimitHint')}>
            <InputNumber disabled={locked('perUserLimit')} min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="claimStartsAt" label={t('field.claimStartsAt')} rules={[required]}>
            <DateTimeInput disabled={locked('claimStartsAt')} />
          </Form.Item>
          <Form.Item name="claimEndsAt" label={t('field.claimEndsAt')} rules={[required]}>
            <DateTimeInput />
          </Form.Item>
          <Form.Item name={['validity', 'type']} label={t('field.validity')} rules={[required]}>
            <Radio.Group
              disabled={locked('validity')}
              options={[
                { value: 'relative', label: t('validity.relative') },
                { value: 'absolute', label: t('validity.absolute') },
              ]}
            />
          </Form.Item>
          {validityType === 'relative' ? (
            <Form.Item name={['validity', 'days']} label={t('field.validityDays')} rules={[required]}>
              <InputNumber disabled={locked('validity')} min={1} max={3650} precision={0} style={{ width: 200 }} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name={['validity', 'startsAt']} label={t('field.validityStartsAt')} rules={[required]}>
                <DateTimeInput disabled={locked('validity')} />
              </Form.Item>
              <Form.Item name={['validity', 'endsAt']} label={t('field.validityEndsAt')} rules={[required]}>
                <DateTimeInput disabled={locked('validity')} />
              </Form.Item>
            </>
          )}
          <Form.Item name="allProducts" label={t('field.allProducts')} valuePropName="checked">
            <Switch disabled={locked('productIds')} />
          </Form.Item>
          {!allProducts && (
            <Form.Item name="productIds" label={t('field.productIds')} rules={[required]}>
              <ProductSelect multiple disabled={locked('productIds')} />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common:action.save')}
            </Button>
            <Button
              onClick={() =>
                void navigate(template ? `/coupon-templates/${encodeURIComponent(template.id)}` : '/coupon-templates')
              }
            >
              {t('common:action.cancel')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
