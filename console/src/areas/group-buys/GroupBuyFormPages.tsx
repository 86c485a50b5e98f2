import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { campaignApiPath } from '../../campaigns/campaign-kind';
import { campaignLock } from '../../campaigns/campaign-lock';
import { useCampaign, useRefreshCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import type { GroupBuy } from './group-buy';
import { GroupBuyForm } from './GroupBuyForm';

/** Once started, a group-buy may only end later (it has no name and no stock). */
const EDITABLE_WHEN_STARTED = ['endsAt'];

export function GroupBuyCreatePage() {
  const { t } = useTranslation('groupBuys');
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('group-buys');
  return (
    <>
      <PageHeader title={t('form.createTitle')} />
      <GroupBuyForm
        onSubmit={async (body) => {
          const created = await api.post<GroupBuy>(campaignApiPath('group-buys'), body);
          await refresh(created.id);
          void navigate(`/group-buys/${encodeURIComponent(created.id)}`);
        }}
        onCancel={() => void navigate('/group-buys')}
      />
    </>
  );
}

export function GroupBuyEditPage() {
  const { t } = useTranslation('groupBuys');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('group-buys');
  const campaign = useCampaign<GroupBuy>('group-buys', id, { live: false });
  const back = () => void navigate(`/group-buys/${encodeURIComponent(id)}`);

  return (
    <>
      <PageHeader title={t('form.editTitle')} subtitle={campaign.data?.productName} />
      {campaign.error && <Alert type="error" showIcon title={campaign.error.message} />}
      {campaign.isPending && <Skeleton active />}
      {campaign.data && (
        <GroupBuyForm
          edit={{ campaign: campaign.data, lock: campaignLock(campaign.data, EDITABLE_WHEN_STARTED) }}
          onSubmit={async (body) => {
            if (Object.keys(body).length > 0) await api.patch(campaignApiPath('group-buys', id), body);
            await refresh(id);
            back();
          }}
          onCancel={back}
        />
      )}
    </>
  );
}
