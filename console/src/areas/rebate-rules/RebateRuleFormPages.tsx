import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { campaignApiPath } from '../../campaigns/campaign-kind';
import { campaignLock } from '../../campaigns/campaign-lock';
import { useCampaign, useRefreshCampaign } from '../../campaigns/use-campaign';
import { PageHeader } from '../../components/PageHeader';
import type { RebateRule } from './rebate-rule';
import { RebateRuleForm } from './RebateRuleForm';

/** Once started: the name and a later end (rebates already earned keep the terms they were earned under). */
const EDITABLE_WHEN_STARTED = ['name', 'endsAt'];

export function RebateRuleCreatePage() {
  const { t } = useTranslation('rebateRules');
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('rebate-rules');
  return (
    <>
      <PageHeader title={t('form.createTitle')} />
      <RebateRuleForm
        onSubmit={async (body) => {
          const created = await api.post<RebateRule>(campaignApiPath('rebate-rules'), body);
          await refresh(created.id);
          void navigate(`/rebate-rules/${encodeURIComponent(created.id)}`);
        }}
        onCancel={() => void navigate('/rebate-rules')}
      />
    </>
  );
}

export function RebateRuleEditPage() {
  const { t } = useTranslation('rebateRules');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const refresh = useRefreshCampaign('rebate-rules');
  const campaign = useCampaign<RebateRule>('rebate-rules', id, { live: false });
  const back = () => void navigate(`/rebate-rules/${encodeURIComponent(id)}`);

  return (
    <>
      <PageHeader title={t('form.editTitle')} subtitle={campaign.data?.name} />
      {campaign.error && <Alert type="error" showIcon title={campaign.error.message} />}
      {campaign.isPending && <Skeleton active />}
      {campaign.data && (
        <RebateRuleForm
          edit={{ campaign: campaign.data, lock: campaignLock(campaign.data, EDITABLE_WHEN_STARTED) }}
          onSubmit={async (body) => {
            if (Object.keys(body).length > 0) await api.patch(campaignApiPath('rebate-rules', id), body);
            await refresh(id);
            back();
          }}
          onCancel={back}
        />
      )}
    </>
  );
}
