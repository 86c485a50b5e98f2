import { EditOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import type { CampaignBase, CampaignPath } from './campaign-kind';
import { CampaignStatusTag } from './CampaignStatusTag';
import { EndCampaignButton } from './EndCampaignButton';

interface CampaignPageHeaderProps {
  path: CampaignPath;
  campaign: Pick<CampaignBase, 'id' | 'status' | 'endedAt'>;
  title: ReactNode;
}

/** A campaign page's header: its status (and an early end), and until it has ended, edit and end now. */
export function CampaignPageHeader({ path, campaign, title }: CampaignPageHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <PageHeader
      title={title}
      subtitle={<CampaignStatusTag campaign={campaign} showEndedAt />}
      extra={
        campaign.status !== 'ended' && (
          <>
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(`/${path}/${encodeURIComponent(campaign.id)}/edit`)}
            >
              {t('common:action.edit')}
            </Button>
            <EndCampaignButton path={path} campaign={campaign} />
          </>
        )
      }
    />
  );
}
