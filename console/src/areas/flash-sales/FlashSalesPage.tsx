import { CampaignListPage } from '../../campaigns/CampaignListPage';
import { flashSaleKind } from './flash-sale';

export function FlashSalesPage() {
  return <CampaignListPage kind={flashSaleKind} />;
}
