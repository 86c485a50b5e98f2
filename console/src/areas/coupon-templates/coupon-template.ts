import type { CampaignBase, CampaignKind } from '../../campaigns/campaign-kind';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';

export type CouponType = 'amount_off' | 'percent_off';
export type Distribution = 'public' | 'code' | 'prize';

export type Validity = { type: 'absolute'; startsAt: string; endsAt: string } | { type: 'relative'; days: number };

/** A coupon template as the merchant sees it (GET /v1/merchant/coupon-templates/:id). */
export interface CouponTemplate extends CampaignBase {
  name: string;
  type: CouponType;
  valueFen: number | null;
  percentOff: number | null;
  maxDiscountFen: number | null;
  minSpendFen: number;
  distribution: Distribution;
  totalQuantity: number;
  perUserLimit: number;
  claimStartsAt: string;
  claimEndsAt: string;
  validity: Validity;
  productIds: string[] | null;
  stats: { claimed: number; used: number; remaining: number };
}

export const COUPON_TYPES: CouponType[] = ['amount_off', 'percent_off'];
export const DISTRIBUTIONS: Distribution[] = ['public', 'code', 'prize'];

/** Once claims have opened only the name, a later claim end and more coupons may change. */
export const EDITABLE_WHEN_STARTED = ['name', 'claimEndsAt', 'totalQuantity'];

export const couponTemplateKind: CampaignKind<CouponTemplate> = {
  path: 'coupon-templates',
  areaKey: 'coupon-templates',
  titleKey: 'couponTemplates:title',
  nameOf: (template) => template.name,
  columns: ({ t, zone }) => [
    {
      key: 'discount',
      title: t('couponTemplates:column.discount'),
      render: (_, template) =>
        template.type === 'amount_off'
          ? t('couponTemplates:discount.amount', { amount: displayYuan(template.valueFen ?? 0) })
          : t('couponTemplates:discount.percent', { percent: template.percentOff }),
    },
    {
      key: 'distribution',
      title: t('couponTemplates:field.distribution'),
      render: (_, template) => t(`couponTemplates:distribution.${template.distribution}`),
    },
    {
      key: 'claimed',
      title: t('couponTemplates:column.claimed'),
      align: 'right',
      render: (_, template) => `${template.stats.claimed} / ${template.totalQuantity}`,
    },
    {
      key: 'claimEndsAt',
      title: t('couponTemplates:field.claimEndsAt'),
      render: (_, template) => formatDateTime(template.claimEndsAt, zone),
    },
  ],
  counters: [
    { key: 'claims', labelKey: 'couponTemplates:timeline.claims' },
    { key: 'used', labelKey: 'couponTemplates:timeline.used' },
  ],
};
