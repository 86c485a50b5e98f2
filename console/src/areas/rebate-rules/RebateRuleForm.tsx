import { Button, Col, Flex, Form, Input, InputNumber, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import type { CampaignLock } from '../../campaigns/campaign-lock';
import { CampaignLockNotice } from '../../campaigns/CampaignLockNotice';
import { DateTimeInput } from '../../campaigns/DateTimeInput';
import { ProductSelect } from '../../campaigns/ProductSelect';
import { useCampaignSubmit } from '../../campaigns/use-campaign-submit';
import { yuanRule, YuanInput, type FenValue } from '../../money/YuanInput';
import {
  DEFAULT_DELAY_SECONDS,
  MAX_DELAY_SECONDS,
  REBATE_KINDS,
  type RebateKind,
  type RebateRule,
  type RebateRuleBody,
} from './rebate-rule';

type Scope = 'all' | 'some';

interface Values {
  name: string;
  scope: Scope;
  productIds?: string[];
  minOrderFen: FenValue;
  kind: RebateKind;
  valueFen?: FenValue;
  percent?: number | null;
  maxRebateFen?: FenValue;
  delaySeconds: number;
  startsAt: string;
  endsAt: string;
}

const DEFAULTS: Partial<Values> = { scope: 'all', minOrderFen: 0, kind: 'fixed', delaySeconds: DEFAULT_DELAY_SECONDS };

function valuesOf(rule: RebateRule): Values {
  return {
    name: rule.name,
    scope: rule.productIds === null ? 'all' : 'some',
    productIds: rule.productIds ?? undefined,
    minOrderFen: rule.minOrderFen,
    kind: rule.kind,
    valueFen: rule.valueFen ?? undefined,
    percent: rule.percent,
    maxRebateFen: rule.maxRebateFen ?? undefined,
    delaySeconds: rule.delaySeconds,
    startsAt: rule.startsAt,
    endsAt: rule.endsAt,
  };
}

/** A fixed rule carries its amount, a percent rule its percentage and cap; the other kind's fields are null. */
function bodyOf(values: Values): RebateRuleBody {
  const fixed = values.kind === 'fixed';
  return {
    name: values.name,
    productIds: values.scope === 'all' ? null : (values.productIds ?? []),
    minOrderFen: values.minOrderFen ?? 0,
    kind: values.kind,
    valueFen: fixed ? (values.valueFen ?? null) : null,
    percent: fixed ? null : (values.percent ?? null),
    maxRebateFen: fixed ? null : (values.maxRebateFen ?? null),
    delaySeconds: values.delaySeconds,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
  };
}

interface RebateRuleFormProps {
  edit?: { campaign: RebateRule; lock: CampaignLock };
  /** Every field for a new rule; for an edit only those changed (possibly none). */
  onSubmit: (body: Partial<RebateRuleBody>) => Promise<unknown>;
  onCancel: () => void;
}

/** A cash rebate rule: which products, from what amount, fixed or percent (with a cap), paid after a delay. */
export function RebateRuleForm({ edit, onSubmit, onCancel }: RebateRuleFormProps) {
  const { t } = useTranslation('rebateRules');
  const [form] = Form.useForm<Values>();
  const errors = useCampaignFormError(form);
  const { busy, submit } = useCampaignSubmit({ edited: edit?.campaign, valuesOf, bodyOf, onSubmit, errors });
  const kind = Form.useWatch('kind', form) as RebateKind | undefined;
  const scope = Form.useWatch('scope', form) as Scope | undefined;
  const isLocked = (field: keyof Values) => edit?.lock.isLocked(field === 'scope' ? 'productIds' : field) ?? false;
  const required = { required: true, message: t('form.required') };

  return (
    <>
      <CampaignLockNotice started={edit?.lock.started ?? false} />
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={edit ? valuesOf(edit.campaign) : DEFAULTS}
        onFinish={(values) => void submit(values)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="name" label={t('field.name')} rules={[required, { max: 100 }]}>
          <Input maxLength={100} disabled={isLocked('name')} />
        </Form.Item>
        <Form.Item name="scope" label={t('field.scope')}>
          <Radio.Group
            disabled={isLocked('scope')}
            options={[
              { value: 'all', label: t('scope.all') },
              { value: 'some', label: t('scope.some') },
            ]}
          />
        </Form.Item>
        {scope === 'some' && (
          <Form.Item name="productIds" label={t('field.products')} rules={[required]}>
            <ProductSelect multiple disabled={isLocked('productIds')} />
          </Form.Item>
        )}
        <Form.Item
          name="minOrderFen"
          label={t('field.minOrder')}
          extra={t('help.minOrder')}
          rules={[required, yuanRule(t)]}
        >
          <YuanInput disabled={isLocked('minOrderFen')} />
        </Form.Item>
        <Form.Item name="kind" label={t('field.kind')}>
          <Radio.Group
            disabled={isLocked('kind')}
            options={REBATE_KINDS.map((value) => ({ value, label: t(`kind.${value}`) }))}
          />
        </Form.Item>
        {kind !== 'percent' ? (
          <Form.Item name="valueFen" label={t('field.value')} extra={t('help.value')} rules={[required, yuanRule(t)]}>
            <YuanInput disabled={isLocked('valueFen')} />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="percent" label={t('field.percent')} extra={t('help.percent')} rules={[required]}>
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  suffix="%"
                  disabled={isLocked('percent')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item
                name="maxRebateFen"
                label={t('field.maxRebate')}
                extra={t('help.maxRebate')}
                rules={[yuanRule(t)]}
              >
                <YuanInput disabled={isLocked('maxRebateFen')} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="delaySeconds" label={t('field.delay')} extra={t('help.delay')} rules={[required]}>
          <InputNumber
            min={0}
            max={MAX_DELAY_SECONDS}
            precision={0}
            suffix={t('form.seconds')}
            disabled={isLocked('delaySeconds')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Form.Item name="startsAt" label={t('field.startsAt')} rules={[required]}>
              <DateTimeInput disabled={isLocked('startsAt')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="endsAt" label={t('field.endsAt')} rules={[required]}>
              <DateTimeInput disabled={isLocked('endsAt')} />
            </Form.Item>
          </Col>
        </Row>
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
