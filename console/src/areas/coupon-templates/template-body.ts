import type { CouponType, Distribution } from './coupon-template';

/** What the template form holds: the contract's fields, plus "all products" in place of productIds: null. */
export interface TemplateValues {
  name: string;
  type: CouponType;
  valueFen?: number | null;
  percentOff?: number | null;
  maxDiscountFen?: number | null;
  minSpendFen?: number | null;
  distribution: Distribution;
  totalQuantity: number;
  perUserLimit?: number | null;
  claimStartsAt: string;
  claimEndsAt: string;
  validity: { type: 'absolute' | 'relative'; startsAt?: string; endsAt?: string; days?: number | null };
  allProducts: boolean;
  productIds?: string[];
}

const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

/**
 * The request body for the form's values. The field of the other coupon type goes as null (what switching type on
 * an edit takes: docs/merchants.md) and so does the other validity's; empty optional fields take the defaults.
 */
export function templateBody(values: TemplateValues): Record<string, unknown> {
  const amount = values.type === 'amount_off';
  const { validity } = values;
  return {
    name: values.name,
    type: values.type,
    valueFen: amount ? orNull(values.valueFen) : null,
    percentOff: amount ? null : orNull(values.percentOff),
    maxDiscountFen: amount ? null : orNull(values.maxDiscountFen),
    minSpendFen: values.minSpendFen ?? 0,
    distribution: values.distribution,
    totalQuantity: values.totalQuantity,
    perUserLimit: values.perUserLimit ?? 1,
    claimStartsAt: values.claimStartsAt,
    claimEndsAt: values.claimEndsAt,
    validity:
      validity.type === 'absolute'
        ? { type: 'absolute', startsAt: validity.startsAt, endsAt: validity.endsAt }
        : { type: 'relative', days: validity.days },
    productIds: values.allProducts ? null : (values.productIds ?? []),
  };
}
