import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { campaignApiPath } from '../../campaigns/campaign-kind';
import { campaignLock } from '../../campaigns/campaign-lock';
import { useCampaign, useRefreshCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import type { LuckyDraw } from './lucky-draw';
import { LuckyDrawForm } from './LuckyDrawForm';

/** Once started: the name, a later end, and the prizes' stock (the form keeps the rest of each prize as it was). */
const EDITABLE_WHEN_STARTED = ['name', 'endsAt', 'prizes'];

export function LuckyDrawCreatePage() {
  const { t } = useTranslation('luckyDraws');
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('lucky-draws');
  return (
    <>
      <PageHeader title={t('form.createTitle')} />
      <LuckyDrawForm
        onSubmit={async (body) => {
          const created = await api.post<LuckyDraw>(campaignApiPath('lucky-draws'), body);
          await refresh(created.id);
          void navigate(`/lucky-draws/${encodeURIComponent(created.id)}`);
        }}
        onCancel={() => void navigate('/lucky-draws')}
      />
    </>
  );
}

export function LuckyDrawEditPage() {
  const { t } = useTranslation('luckyDraws');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('lucky-draws');
  const campaign = useCampaign<LuckyDraw>('lucky-draws', id, { live: false });
  const back = () => void navigate(`/lucky-draws/${encodeURIComponent(id)}`);

  return (
    <>
      <PageHeader title={t('form.editTitle')} subtitle={campaign.data?.name} />
      {campaign.error && <Alert type="error" showIcon title={campaign.error.message} />}
      {campaign.isPending && <Skeleton active />}
      {campaign.data && (
        <LuckyDrawForm
          edit={{ campaign: campaign.data, lock: campaignLock(campaign.data, EDITABLE_WHEN_STARTED) }}
          onSubmit={async (body) => {
            if (Object.keys(body).length > 0) await api.patch(campaignApiPath('lucky-draws', id), body);
            await refresh(id);
            back();
          }}
          onCancel={back}
        />
      )}
    </>
  );
}
