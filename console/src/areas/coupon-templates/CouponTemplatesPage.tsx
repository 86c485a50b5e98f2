import { CampaignListPage } from '../../campaigns/CampaignListPage';
import { couponTemplateKind } from './coupon-template';

export function CouponTemplatesPage() {
  return <CampaignListPage kind={couponTemplateKind} />;
}
