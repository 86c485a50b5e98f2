import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';
import { useTimezone } from '../../time/timezone-store';
import type { CouponTemplate } from './coupon-template';

/** A template's terms as the merchant set them, money in yuan and times in the merchant's timezone. */
export function TemplateTerms({ template }: { template: CouponTemplate }) {
  const { t } = useTranslation('couponTemplates');
  const zone = useTimezone();
  const { validity } = template;
  const discount =
    template.type === 'amount_off'
      ? t('discount.amount', { amount: displayYuan(template.valueFen ?? 0) })
      : t('discount.percent', { percent: template.percentOff });
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small">
      <Descriptions.Item label={t('field.type')}>{t(`type.${template.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t('column.discount')}>{discount}</Descriptions.Item>
      {template.type === 'percent_off' && (
        <Descriptions.Item label={t('field.maxDiscountFen')}>
          {template.maxDiscountFen === null ? t('noCap') : displayYuan(template.maxDiscountFen)}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('field.minSpendFen')}>{displayYuan(template.minSpendFen)}</Descriptions.Item>
      <Descriptions.Item label={t('field.distribution')}>
        {t(`distribution.${template.distribution}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.totalQuantity')}>{template.totalQuantity}</Descriptions.Item>
      <Descriptions.Item label={t('field.perUserLimit')}>{template.perUserLimit}</Descriptions.Item>
      <Descriptions.Item label={t('field.claimStartsAt')}>
        {formatDateTime(template.claimStartsAt, zone)}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.claimEndsAt')}>{formatDateTime(template.claimEndsAt, zone)}</Descriptions.Item>
      <Descriptions.Item label={t('field.validity')}>
        {validity.type === 'relative'
          ? t('validity.days', { count: validity.days })
          : t('validity.range', {
              from: formatDateTime(validity.startsAt, zone),
              to: formatDateTime(validity.endsAt, zone),
            })}
      </Descriptions.Item>
      <Descriptions.Item label={t('field.productIds')}>
        {template.productIds === null ? t('allProducts') : t('someProducts', { count: template.productIds.length })}
      </Descriptions.Item>
    </Descriptions>
  );
}
