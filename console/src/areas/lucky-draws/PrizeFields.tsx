import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuanRule, YuanInput } from '../../money/YuanInput';
import { CouponTemplateSelect } from './CouponTemplateSelect';
import { PRIZE_KINDS, type PrizeKind } from './lucky-draw';

interface PrizeFieldsProps {
  /** The Form.List entry's name (its index). */
  name: number;
  /** Its position as people count: 1, 2, ... */
  position: number;
  kind: PrizeKind | undefined;
  /** Its chance as a percentage of all weights, when the weights are known. */
  oddsPercent: string | null;
  /** Started: only the stock may change (and only grow). */
  locked: boolean;
  onRemove?: () => void;
}

/** One prize of a draw: name, kind, weight (its odds shown as they come out), stock, and its coupon or cash. */
export function PrizeFields({ name, position, kind, oddsPercent, locked, onRemove }: PrizeFieldsProps) {
  const { t } = useTranslation('luckyDraws');
  const required = { required: true, message: t('form.required') };
  return (
    <Card
      size="small"
      title={t('prize.title', { position })}
      extra={
        onRemove && (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('prize.remove', { position })}
            onClick={onRemove}
          />
        )
      }
      data-testid={`prize-${position}`}
    >
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Form.Item name={[name, 'name']} label={t('prize.name')} rules={[required, { max: 100 }]}>
            <Input disabled={locked} maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name={[name, 'kind']} label={t('prize.kind')} rules={[required]}>
            <Select
              disabled={locked}
              options={PRIZE_KINDS.map((value) => ({ value, label: t(`prizeKind.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item
            name={[name, 'weight']}
            label={t('prize.weight')}
            extra={oddsPercent === null ? undefined : t('prize.odds', { percent: oddsPercent })}
            rules={[required]}
          >
            <InputNumber min={1} max={1_000_000} precision={0} disabled={locked} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item name={[name, 'stock']} label={t('prize.stock')} extra={t('prize.stockHelp')}>
            <InputNumber
              min={0}
              max={10_000_000}
              precision={0}
              disabled={kind === 'none'}
              placeholder={t('prize.unlimited')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        {kind === 'coupon' && (
          <Col xs={24} lg={12}>
            <Form.Item
              name={[name, 'couponTemplateId']}
              label={t('prize.couponTemplate')}
              extra={t('prize.couponTemplateHelp')}
              rules={[required]}
            >
              <CouponTemplateSelect disabled={locked} />
            </Form.Item>
          </Col>
        )}
        {kind === 'cash' && (
          <Col xs={24} lg={12}>
            <Form.Item
              name={[name, 'cashFen']}
              label={t('prize.cash')}
              extra={t('prize.cashHelp')}
              rules={[required, yuanRule(t)]}
            >
              <YuanInput disabled={locked} />
            </Form.Item>
          </Col>
        )}
        {kind === 'none' && (
          <Col xs={24}>
            <Typography.Text type="secondary">{t('prize.noneHelp')}</Typography.Text>
          </Col>
        )}
      </Row>
    </Card>
  );
}
