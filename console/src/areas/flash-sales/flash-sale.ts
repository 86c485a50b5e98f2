import type { CampaignBase, CampaignKind } from '../../campaigns/campaign-kind';
import { displayYuan } from '../../money/money';
import { formatDateTime } from '../../time/time';

/** A flash sale as the merchant sees it (GET /v1/merchant/flash-sales/:id). */
export interface FlashSale extends CampaignBase {
  productId: string;
  productName: string;
  priceFen: number;
  totalStock: number;
  perUserLimit: number;
  startsAt: string;
  endsAt: string;
  paymentWindowSeconds: number;
  /** What shoppers see: upcoming, active, sold_out, ended. */
  saleStatus: 'upcoming' | 'active' | 'sold_out' | 'ended';
  remainingStock: number;
  stats: { totalStock: number; reserved: number; paid: number; remaining: number };
}

/** Once the sale has started only a later end and more stock may change. */
export const EDITABLE_WHEN_STARTED = ['endsAt', 'totalStock'];

export const flashSaleKind: CampaignKind<FlashSale> = {
  path: 'flash-sales',
  areaKey: 'flash-sales',
  titleKey: 'flashSales:title',
  nameOf: (sale) => sale.productName,
  columns: ({ t, zone }) => [
    {
      key: 'price',
      title: t('flashSales:field.price'),
      align: 'right',
      render: (_, sale) => displayYuan(sale.priceFen),
    },
    {
      key: 'sold',
      title: t('flashSales:column.sold'),
      align: 'right',
      render: (_, sale) => `${sale.stats.paid} / ${sale.stats.totalStock}`,
    },
    {
      key: 'startsAt',
      title: t('flashSales:field.startsAt'),
      render: (_, sale) => formatDateTime(sale.startsAt, zone),
    },
    { key: 'endsAt', title: t('flashSales:field.endsAt'), render: (_, sale) => formatDateTime(sale.endsAt, zone) },
  ],
  counters: [
    { key: 'purchases', labelKey: 'flashSales:timeline.purchases' },
    { key: 'paid', labelKey: 'flashSales:timeline.paid' },
  ],
};
