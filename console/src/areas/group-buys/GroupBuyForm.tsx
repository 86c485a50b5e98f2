import { Button, Flex, Form, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import type { CampaignLock } from '../../campaigns/campaign-lock';
import { CampaignLockNotice } from '../../campaigns/CampaignLockNotice';
import { DateTimeInput } from '../../campaigns/DateTimeInput';
import { ProductSelect } from '../../campaigns/ProductSelect';
import { useCampaignSubmit } from '../../campaigns/use-campaign-submit';
import { yuanRule, YuanInput, type FenValue } from '../../money/YuanInput';
import type { GroupBuy, GroupBuyBody } from './group-buy';

interface Values {
  productId: string;
  groupPriceFen: FenValue;
  leaderPriceFen: FenValue;
  groupSize: number;
  completionWindowSeconds: number;
  paymentWindowSeconds: number;
  virtualCompletion: boolean;
  startsAt: string;
  endsAt: string;
}

const DEFAULTS: Partial<Values> = {
  groupSize: 3,
  completionWindowSeconds: 86_400,
  paymentWindowSeconds: 600,
  virtualCompletion: false,
};

function valuesOf(campaign: GroupBuy): Values {
  return {
    productId: campaign.productId,
    groupPriceFen: campaign.groupPriceFen,
    leaderPriceFen: campaign.leaderPriceFen ?? undefined,
    groupSize: campaign.groupSize,
    completionWindowSeconds: campaign.completionWindowSeconds,
    paymentWindowSeconds: campaign.paymentWindowSeconds,
    virtualCompletion: campaign.virtualCompletion,
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
  };
}

function bodyOf(values: Values): GroupBuyBody {
  return {
    productId: values.productId,
    groupPriceFen: values.groupPriceFen!,
    leaderPriceFen: values.leaderPriceFen ?? null,
    groupSize: values.groupSize,
    completionWindowSeconds: values.completionWindowSeconds,
    paymentWindowSeconds: values.paymentWindowSeconds,
    virtualCompletion: values.virtualCompletion,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
  };
}

interface GroupBuyFormProps {
  /** The campaign being edited (and how far it is locked); absent: a new one. */
  edit?: { campaign: GroupBuy; lock: CampaignLock };
  /** Sends the body: every field for a new campaign, only those changed for an edit (possibly none). */
  onSubmit: (body: Partial<GroupBuyBody>) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Every field of the contract's group-buy. The server's refusals show at their fields (CAMPAIGN_LOCKED too); once
 * the campaign has started, only what may still change is enabled.
 */
export function GroupBuyForm({ edit, onSubmit, onCancel }: GroupBuyFormProps) {
  const { t } = useTranslation('groupBuys');
  const [form] = Form.useForm<Values>();
  const errors = useCampaignFormError(form);
  const { busy, submit } = useCampaignSubmit({ edited: edit?.campaign, valuesOf, bodyOf, onSubmit, errors });
  const required = { required: true, message: t('form.required') };
  const isLocked = (field: keyof Values) => edit?.lock.isLocked(field) ?? false;

  return (
    <>
      <CampaignLockNotice started={edit?.lock.started ?? false} />
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={edit ? valuesOf(edit.campaign) : DEFAULTS}
        onFinish={(values) => void submit(values)}
        style={{ maxWidth: 640 }}
      >
        <Form.Item name="productId" label={t('field.product')} rules={[required]}>
          <ProductSelect
            disabled={isLocked('productId')}
            known={edit ? [{ id: edit.campaign.productId, name: edit.campaign.productName }] : []}
          />
        </Form.Item>
        <Form.Item
          name="groupPriceFen"
          label={t('field.groupPrice')}
          extra={t('help.groupPrice')}
          rules={[required, yuanRule(t)]}
        >
          <YuanInput disabled={isLocked('groupPriceFen')} />
        </Form.Item>
        <Form.Item
          name="leaderPriceFen"
          label={t('field.leaderPrice')}
          extra={t('help.leaderPrice')}
          rules={[yuanRule(t)]}
        >
          <YuanInput disabled={isLocked('leaderPriceFen')} />
        </Form.Item>
        <Form.Item name="groupSize" label={t('field.groupSize')} extra={t('help.groupSize')} rules={[required]}>
          <InputNumber min={2} max={50} precision={0} disabled={isLocked('groupSize')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="completionWindowSeconds"
          label={t('field.completionWindow')}
          extra={t('help.completionWindow')}
          rules={[required]}
        >
          <InputNumber
            min={10}
            max={604_800}
            precision={0}
            suffix={t('form.seconds')}
            disabled={isLocked('completionWindowSeconds')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="paymentWindowSeconds"
          label={t('field.paymentWindow')}
          extra={t('help.paymentWindow')}
          rules={[required]}
        >
          <InputNumber
            min={10}
            max={3600}
            precision={0}
            suffix={t('form.seconds')}
            disabled={isLocked('paymentWindowSeconds')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="virtualCompletion"
          label={t('field.virtualCompletion')}
          extra={t('help.virtualCompletion')}
          valuePropName="checked"
        >
          <Switch disabled={isLocked('virtualCompletion')} />
        </Form.Item>
        <Form.Item name="startsAt" label={t('field.startsAt')} rules={[required]}>
          <DateTimeInput disabled={isLocked('startsAt')} />
        </Form.Item>
        <Form.Item name="endsAt" label={t('field.endsAt')} rules={[required]}>
          <DateTimeInput disabled={isLocked('endsAt')} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {edit ? t('common:action.save') : t('common:action.create')}
          </Button>
          <Button onClick={onCancel}>{t('common:action.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
}
