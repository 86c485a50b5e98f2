import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ConfirmAction } from '../components/ConfirmAction';
import { campaignApiPath, type CampaignBase, type CampaignPath } from './campaign-kind';
import { useRefreshCampaign } from './use-campaign';

interface EndCampaignButtonProps {
  path: CampaignPath;
  campaign: Pick<CampaignBase, 'id' | 'status'>;
}

/**
 * "End now" with a confirmation: POST /v1/merchant/<kind>/:id/end, then the page, its timeline and the lists
 * read again. Nothing to end once ended, so the button is gone then.
 */
export function EndCampaignButton({ path, campaign }: EndCampaignButtonProps) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const refresh = useRefreshCampaign(path);
  if (campaign.status === 'ended') return null;
  return (
    <ConfirmAction
      danger
      label={t('end.action')}
      title={t('end.title')}
      description={t('end.description')}
      onConfirm={async () => {
        await api.post(`${campaignApiPath(path, campaign.id)}/end`);
        await refresh(campaign.id);
        void message.success(t('end.done'));
      }}
    />
  );
}
