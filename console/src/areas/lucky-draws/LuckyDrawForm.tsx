import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaignFormError } from '../../campaigns/campaign-form-error';
import type { CampaignLock } from '../../campaigns/campaign-lock';
import { CampaignLockNotice } from '../../campaigns/CampaignLockNotice';
import { DateTimeInput } from '../../campaigns/DateTimeInput';
import { useCampaignSubmit } from '../../campaigns/use-campaign-submit';
import type { FenValue } from '../../money/YuanInput';
import { DEFAULT_TIMEZONE } from '../../time/time';
import { TIMEZONES } from '../../time/timezone-store';
import type { LuckyDraw, LuckyDrawBody, PrizeBody, PrizeKind } from './lucky-draw';
import { PrizeFields } from './PrizeFields';

interface PrizeValues {
  name: string;
  kind: PrizeKind;
  weight: number;
  stock?: number | null;
  couponTemplateId?: string;
  cashFen?: FenValue;
}

interface Values {
  name: string;
  startsAt: string;
  endsAt: string;
  drawsPerUserPerDay: number;
  shareBonusDrawsPerDay: number;
  timezone: string;
  prizes: PrizeValues[];
}

const MAX_PRIZES = 50;

const DEFAULTS: Partial<Values> = {
  drawsPerUserPerDay: 1,
  shareBonusDrawsPerDay: 0,
  timezone: DEFAULT_TIMEZONE,
  prizes: [{ name: '', kind: 'item', weight: 1 }],
};

function valuesOf(campaign: LuckyDraw): Values {
  return {
    name: campaign.name,
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
    drawsPerUserPerDay: campaign.drawsPerUserPerDay,
    shareBonusDrawsPerDay: campaign.shareBonusDrawsPerDay,
    timezone: campaign.timezone,
    prizes: campaign.prizes.map((prize) => ({
      name: prize.name,
      kind: prize.kind,
      weight: prize.weight,
      stock: prize.stock,
      couponTemplateId: prize.couponTemplateId,
      cashFen: prize.cashFen,
    })),
  };
}

/** A prize carries only its own kind's fields: a coupon its template, cash its amount, a miss no stock. */
function prizeBody(prize: PrizeValues): PrizeBody {
  return {
    name: prize.name,
    kind: prize.kind,
    weight: prize.weight,
    stock: prize.kind === 'none' ? null : (prize.stock ?? null),
    ...(prize.kind === 'coupon' ? { couponTemplateId: prize.couponTemplateId } : {}),
    ...(prize.kind === 'cash' ? { cashFen: prize.cashFen } : {}),
  };
}

function bodyOf(values: Values): LuckyDrawBody {
  return {
    name: values.name,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    drawsPerUserPerDay: values.drawsPerUserPerDay,
    shareBonusDrawsPerDay: values.shareBonusDrawsPerDay,
    timezone: values.timezone,
    prizes: values.prizes.map(prizeBody),
  };
}

/** Each prize's chance as a percentage with two decimals: weight / Σ weights, as the service computes it. */
function oddsPercents(prizes: Array<Partial<PrizeValues> | undefined> | undefined): Array<string | null> {
  const weights = (prizes ?? []).map((prize) => (Number.isInteger(prize?.weight) ? prize!.weight! : null));
  const total = weights.reduce<number>((sum, weight) => sum + (weight ?? 0), 0);
  return weights.map((weight) => (weight === null || total === 0 ? null : ((weight / total) * 100).toFixed(2)));
}

interface LuckyDrawFormProps {
  edit?: { campaign: LuckyDraw; lock: CampaignLock };
  /** Every field for a new draw; for an edit only those changed (possibly none). */
  onSubmit: (body: Partial<LuckyDrawBody>) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * A lucky draw with its prizes (coupon, cash, item or none; weight, stock), each prize's odds shown as the weights
 * are typed. Once started only the name, a later end and more stock may change.
 */
export function LuckyDrawForm({ edit, onSubmit, onCancel }: LuckyDrawFormProps) {
  const { t } = useTranslation('luckyDraws');
  const [form] = Form.useForm<Values>();
  const errors = useCampaignFormError(form);
  const { busy, submit } = useCampaignSubmit({ edited: edit?.campaign, valuesOf, bodyOf, onSubmit, errors });
  const prizes = Form.useWatch('prizes', form) as Array<Partial<PrizeValues> | undefined> | undefined;
  const odds = oddsPercents(prizes);
  const started = edit?.lock.started ?? false;
  const isLocked = (field: keyof Values) => edit?.lock.isLocked(field) ?? false;
  const required = { required: true, message: t('form.required') };
  const zones =
    edit && !TIMEZONES.includes(edit.campaign.timezone) ? [...TIMEZONES, edit.campaign.timezone] : TIMEZONES;

  return (
    <>
      <CampaignLockNotice started={started} />
      {errors.alert}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={edit ? valuesOf(edit.campaign) : DEFAULTS}
        onFinish={(values) => void submit(values)}
        style={{ maxWidth: 880 }}
      >
        <Form.Item name="name" label={t('field.name')} rules={[required, { max: 100 }]}>
          <Input maxLength={100} disabled={isLocked('name')} />
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
          <Col xs={24} lg={8}>
            <Form.Item name="drawsPerUserPerDay" label={t('field.drawsPerUserPerDay')} rules={[required]}>
              <InputNumber
                min={1}
                max={1000}
                precision={0}
                disabled={isLocked('drawsPerUserPerDay')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item
              name="shareBonusDrawsPerDay"
              label={t('field.shareBonusDrawsPerDay')}
              extra={t('help.shareBonusDrawsPerDay')}
              rules={[required]}
            >
              <InputNumber
                min={0}
                max={1000}
                precision={0}
                disabled={isLocked('shareBonusDrawsPerDay')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="timezone" label={t('field.timezone')} extra={t('help.timezone')} rules={[required]}>
              <Select
                disabled={isLocked('timezone')}
                options={zones.map((zone) => ({ value: zone, label: t(`common:timezone.${zone}`, zone) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List
          name="prizes"
          rules={[
            {
              validator: (_rule, value: unknown[] | undefined) =>
                value && value.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('form.onePrize'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors: listErrors }) => (
            <Flex vertical gap={12} style={{ marginBottom: 24 }}>
              {fields.map((field, index) => (
                <PrizeFields
                  key={field.key}
                  name={field.name}
                  position={index + 1}
                  kind={prizes?.[index]?.kind}
                  oddsPercent={odds[index] ?? null}
                  locked={started}
                  onRemove={started || fields.length === 1 ? undefined : () => remove(field.name)}
                />
              ))}
              <Form.ErrorList errors={listErrors} />
              {!started && fields.length < MAX_PRIZES && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', kind: 'item', weight: 1 })}
                >
                  {t('prize.add')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
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
